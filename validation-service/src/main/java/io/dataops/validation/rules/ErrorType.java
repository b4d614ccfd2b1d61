package io.dataops.validation.rules;

/** DATA_ERRORS.error_type values (seed section 5.4 and 11.3). */
public enum ErrorType {
    /** The row could not be split into the header's columns. */
    MALFORMED_ROW,
    /** A required field is missing or blank. */
    REQUIRED,
    /** The value is not of the column's type (a number, a date...). */
    TYPE,
    /** The value breaks a format rule such as email. */
    FORMAT,
    /** The value is outside the allowed range (negative where positive is required, too many digits). */
    RANGE,
    /** The text is longer than the column holds. */
    LENGTH,
    /** The loader found the natural key already loaded. */
    DUPLICATE,
    /** The loader found no loaded row the reference names (an order's unknown customer_code). */
    REFERENCE,
    /** The database refused a value as too large for its column. */
    VALUE_TOO_LARGE,
    /** The database refused the row for another data or constraint reason. */
    DB_REJECTED
}
