package io.dataops.validation.rules;

/** One failure of one field of one row; a row may have several. */
public record RowError(long rowNumber, String field, String value, ErrorType type, String message) {
}
