package io.dataops.model.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the JSON text a nested array arrives as (ingest keeps nested values as JSON text in the parent row) into
 * one value map per element, keyed like parent rows: trimmed, lower-cased names, values as text. Validation and
 * the loader read children the same way through this class.
 */
public final class ChildRows {
    /** Decimals as written ("25.00", not the double 25.0), so scale checks see the file's digits. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    /** The array's text is not an array of objects. */
    public static final class NotAnArrayException extends IllegalArgumentException {
        public NotAnArrayException(String message) {
            super(message);
        }
    }

    /** @return the elements in order; none for a missing, blank or JSON null value */
    public static List<Map<String, String>> parse(String json) {
        if (json == null || json.isBlank() || "null".equals(json.trim())) {
            return List.of();
        }
        JsonNode array;
        try {
            array = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new NotAnArrayException("is not valid JSON");
        }
        if (array == null || !array.isArray()) {
            throw new NotAnArrayException("must be an array of objects");
        }
        List<Map<String, String>> elements = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isObject()) {
                throw new NotAnArrayException("must be an array of objects");
            }
            Map<String, String> values = new LinkedHashMap<>();
            element.properties().forEach(field -> values.put(field.getKey().trim().toLowerCase(Locale.ROOT),
                    field.getValue().isNull() ? null
                            : field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString()));
            elements.add(values);
        }
        return elements;
    }

    private ChildRows() {
    }
}
