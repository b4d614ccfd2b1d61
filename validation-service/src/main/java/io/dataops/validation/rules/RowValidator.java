package io.dataops.validation.rules;

import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.model.targets.Column;
import io.dataops.model.targets.ColumnType;
import io.dataops.model.targets.TargetTable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one row against its target's column definitions (required, type, length, digits) and the run's rules
 * (required_fields, email_format, positive_numbers). Every failure is reported, not only the first, and a field
 * is reported at most once: a missing value is REQUIRED and nothing else.
 */
public final class RowValidator {
    /** The seed's email pattern (section 5.4). */
    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$");

    private final TargetTable target;
    private final Set<String> required;
    private final Set<String> emailFields;
    private final Set<String> positiveFields;
    private final List<ChildValidator> children;

    public RowValidator(TargetTable target, ValidationRules rules) {
        this.target = target;
        this.required = new HashSet<>(rules.requiredFields());
        target.columns().stream().filter(Column::required).forEach(c -> required.add(c.name()));
        this.emailFields = Set.copyOf(rules.emailFields());
        this.positiveFields = Set.copyOf(rules.positiveNumberFields());
        this.children = target.children().stream().map(ChildValidator::new).toList();
    }

    public List<RowError> validate(SourceRow row) {
        List<RowError> errors = new ArrayList<>();
        if (row.malformed() != null) {
            errors.add(new RowError(row.rowNumber(), null, null, ErrorType.MALFORMED_ROW, row.malformed()));
            return errors;
        }
        for (Column column : target.columns()) {
            String value = row.values().get(column.name());
            String trimmed = value == null ? "" : value.trim();
            if (trimmed.isEmpty()) {
                if (required.contains(column.name())) {
                    errors.add(error(row, column, value, ErrorType.REQUIRED, column.name() + " is required"));
                }
                continue;
            }
            RowError failure = checkColumn(row, column, trimmed);
            if (failure == null) {
                failure = checkRules(row, column, trimmed);
            }
            if (failure != null) {
                errors.add(failure);
            }
        }
        children.forEach(child -> errors.addAll(child.validate(row)));
        return errors;
    }

    private RowError checkColumn(SourceRow row, Column column, String value) {
        if (column.type() == ColumnType.TEXT && value.length() > column.length()) {
            return error(row, column, value, ErrorType.LENGTH,
                    column.name() + " has " + value.length() + " characters; at most " + column.length() + " fit");
        }
        if (column.type() == ColumnType.DATE && !isIsoDate(value)) {
            return error(row, column, value, ErrorType.TYPE, column.name() + " must be a date (yyyy-mm-dd)");
        }
        if (column.type() == ColumnType.DECIMAL || column.type() == ColumnType.INTEGER) {
            BigDecimal number = parseNumber(value);
            if (number == null) {
                return error(row, column, value, ErrorType.TYPE, column.name() + " must be a number");
            }
            if (column.type() == ColumnType.INTEGER && number.stripTrailingZeros().scale() > 0) {
                return error(row, column, value, ErrorType.TYPE, column.name() + " must be a whole number");
            }
            int integerDigits = number.precision() - number.scale();
            if (integerDigits > column.precision() - column.scale() || number.stripTrailingZeros().scale() > column.scale()) {
                return error(row, column, value, ErrorType.RANGE, column.name() + " does not fit NUMBER("
                        + column.precision() + "," + column.scale() + ")");
            }
        }
        return null;
    }

    private RowError checkRules(SourceRow row, Column column, String value) {
        if (emailFields.contains(column.name()) && !EMAIL.matcher(value).matches()) {
            return error(row, column, value, ErrorType.FORMAT, "Invalid email format");
        }
        if (positiveFields.contains(column.name())) {
            BigDecimal number = parseNumber(value);
            if (number == null) {
                return error(row, column, value, ErrorType.TYPE, column.name() + " must be a number");
            }
            if (number.signum() < 0) {
                return error(row, column, value, ErrorType.RANGE, column.name() + " cannot be negative");
            }
        }
        return null;
    }

    /** The loader reads dates as ISO yyyy-mm-dd. */
    private static boolean isIsoDate(String value) {
        try {
            java.time.LocalDate.parse(value);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static BigDecimal parseNumber(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static RowError error(SourceRow row, Column column, String value, ErrorType type, String message) {
        return new RowError(row.rowNumber(), column.name(), value, type, message);
    }
}
