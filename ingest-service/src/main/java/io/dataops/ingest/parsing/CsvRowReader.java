package io.dataops.ingest.parsing;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import io.dataops.model.events.SourceRow;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a CSV file (RFC 4180, via FastCSV) row by row. The first row is the header; its names are trimmed and
 * lower-cased so they match target columns. A row whose field count differs from the header's is passed on
 * with {@code malformed} set, so it becomes a row error instead of failing the file.
 */
public final class CsvRowReader implements RowReader {
    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> records;
    private final List<String> header;
    private final StringWriter rawText = new StringWriter();
    private final CsvWriter rawWriter;
    private final RecordLimits limits;

    public CsvRowReader(Reader source, char delimiter) {
        this(source, delimiter, RecordLimits.DEFAULT);
    }

    /** Rows and fields beyond {@code limits} become row errors; the rows after them are still read. */
    public CsvRowReader(Reader source, char delimiter, RecordLimits limits) {
        this.limits = limits;
        this.rawWriter = CsvWriter.builder().fieldSeparator(delimiter)
                .lineDelimiter(de.siegmar.fastcsv.writer.LineDelimiter.LF).build(rawText);
        this.csv = CsvReader.builder()
                .fieldSeparator(delimiter)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .skipEmptyLines(true)
                .ofCsvRecord(new ByteOrderMarkSkippingReader(
                        new CsvRecordFilter(source, delimiter, limits.maxRecordChars())));
        this.records = csv.iterator();
        this.header = records.hasNext()
                ? records.next().getFields().stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList()
                : List.of();
    }

    public List<String> header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CsvRecord record = records.next();
        List<String> fields = record.getFields();
        long line = record.getStartingLineNumber();
        if (fields.size() == 1 && CsvRecordFilter.MARKER.equals(fields.get(0))) {
            return new SourceRow(line, null, null, limits.recordTooLarge(), RecordLimits.RECORD_TOO_LARGE);
        }
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).length() > limits.maxFieldChars()) {
                String name = i < header.size() ? header.get(i) : "#" + (i + 1);
                return new SourceRow(line, null, RecordLimits.excerpt(raw(fields)),
                        limits.fieldTooLarge(name, fields.get(i).length()), RecordLimits.FIELD_TOO_LARGE);
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(fields.size(), header.size()); i++) {
            values.put(header.get(i), fields.get(i));
        }
        String malformed = fields.size() == header.size() ? null
                : "Expected " + header.size() + " fields as in the header, found " + fields.size();
        return new SourceRow(line, values, raw(fields), malformed);
    }

    /** The row re-encoded as CSV; one writer per reader, its buffer emptied after each row. */
    private String raw(List<String> fields) {
        try {
            rawWriter.writeRecord(fields);
            rawWriter.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StringBuffer buffer = rawText.getBuffer();
        int end = buffer.length() > 0 && buffer.charAt(buffer.length() - 1) == '\n' ? buffer.length() - 1 : buffer.length();
        String line = buffer.substring(0, end);
        buffer.setLength(0);
        return line;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
