package io.dataops.validation.rules;

/** DATA_ERRORS.error_type values (docs/product-spec.md §5.4 and §11.3). */
public enum ErrorType {
    /** The row could not be split into the header's columns. */
    MALFORMED_ROW,
    /** The row (a CSV line, a JSON element) was longer than ingest reads (dataops.ingest.max-record-chars). */
    RECORD_TOO_LARGE,
    /** A value of the row was longer than ingest reads (dataops.ingest.max-field-chars). */
    FIELD_TOO_LARGE,
    /** A JSON element was not an object (a number, string, true, false, null or an array), so it has no fields. */
    NOT_AN_OBJECT,
    /** A JSON object named a field twice, so which value is meant cannot be told. */
    DUPLICATE_FIELD,
    /** A CSV row has a quote inside a field that does not start with one (docs/input-formats.md). */
    STRAY_QUOTE,
    /** A CSV row has text between a closing quote and the next delimiter or line break (docs/input-formats.md). */
    TEXT_AFTER_QUOTE,
    /** A required field is missing or blank. */
    REQUIRED,
    /** The value is not of the column's type (a number, a date...). */
    TYPE,
    /** The value breaks a format rule such as email or a regular expression. */
    FORMAT,
    /** The value is outside the allowed range (negative where positive is required, too many digits, a future date). */
    RANGE,
    /** The text is longer (or shorter) than allowed. */
    LENGTH,
    /** The natural key was already loaded (loader), or the value already appeared earlier in the file (unique rule). */
    DUPLICATE,
    /** The value is not one of the rule's allowed values (enum rule). */
    ENUM,
    /** The loader found no loaded row the reference names (an order's unknown customer_code). */
    REFERENCE,
    /** The database refused a value as too large for its column. */
    VALUE_TOO_LARGE,
    /** The database refused the row for another data or constraint reason. */
    DB_REJECTED
}
