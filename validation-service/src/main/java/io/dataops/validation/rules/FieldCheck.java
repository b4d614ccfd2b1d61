package io.dataops.validation.rules;

/** One rule's check of one field's non-empty, trimmed value. */
@FunctionalInterface
public interface FieldCheck {

    /** Why the value fails, or null when it passes. */
    Failure check(String value);

    record Failure(ErrorType type, String message) {
    }
}
