package io.dataops.ingest.parsing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataops.model.events.SourceRow;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a top-level JSON array of objects, or NDJSON (one object a line), with Jackson's streaming parser:
 * one object in memory at a time. The row number is the object's position (1 for the first object).
 */
public final class JsonRowReader implements RowReader {
    /** Decimals as written ("25.00", not the double 25.0): validation checks scale and digits on the file's text. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private final JsonParser parser;
    private final boolean array;
    private JsonToken pending;
    private long rowNumber;
    private final RecordLimits limits;

    public JsonRowReader(Reader source) {
        this(source, RecordLimits.DEFAULT);
    }

    /** Elements and values beyond {@code limits} become row errors; the elements after them are still read. */
    public JsonRowReader(Reader source, RecordLimits limits) {
        this.limits = limits;
        try {
            this.parser = new JsonFactory().createParser(new ByteOrderMarkSkippingReader(
                    new JsonRecordFilter(source, limits.maxRecordChars())));
            this.parser.setCodec(MAPPER);
            JsonToken first = parser.nextToken();
            this.array = first == JsonToken.START_ARRAY;
            this.pending = array ? parser.nextToken() : first;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean hasNext() {
        return pending == JsonToken.START_OBJECT;
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            ObjectNode object = parser.readValueAsTree();
            pending = parser.nextToken();
            if (pending != null && pending != JsonToken.START_OBJECT && !(array && pending == JsonToken.END_ARRAY)) {
                throw new IOException("Expected an object at line " + parser.currentLocation().getLineNr());
            }
            rowNumber++;
            if (object.size() == 1 && object.has(JsonRecordFilter.MARKER_KEY)) {
                return new SourceRow(rowNumber, null, null, limits.recordTooLarge(), RecordLimits.RECORD_TOO_LARGE);
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (var field : object.properties()) {
                String name = field.getKey().trim().toLowerCase(Locale.ROOT);
                String value = text(field.getValue());
                if (value != null && value.length() > limits.maxFieldChars()) {
                    return new SourceRow(rowNumber, null, RecordLimits.excerpt(object.toString()),
                            limits.fieldTooLarge(name, value.length()), RecordLimits.FIELD_TOO_LARGE);
                }
                values.put(name, value);
            }
            return SourceRow.of(rowNumber, values, object.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
