package io.dataops.ingest.parsing;

import io.dataops.model.events.SourceRow;
import io.dataops.model.problem.ErrorCode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a CSV file (RFC 4180, docs/input-formats.md "CSV") row by row. The first record is the header; its names are
 * trimmed and lower-cased so they match target columns, and must be neither empty nor repeated. A row that cannot be
 * split into the header's columns (another field count, a misplaced quote) is passed on as a row error instead of
 * failing the file; a fault no row can hold (the header, a quoted field open to the end) stops reading with a
 * {@link CsvFormatException}.
 */
public final class CsvRowReader implements RowReader {
    /** DATA_ERRORS.error_type of a row with a quote inside an unquoted field ({@code ab"c}). */
    public static final String STRAY_QUOTE = "STRAY_QUOTE";
    /** DATA_ERRORS.error_type of a row with text between a closing quote and the next delimiter ({@code "ab"c}). */
    public static final String TEXT_AFTER_QUOTE = "TEXT_AFTER_QUOTE";

    private final Reader source;
    private final CsvRecordScanner scanner;
    private final List<String> header;
    private final RecordLimits limits;
    private CsvRecordScanner.Record ahead;

    public CsvRowReader(Reader source, char delimiter) {
        this(source, delimiter, RecordLimits.DEFAULT);
    }

    /** Rows and fields beyond {@code limits} become row errors; the rows after them are still read. */
    public CsvRowReader(Reader source, char delimiter, RecordLimits limits) {
        this.source = source;
        this.limits = limits;
        try {
            this.scanner = new CsvRecordScanner(new ByteOrderMarkSkippingReader(source), delimiter,
                    limits.maxRecordChars());
            this.header = header(scan(true));
        } catch (RuntimeException e) {
            // the caller never gets a reader to close
            closeQuietly(source, e);
            throw e;
        }
    }

    private static void closeQuietly(Reader source, RuntimeException failure) {
        try {
            source.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    public List<String> header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        if (ahead == null) {
            ahead = scan(false);
        }
        return ahead != null;
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CsvRecordScanner.Record record = ahead;
        ahead = null;
        long line = record.line();
        if (record.fault() == CsvRecordScanner.Fault.TOO_LARGE) {
            return new SourceRow(line, null, null, limits.recordTooLarge(), RecordLimits.RECORD_TOO_LARGE);
        }
        String raw = record.raw();
        if (record.fault() == CsvRecordScanner.Fault.STRAY_QUOTE) {
            return new SourceRow(line, null, RecordLimits.excerpt(raw), "A quote at line " + record.faultLine()
                    + ", column " + record.faultColumn() + " is inside a field that does not start with a quote; a field"
                    + " holding a quote must be enclosed in quotes, the quote doubled (RFC 4180)", STRAY_QUOTE);
        }
        if (record.fault() == CsvRecordScanner.Fault.TEXT_AFTER_QUOTE) {
            return new SourceRow(line, null, RecordLimits.excerpt(raw), "Text follows the closing quote at line "
                    + record.faultLine() + ", column " + record.faultColumn() + "; a quoted field ends at a delimiter or"
                    + " a line break, and a quote inside it is doubled (RFC 4180)", TEXT_AFTER_QUOTE);
        }
        List<String> fields = record.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).length() > limits.maxFieldChars()) {
                String name = i < header.size() ? header.get(i) : "#" + (i + 1);
                return new SourceRow(line, null, RecordLimits.excerpt(raw),
                        limits.fieldTooLarge(name, fields.get(i).length()), RecordLimits.FIELD_TOO_LARGE);
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(fields.size(), header.size()); i++) {
            values.put(header.get(i), fields.get(i));
        }
        String malformed = fields.size() == header.size() ? null
                : "Expected " + header.size() + " fields as in the header, found " + fields.size();
        return new SourceRow(line, values, raw, malformed);
    }

    private CsvRecordScanner.Record scan(boolean withFieldColumns) {
        try {
            return scanner.next(withFieldColumns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header's names, or an empty list for a file without any record. */
    private List<String> header(CsvRecordScanner.Record record) {
        if (record == null) {
            return List.of();
        }
        if (record.fault() != null) {
            throw switch (record.fault()) {
                case TOO_LARGE -> new CsvFormatException(ErrorCode.CSV_MALFORMED_HEADER, record.line(), 1,
                        "the header has more than " + limits.maxRecordChars() + " characters");
                case STRAY_QUOTE -> new CsvFormatException(ErrorCode.CSV_MALFORMED_HEADER, record.faultLine(),
                        record.faultColumn(), "a quote inside a header name that does not start with a quote");
                case TEXT_AFTER_QUOTE -> new CsvFormatException(ErrorCode.CSV_MALFORMED_HEADER, record.faultLine(),
                        record.faultColumn(), "text follows the closing quote of a header name");
            };
        }
        List<String> names = new ArrayList<>(record.fields().size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < record.fields().size(); i++) {
            String name = record.fields().get(i).trim().toLowerCase(Locale.ROOT);
            long[] at = record.fieldColumns()[i];
            if (name.isEmpty()) {
                throw new CsvFormatException(ErrorCode.CSV_EMPTY_HEADER, at[0], at[1], "header field " + (i + 1)
                        + " has no name, so its values could not be given to any column");
            }
            Integer earlier = seen.putIfAbsent(name, i + 1);
            if (earlier != null) {
                throw new CsvFormatException(ErrorCode.CSV_DUPLICATE_HEADER, at[0], at[1], "header field " + (i + 1)
                        + " is named '" + name + "' like field " + earlier + " (names are compared trimmed and in"
                        + " lower case)");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
