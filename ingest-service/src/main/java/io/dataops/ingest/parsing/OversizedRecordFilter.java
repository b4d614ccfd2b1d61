package io.dataops.ingest.parsing;

import java.io.IOException;
import java.io.Reader;

/**
 * Sits between a file and its parser and holds one record at a time, at most {@code maxRecordChars} of it. A
 * record that grows beyond that is dropped as it streams by and replaced by {@link #MARKER}, so the parser never
 * buffers it and the reader turns the marker into a RECORD_TOO_LARGE row error. Subclasses know where a record of
 * their format starts and ends.
 */
abstract class OversizedRecordFilter extends Reader {
    private final Reader source;
    private final int maxRecordChars;
    private final char[] chunk = new char[8192];
    private int chunkPos;
    private int chunkEnd;
    private final StringBuilder record = new StringBuilder();
    private final StringBuilder out = new StringBuilder();
    private int outPos;
    private boolean overflowed;
    private boolean eof;

    OversizedRecordFilter(Reader source, int maxRecordChars) {
        this.source = source;
        this.maxRecordChars = maxRecordChars;
    }

    /** Takes the next character; answers whether it ends the current record (the character belongs to it). */
    protected abstract boolean endsRecord(char c);

    /** Whether {@code c}, seen outside any record, opens one (CSV: every character; JSON: '{' at element depth). */
    protected abstract boolean inRecord();

    /** What the parser sees instead of a dropped record. */
    protected abstract String marker();

    /** Called for each dropped character, so a subclass can keep line breaks the parser counts. */
    protected void dropped(char c, StringBuilder replacement) {
    }

    @Override
    public int read(char[] target, int off, int len) throws IOException {
        while (outPos >= out.length()) {
            out.setLength(0);
            outPos = 0;
            if (eof) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, out.length() - outPos);
        out.getChars(outPos, outPos + n, target, off);
        outPos += n;
        return n;
    }

    /** Moves input to {@code out} until at least one record, or the end of the input, has been passed on. */
    private void fill() throws IOException {
        StringBuilder lineBreaks = new StringBuilder();
        while (true) {
            if (chunkPos >= chunkEnd) {
                chunkEnd = source.read(chunk, 0, chunk.length);
                chunkPos = 0;
                if (chunkEnd <= 0) {
                    eof = true;
                    chunkEnd = 0;
                    finishRecord(lineBreaks);
                    return;
                }
            }
            char c = chunk[chunkPos++];
            boolean wasInRecord = inRecord();
            boolean ends = endsRecord(c);
            if (!wasInRecord && !inRecord() && !ends) {
                // between records (JSON commas, brackets, white space): passed on as it is
                out.append(c);
                if (out.length() >= chunk.length) {
                    return;
                }
                continue;
            }
            if (overflowed) {
                dropped(c, lineBreaks);
            } else {
                record.append(c);
                if (record.length() > maxRecordChars) {
                    overflowed = true;
                    for (int i = 0; i < record.length(); i++) {
                        dropped(record.charAt(i), lineBreaks);
                    }
                    record.setLength(0);
                    record.trimToSize();
                }
            }
            if (ends) {
                finishRecord(lineBreaks);
                return;
            }
        }
    }

    private void finishRecord(StringBuilder lineBreaks) {
        if (overflowed) {
            out.append(marker()).append(lineBreaks);
            lineBreaks.setLength(0);
            overflowed = false;
        } else {
            out.append(record);
        }
        record.setLength(0);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
