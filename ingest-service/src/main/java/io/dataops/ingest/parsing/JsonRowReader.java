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

    public JsonRowReader(Reader source) {
        try {
            this.parser = new JsonFactory().createParser(new ByteOrderMarkSkippingReader(source));
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
            Map<String, String> values = new LinkedHashMap<>();
            object.properties().forEach(field -> values.put(field.getKey().trim().toLowerCase(Locale.ROOT),
                    text(field.getValue())));
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
