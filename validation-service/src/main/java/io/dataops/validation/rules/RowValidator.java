package io.dataops.validation.rules;

import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.model.targets.Column;
import io.dataops.model.targets.ColumnType;
import io.dataops.model.targets.TargetTable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one row against its target's column definitions (required, type, length, digits) and a run's rule set.
 * Every failure is reported, not only the first: one error per failing field and rule. A missing value is
 * REQUIRED (when required) and nothing else; a TYPE failure stops that field's later rules, which could only
 * repeat it. Fields are checked in the target's column order, a field's rules in {@link RuleType} order.
 */
public final class RowValidator {
    private final TargetTable target;
    private final Set<String> required = new HashSet<>();
    private final Set<String> unique = new HashSet<>();
    private final Map<String, List<FieldCheck>> checks = new HashMap<>();
    private final FileKeyIndex ownKeys = new FileKeyIndex();
    private final List<ChildValidator> children;

    /** The process-body rules of docs/product-spec.md §6.2 alone, dates judged against today (UTC). */
    public RowValidator(TargetTable target, ValidationRules rules) {
        this(target, EffectiveRules.fromSeedShape(rules), LocalDate.now(ZoneOffset.UTC));
    }

    /** @param asOf the day "not in the future" is judged against, fixed per run */
    public RowValidator(TargetTable target, List<RuleDefinition> rules, LocalDate asOf) {
        this.target = target;
        this.children = target.children().stream().map(ChildValidator::new).toList();
        target.columns().stream().filter(Column::required).forEach(c -> required.add(c.name()));
        List<RuleDefinition> ordered = rules.stream().filter(r -> target.column(r.field()).isPresent())
                .sorted(Comparator.comparing(RuleDefinition::type)).toList();
        for (RuleDefinition rule : ordered) {
            if (rule.type() == RuleType.REQUIRED) {
                required.add(rule.field());
            } else if (rule.type() == RuleType.UNIQUE) {
                unique.add(rule.field());
            } else {
                FieldCheck check = RuleCatalogue.compile(rule, asOf);
                if (check != null) {
                    checks.computeIfAbsent(rule.field(), f -> new ArrayList<>()).add(check);
                }
            }
        }
    }

    /**
     * The fields whose values the file's key index must hold: those with a unique rule. The natural key is not one
     * of them: the loader finds its repeats (docs/adr/0024-one-file-across-partitions.md).
     */
    public Set<String> trackedFields() {
        Set<String> fields = new LinkedHashSet<>();
        target.columnNames().stream().filter(unique::contains).forEach(fields::add);
        return fields;
    }

    /** Validates with this validator's own key index (one file, in row order). */
    public List<RowError> validate(SourceRow row) {
        return validate(row, ownKeys);
    }

    public List<RowError> validate(SourceRow row, FileKeyIndex keys) {
        List<RowError> errors = new ArrayList<>();
        if (row.malformed() != null) {
            errors.add(new RowError(row.rowNumber(), null, null, malformedType(row), row.malformed()));
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
            if (unique.contains(column.name())) {
                Long holder = keys.holderRow(column.name(), trimmed, row.rowNumber());
                if (holder != null) {
                    errors.add(error(row, column, value, ErrorType.DUPLICATE, column.name() + " '" + trimmed
                            + "' already appears at row " + holder + " of this file"));
                }
            }
            RowError schema = checkColumn(row, column, trimmed);
            if (schema != null) {
                errors.add(schema);
                if (schema.type() == ErrorType.TYPE) {
                    continue;
                }
            }
            for (FieldCheck check : checks.getOrDefault(column.name(), List.of())) {
                FieldCheck.Failure failure = check.check(trimmed);
                if (failure != null) {
                    errors.add(error(row, column, value, failure.type(), failure.message()));
                    if (failure.type() == ErrorType.TYPE) {
                        break;
                    }
                }
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
            BigDecimal number = ValueChecks.parse(value);
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

    /** The loader reads dates as ISO yyyy-mm-dd. */
    private static boolean isIsoDate(String value) {
        try {
            LocalDate.parse(value);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static RowError error(SourceRow row, Column column, String value, ErrorType type, String message) {
        return new RowError(row.rowNumber(), column.name(), value, type, message);
    }

    /** What ingest said is wrong with the row; a type this version does not know is still a malformed row. */
    private static ErrorType malformedType(SourceRow row) {
        if (row.malformedType() != null) {
            for (ErrorType type : ErrorType.values()) {
                if (type.name().equals(row.malformedType())) {
                    return type;
                }
            }
        }
        return ErrorType.MALFORMED_ROW;
    }
}
