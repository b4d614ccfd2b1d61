package io.dataops.model.status;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a job is (JOBS.status, the jobs API's {@code status}): the lower-case names are the stored and the wire
 * values, as the API of docs/product-spec.md §6.2 shows them.
 */
public enum JobStatus {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A finished job is never moved again by a late event. */
    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** @return the status named by its stored or wire value, null for a text that names none */
    public static JobStatus of(String value) {
        return Arrays.stream(values()).filter(status -> status.value().equals(value)).findFirst().orElse(null);
    }

    /** The stored value, so a message that names a status reads as the API shows it. */
    @Override
    public String toString() {
        return value();
    }
}
