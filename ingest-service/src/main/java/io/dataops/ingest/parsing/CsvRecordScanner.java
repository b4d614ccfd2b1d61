package io.dataops.ingest.parsing;

import io.dataops.model.problem.ErrorCode;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records exactly as RFC 4180 writes them, and says where it is not written that way
 * (docs/input-formats.md, "CSV"). A field's characters are kept as written: quoted line breaks stay CR LF, LF or
 * CR, spaces around a field stay, {@code ""} inside a quoted field is one quote. A record ends at a line break
 * outside quotes: CR LF, LF or a lone CR. Blank lines are no record. Positions are 1-based lines (every line break
 * counts, also inside a quoted field) and columns in characters (a supplementary character counts once).
 * <p>
 * Faults that leave the record's end certain (a quote inside an unquoted field, text after a closing quote, a record
 * beyond {@code maxRecordChars}) are reported on the record and reading goes on. A quoted field still open at the
 * end of the input swallowed every line after its quote, so that is a {@link CsvFormatException}.
 */
final class CsvRecordScanner {

    /** What is wrong with a record whose end is still certain. */
    enum Fault { STRAY_QUOTE, TEXT_AFTER_QUOTE, TOO_LARGE }

    /**
     * One record. {@code raw} is its text as written, without the line break that ends it; {@code fields} and
     * {@code raw} are null for a record beyond the size limit. {@code fieldColumns} holds each field's starting line
     * and column when asked for (the header), else null.
     */
    record Record(long line, List<String> fields, String raw, Fault fault, long faultLine, long faultColumn,
                  long[][] fieldColumns) {
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Reader source;
    private final char delimiter;
    private final int maxRecordChars;
    private final char[] buffer = new char[65_536];
    private int pos;
    private int end;
    private boolean eof;

    /** Position of the character read last. */
    private long line = 1;
    private long column;
    private boolean afterCr;
    private boolean afterLf;

    private final StringBuilder raw = new StringBuilder();
    private final StringBuilder field = new StringBuilder();

    CsvRecordScanner(Reader source, char delimiter, int maxRecordChars) {
        this.source = source;
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
    }

    /** The next record, or null at the end of the input. */
    Record next(boolean withFieldColumns) throws IOException {
        int c = read();
        while (c == '\r' || c == '\n') {
            c = read();
        }
        if (c == -1) {
            return null;
        }
        long recordLine = line;
        List<String> fields = new ArrayList<>();
        List<long[]> columns = withFieldColumns ? new ArrayList<>() : null;
        raw.setLength(0);
        field.setLength(0);
        Fault fault = null;
        long faultLine = 0;
        long faultColumn = 0;
        long quoteLine = 0;
        long quoteColumn = 0;
        long endLine;
        long endColumn;
        State state = State.FIELD_START;
        while (true) {
            if (c == -1) {
                if (state == State.QUOTED) {
                    throw new CsvFormatException(ErrorCode.CSV_UNTERMINATED_QUOTE, quoteLine, quoteColumn,
                            "the quoted field that opens here is not closed before the end of the file (line " + line
                                    + "), so every line after it belongs to that field");
                }
                endLine = line;
                endColumn = column + 1;
                break;
            }
            if ((c == '\r' || c == '\n') && state != State.QUOTED) {
                endLine = line;
                endColumn = column;
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                break;
            }
            if (state == State.FIELD_START && columns != null) {
                columns.add(new long[]{line, column});
            }
            switch (state) {
                case FIELD_START -> {
                    if (c == '"') {
                        state = State.QUOTED;
                        quoteLine = line;
                        quoteColumn = column;
                    } else if (c == delimiter) {
                        endField(fields);
                    } else {
                        field.append((char) c);
                        state = State.UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    if (c == delimiter) {
                        endField(fields);
                        state = State.FIELD_START;
                    } else {
                        if (c == '"' && fault == null) {
                            fault = Fault.STRAY_QUOTE;
                            faultLine = line;
                            faultColumn = column;
                        }
                        field.append((char) c);
                    }
                }
                case QUOTED -> {
                    if (c == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else {
                        field.append((char) c);
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (c == '"') {
                        field.append('"');
                        state = State.QUOTED;
                    } else if (c == delimiter) {
                        endField(fields);
                        state = State.FIELD_START;
                    } else {
                        if (fault == null) {
                            fault = Fault.TEXT_AFTER_QUOTE;
                            faultLine = line;
                            faultColumn = column;
                        }
                        // the rest of the field is read as unquoted text: its quotes open nothing
                        field.append((char) c);
                        state = State.UNQUOTED;
                    }
                }
            }
            if (fields != null) {
                raw.append((char) c);
                if (raw.length() > maxRecordChars) {
                    // from here on only the quoting is followed, to find where the record ends
                    fields = null;
                    releaseText();
                }
            } else {
                field.setLength(0);
            }
            c = read();
        }
        if (fields == null) {
            return new Record(recordLine, null, null, Fault.TOO_LARGE, recordLine, 1, null);
        }
        // the last field: after a delimiter, at a line break or at the end of the input
        if (columns != null && columns.size() == fields.size()) {
            columns.add(new long[]{endLine, endColumn});
        }
        fields.add(take());
        return new Record(recordLine, fields, raw.toString(), fault, faultLine, faultColumn,
                columns == null ? null : columns.toArray(long[][]::new));
    }

    /** Ends the current field; a record past the size limit keeps no fields. */
    private void endField(List<String> fields) {
        if (fields != null) {
            fields.add(take());
        } else {
            field.setLength(0);
        }
    }

    private String take() {
        String value = field.toString();
        field.setLength(0);
        return value;
    }

    /** Lets go of a huge record's text, so an oversized record costs no more memory than the limit. */
    private void releaseText() {
        raw.setLength(0);
        raw.trimToSize();
        field.setLength(0);
        field.trimToSize();
    }

    private int read() throws IOException {
        if (pos >= end && !fill()) {
            return -1;
        }
        char c = buffer[pos++];
        if (afterLf || afterCr && c != '\n') {
            line++;
            column = 0;
        }
        afterLf = c == '\n';
        afterCr = c == '\r';
        if (!Character.isLowSurrogate(c)) {
            column++;
        }
        return c;
    }

    private int peek() throws IOException {
        if (pos >= end && !fill()) {
            return -1;
        }
        return buffer[pos];
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = source.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
