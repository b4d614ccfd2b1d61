package io.dataops.validation.rules;

import java.util.Map;
import java.util.TreeMap;

/**
 * One checked rule: a field of a target, a rule type, its parameters and an optional message that replaces the
 * default text of the rule's main failure. A run's effective rule set is a list of these (stored as JSON).
 */
public record RuleDefinition(String field, RuleType type, Map<String, Object> parameters, String message) {

    public RuleDefinition {
        // sorted, so the JSON of a rule set is the same text every time it is written
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    public static RuleDefinition of(String field, RuleType type) {
        return new RuleDefinition(field, type, Map.of(), null);
    }

    public static RuleDefinition of(String field, RuleType type, Map<String, Object> parameters) {
        return new RuleDefinition(field, type, parameters, null);
    }
}
