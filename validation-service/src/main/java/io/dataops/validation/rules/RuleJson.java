package io.dataops.validation.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;
import java.util.Map;

/** The JSON text of rule parameters (VALIDATION_RULES.parameters) and of a run's rule set (RUN_RULES.rules). */
public final class RuleJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public static String parameters(Map<String, Object> parameters) {
        return parameters == null || parameters.isEmpty() ? null : write(parameters);
    }

    public static Map<String, Object> parameters(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored rule parameters are not JSON: " + json, e);
        }
    }

    public static String ruleSet(List<RuleDefinition> rules) {
        return write(rules);
    }

    public static List<RuleDefinition> ruleSet(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<RuleDefinition>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored run rules are not readable: " + e.getMessage(), e);
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private RuleJson() {
    }
}
