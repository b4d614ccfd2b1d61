package io.dataops.model.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What the loader does with a row whose natural key was already loaded from another file: INSERT (the default,
 * the behaviour of docs/product-spec.md §5.4) reports it as a DUPLICATE, UPSERT updates the stored row with it. Either way the same file
 * run again changes nothing. Set per run by the process body's {@code "mode"}.
 */
public enum LoadMode {
    INSERT, UPSERT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the mode named (case-insensitive), INSERT for null or blank */
    @JsonCreator
    public static LoadMode parse(String name) {
        if (name == null || name.isBlank()) {
            return INSERT;
        }
        for (LoadMode mode : values()) {
            if (mode.name().equalsIgnoreCase(name.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be one of insert, upsert");
    }
}
