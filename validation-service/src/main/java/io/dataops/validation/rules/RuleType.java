package io.dataops.validation.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of rule types a VALIDATION_RULES row or a run may use, by their API names. The order is the order
 * in which a field's rules are checked: a TYPE failure stops the field's later rules.
 */
public enum RuleType {
    REQUIRED("required"),
    TYPE("type"),
    EMAIL("email"),
    RANGE("range"),
    LENGTH("length"),
    REGEX("regex"),
    ENUM("enum"),
    NOT_FUTURE("not_future"),
    UNIQUE("unique"),
    /** Checked by loader-service against the loaded keys (REFERENCE errors); validation only stores it. */
    REFERENCE("reference");

    private final String apiName;

    RuleType(String apiName) {
        this.apiName = apiName;
    }

    @JsonValue
    public String apiName() {
        return apiName;
    }

    public static Optional<RuleType> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase();
        return Arrays.stream(values()).filter(t -> t.apiName.equals(wanted)).findFirst();
    }

    @JsonCreator
    public static RuleType fromJson(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("Unknown rule type " + name));
    }

    public static List<String> apiNames() {
        return Arrays.stream(values()).map(RuleType::apiName).toList();
    }
}
