package io.dataops.validation.rules;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The value checks of the rule catalogue. Each returns a failure or null; a custom message replaces the main one. */
final class ValueChecks {
    /** The email pattern of docs/product-spec.md §5.4. */
    static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    /**
     * Character reads one value's regular-expression match may make. A pattern without nested repetition reads each
     * character a few times, so a million covers values far longer than any column; catastrophic backtracking
     * passes it within milliseconds.
     */
    static final int REGEX_STEPS_PER_VALUE = 1_000_000;
    private static final Set<String> BOOLEANS = Set.of("true", "false", "1", "0", "yes", "no", "y", "n");

    static FieldCheck integer(String field) {
        return value -> INTEGER.matcher(value).matches() ? null
                : new FieldCheck.Failure(ErrorType.TYPE, field + " must be a whole number");
    }

    static FieldCheck decimal(String field, Integer scale) {
        return value -> {
            BigDecimal number = parse(value);
            if (number == null) {
                return new FieldCheck.Failure(ErrorType.TYPE, field + " must be a number");
            }
            if (scale != null && Math.max(0, number.stripTrailingZeros().scale()) > scale) {
                return new FieldCheck.Failure(ErrorType.TYPE, field + " must have at most " + scale + " decimal places");
            }
            return null;
        };
    }

    static FieldCheck date(String field, DateTimeFormatter format, String formatName) {
        return value -> parseDate(value, format) != null ? null
                : new FieldCheck.Failure(ErrorType.TYPE, field + " must be a date like " + formatName);
    }

    static FieldCheck bool(String field) {
        return value -> BOOLEANS.contains(value.toLowerCase(Locale.ROOT)) ? null
                : new FieldCheck.Failure(ErrorType.TYPE, field + " must be true or false");
    }

    static FieldCheck email(String field, String message) {
        return value -> EMAIL.matcher(value).matches() ? null
                : new FieldCheck.Failure(ErrorType.FORMAT, or(message, "Invalid email format"));
    }

    static FieldCheck range(String field, BigDecimal min, BigDecimal max, String message) {
        String text;
        if (min != null && max != null) {
            text = field + " must be between " + min.toPlainString() + " and " + max.toPlainString();
        } else if (min != null) {
            text = min.signum() == 0 ? field + " cannot be negative" : field + " must be at least " + min.toPlainString();
        } else {
            text = field + " must be at most " + max.toPlainString();
        }
        String failure = or(message, text);
        return value -> {
            BigDecimal number = parse(value);
            if (number == null) {
                return new FieldCheck.Failure(ErrorType.TYPE, field + " must be a number");
            }
            boolean low = min != null && number.compareTo(min) < 0;
            boolean high = max != null && number.compareTo(max) > 0;
            return low || high ? new FieldCheck.Failure(ErrorType.RANGE, failure) : null;
        };
    }

    static FieldCheck length(String field, Integer min, Integer max, String message) {
        return value -> {
            int length = value.codePointCount(0, value.length());
            if (min != null && length < min) {
                return new FieldCheck.Failure(ErrorType.LENGTH, or(message, field + " has " + length
                        + " characters; at least " + min + " are required"));
            }
            if (max != null && length > max) {
                return new FieldCheck.Failure(ErrorType.LENGTH, or(message, field + " has " + length
                        + " characters; at most " + max + " are allowed"));
            }
            return null;
        };
    }

    /**
     * An admin's pattern, matched with a budget of {@link #REGEX_STEPS_PER_VALUE} character reads: java.util.regex
     * backtracks, so a pattern like {@code (.*a){20}} takes astronomical time on "aaaa...!" and would hold a stage's
     * consumer thread forever. A value that exhausts the budget fails the rule as a FORMAT error naming the reason.
     */
    static FieldCheck regex(String field, Pattern pattern, String message) {
        return value -> {
            try {
                return pattern.matcher(new BudgetedText(value, REGEX_STEPS_PER_VALUE)).matches() ? null
                        : new FieldCheck.Failure(ErrorType.FORMAT, or(message, field + " does not match " + pattern.pattern()));
            } catch (BudgetedText.Exhausted e) {
                return new FieldCheck.Failure(ErrorType.FORMAT, field + " could not be checked against "
                        + pattern.pattern() + ": the pattern needs more than " + REGEX_STEPS_PER_VALUE
                        + " steps on this value (simplify the rule's pattern)");
            }
        };
    }

    static FieldCheck oneOf(String field, List<String> allowed, boolean ignoreCase, String message) {
        Set<String> values = allowed.stream().map(v -> ignoreCase ? v.toLowerCase(Locale.ROOT) : v)
                .collect(Collectors.toSet());
        String failure = or(message, field + " must be one of " + allowed);
        return value -> values.contains(ignoreCase ? value.toLowerCase(Locale.ROOT) : value) ? null
                : new FieldCheck.Failure(ErrorType.ENUM, failure);
    }

    /** {@code asOf} is fixed once per run, so a batch redelivered after midnight gets the same answer. */
    static FieldCheck notFuture(String field, DateTimeFormatter format, String formatName, LocalDate asOf, String message) {
        return value -> {
            LocalDate date = parseDate(value, format);
            if (date == null) {
                return new FieldCheck.Failure(ErrorType.TYPE, field + " must be a date like " + formatName);
            }
            return date.isAfter(asOf) ? new FieldCheck.Failure(ErrorType.RANGE, or(message, field
                    + " is in the future (after " + asOf + ")")) : null;
        };
    }

    static BigDecimal parse(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate parseDate(String value, DateTimeFormatter format) {
        try {
            return LocalDate.from(format.parse(value));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String or(String message, String fallback) {
        return message == null ? fallback : message;
    }

    private ValueChecks() {
    }
}
