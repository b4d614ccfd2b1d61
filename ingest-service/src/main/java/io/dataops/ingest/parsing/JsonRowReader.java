package io.dataops.ingest.parsing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.dataops.model.events.SourceRow;
import io.dataops.model.problem.ErrorCode;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads RFC 8259 JSON as rows, one element in memory at a time: a top-level array whose elements are rows, or
 * objects one after another (NDJSON; a single object is one row). Row N is the N-th element, counted from 1 whatever
 * its kind. What docs/input-formats.md ("JSON") promises is decided here:
 * <ul>
 *   <li>an element that is not an object, or an object naming a field twice, is a row error
 *       ({@link #NOT_AN_OBJECT}, {@link #DUPLICATE_FIELD}) and the elements after it are read;</li>
 *   <li>text that is not JSON, nesting deeper than {@link #MAX_DEPTH}, a top-level scalar, an escaped lone surrogate
 *       or anything after the top-level array stops the file with an {@link InvalidJsonException} giving its code
 *       and position; the rows before it have been handed on;</li>
 *   <li>values reach the row as written: numbers keep their digits, exponent and trailing zeros; a nested array
 *       or object is its compact JSON text (how orders carry their items).</li>
 * </ul>
 */
public final class JsonRowReader implements RowReader {
    /** Levels of nested arrays and objects a file may have, the top-level array (or an NDJSON object) being one. */
    public static final int MAX_DEPTH = 64;
    /** DATA_ERRORS.error_type of an element that is a number, string, true, false, null or an array. */
    public static final String NOT_AN_OBJECT = "NOT_AN_OBJECT";
    /** DATA_ERRORS.error_type of an object that names a field twice (also when names differ only in case or spaces). */
    public static final String DUPLICATE_FIELD = "DUPLICATE_FIELD";

    private final JsonFactory factory;
    private final JsonParser parser;
    private final RecordLimits limits;
    /** Null until the first value says which: true for a top-level array, false for objects one after another. */
    private Boolean array;
    private SourceRow pending;
    private boolean ended;
    private long rowNumber;

    public JsonRowReader(Reader source) {
        this(source, RecordLimits.DEFAULT);
    }

    /** Elements and values beyond {@code limits} become row errors; the elements after them are still read. */
    public JsonRowReader(Reader source, RecordLimits limits) {
        this.limits = limits;
        this.factory = strictFactory(limits);
        try {
            this.parser = factory.createParser(new ByteOrderMarkSkippingReader(
                    new JsonRecordFilter(source, limits.maxRecordChars())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every JsonReadFeature relaxes RFC 8259 (comments, single quotes, NaN, leading zeros, trailing commas...): all
     * are off, whatever a later Jackson makes its default. Tokens may be as long as a record, since the record
     * filter already bounds everything inside an element; only a bare number outside any record can reach that.
     */
    private static JsonFactory strictFactory(RecordLimits limits) {
        JsonFactoryBuilder builder = new JsonFactoryBuilder();
        for (JsonReadFeature relaxation : JsonReadFeature.values()) {
            builder.disable(relaxation);
        }
        int longest = Math.max(limits.maxRecordChars(), 1000);
        return builder.streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(longest).maxNumberLength(longest).maxNameLength(longest)
                .maxNestingDepth(MAX_DEPTH + 1).build()).build();
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !ended) {
            try {
                pending = read();
            } catch (RuntimeException e) {
                ended = true;
                throw e;
            }
        }
        return pending != null;
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SourceRow row = pending;
        pending = null;
        return row;
    }

    private SourceRow read() {
        try {
            JsonToken token = parser.nextToken();
            if (array == null) {
                token = start(token);
            }
            if (token == JsonToken.END_ARRAY) {
                if (parser.nextToken() != null) {
                    throw invalid(ErrorCode.JSON_SYNTAX_ERROR, "content after the end of the top-level array",
                            parser.currentTokenLocation(), null);
                }
                token = null;
            }
            if (token == null) {
                ended = true;
                return null;
            }
            rowNumber++;
            return token == JsonToken.START_OBJECT ? object(array ? 2 : 1) : notAnObject(token, array ? 2 : 1);
        } catch (StreamConstraintsException e) {
            throw invalid(ErrorCode.JSON_VALUE_TOO_LONG, e.getOriginalMessage(), where(e), e);
        } catch (JsonProcessingException e) {
            throw invalid(ErrorCode.JSON_SYNTAX_ERROR, e.getOriginalMessage(), where(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads past the top-level '[' if there is one; answers the first element's token. */
    private JsonToken start(JsonToken first) throws IOException {
        if (first == null) {
            throw invalid(ErrorCode.JSON_SYNTAX_ERROR, "the file holds no JSON value", parser.currentLocation(), null);
        }
        if (first == JsonToken.START_ARRAY) {
            array = true;
            return parser.nextToken();
        }
        if (first == JsonToken.START_OBJECT) {
            array = false;
            return first;
        }
        throw invalid(ErrorCode.JSON_TOP_LEVEL_SCALAR, "the file's top-level value is " + kind(first)
                + "; rows must be a top-level array of objects or objects one after another", parser.currentTokenLocation(), null);
    }

    private SourceRow notAnObject(JsonToken token, int depth) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = factory.createGenerator(text)) {
            copy(out, depth);
        }
        String where = array ? "Element " + rowNumber + " of the top-level array" : "Value " + rowNumber + " of the file";
        return new SourceRow(rowNumber, null, RecordLimits.excerpt(text.toString()),
                where + " is " + kind(token) + ", not an object; every row must be a JSON object", NOT_AN_OBJECT);
    }

    /** The object at the current token as a row, or as a row error once all of it has been read past. */
    private SourceRow object(int depth) throws IOException {
        checkDepth(depth);
        StringWriter raw = new StringWriter();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> spellings = new HashMap<>();
        String duplicate = null;
        String tooLarge = null;
        try (JsonGenerator out = factory.createGenerator(raw)) {
            out.writeStartObject();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String written = unicode(parser.currentName());
                if (values.isEmpty() && JsonRecordFilter.MARKER_KEY.equals(written)) {
                    parser.skipChildren();
                    parser.nextToken();
                    parser.nextToken();
                    return new SourceRow(rowNumber, null, null, limits.recordTooLarge(), RecordLimits.RECORD_TOO_LARGE);
                }
                String name = written.trim().toLowerCase(Locale.ROOT);
                out.writeFieldName(written);
                JsonToken token = parser.nextToken();
                String value;
                if (token.isStructStart()) {
                    StringWriter nested = new StringWriter();
                    try (JsonGenerator inner = factory.createGenerator(nested)) {
                        String innerDuplicate = copy(inner, depth + 1);
                        if (duplicate == null && innerDuplicate != null) {
                            duplicate = "Field '" + innerDuplicate + "' appears more than once in an object inside '"
                                    + name + "'; the row was not read";
                        }
                    }
                    value = nested.toString();
                    out.writeRawValue(value);
                } else {
                    value = token == JsonToken.VALUE_NULL ? null : unicode(parser.getText());
                    copy(out, depth + 1);
                }
                String earlier = spellings.putIfAbsent(name, written);
                if (earlier != null && duplicate == null) {
                    duplicate = "Field '" + name + "' appears more than once in the object"
                            + (earlier.equals(written) ? "" : " (as '" + earlier + "' and '" + written + "')")
                            + "; the row was not read";
                }
                if (value != null && value.length() > limits.maxFieldChars() && tooLarge == null) {
                    tooLarge = limits.fieldTooLarge(name, value.length());
                }
                values.put(name, value);
            }
            out.writeEndObject();
        }
        String text = raw.toString();
        if (tooLarge != null) {
            return new SourceRow(rowNumber, null, RecordLimits.excerpt(text), tooLarge, RecordLimits.FIELD_TOO_LARGE);
        }
        if (duplicate != null) {
            return new SourceRow(rowNumber, null, RecordLimits.excerpt(text), duplicate, DUPLICATE_FIELD);
        }
        return SourceRow.of(rowNumber, values, text);
    }

    /**
     * Writes the value at the current token to {@code out} as compact JSON with numbers as written, and answers the
     * first field name found twice in one of its objects (null if none). {@code depth} is the value's own level.
     */
    private String copy(JsonGenerator out, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        String duplicate = null;
        switch (token) {
            case START_OBJECT -> {
                checkDepth(depth);
                out.writeStartObject();
                Set<String> names = new HashSet<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = unicode(parser.currentName());
                    if (!names.add(name) && duplicate == null) {
                        duplicate = name;
                    }
                    out.writeFieldName(name);
                    parser.nextToken();
                    String inner = copy(out, depth + 1);
                    duplicate = duplicate == null ? inner : duplicate;
                }
                out.writeEndObject();
            }
            case START_ARRAY -> {
                checkDepth(depth);
                out.writeStartArray();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    String inner = copy(out, depth + 1);
                    duplicate = duplicate == null ? inner : duplicate;
                }
                out.writeEndArray();
            }
            case VALUE_STRING -> out.writeString(unicode(parser.getText()));
            // the text as written: 12345678901234567890123 and 1.50e3 must not pass through a double or a BigDecimal
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.writeNumber(parser.getText());
            case VALUE_TRUE, VALUE_FALSE -> out.writeBoolean(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> out.writeNull();
            default -> throw new IllegalStateException("unexpected token " + token);
        }
        return duplicate;
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid(ErrorCode.JSON_TOO_DEEP, "arrays and objects nest more than " + MAX_DEPTH + " levels deep",
                    parser.currentTokenLocation(), null);
        }
    }

    /**
     * RFC 8259 (section 8.2) lets an escape name half a surrogate pair, but such a string is not Unicode text: no
     * database column or UTF-8 message can hold it as written, so it stops the file like bytes the encoding refuses.
     */
    private String unicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid(ErrorCode.JSON_UNPAIRED_SURROGATE, String.format("the escape \\u%04X is half of a"
                        + " surrogate pair without its other half, not a Unicode character", (int) c),
                        parser.currentTokenLocation(), null);
            }
        }
        return text;
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private JsonLocation where(JsonProcessingException e) {
        return e.getLocation() != null ? e.getLocation() : parser.currentLocation();
    }

    private static InvalidJsonException invalid(ErrorCode code, String reason, JsonLocation at, Throwable cause) {
        return new InvalidJsonException(code, reason, at.getLineNr(), at.getColumnNr(), cause);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
