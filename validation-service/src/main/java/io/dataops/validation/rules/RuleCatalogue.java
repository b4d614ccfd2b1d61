package io.dataops.validation.rules;

import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.targets.TargetTable;
import io.dataops.model.targets.TargetTables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a rule as a user wrote it (target, field, rule type, parameters) and turns it into a {@link FieldCheck}.
 * Every refusal is a {@link ProblemException} whose field errors name the offending request field, such as
 * {@code parameters.min}. Plain Java: the API and the batch path use the same checks.
 */
public final class RuleCatalogue {
    public static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd";
    private static final int MAX_PATTERN_LENGTH = 500;
    private static final Map<RuleType, Set<String>> PARAMETERS = Map.of(
            RuleType.REQUIRED, Set.of(),
            RuleType.TYPE, Set.of("type", "scale", "format"),
            RuleType.EMAIL, Set.of(),
            RuleType.RANGE, Set.of("min", "max"),
            RuleType.LENGTH, Set.of("min", "max"),
            RuleType.REGEX, Set.of("pattern"),
            RuleType.ENUM, Set.of("values", "ignore_case"),
            RuleType.NOT_FUTURE, Set.of("format"),
            RuleType.UNIQUE, Set.of(),
            RuleType.REFERENCE, Set.of("target", "field"));

    /** Checks a rule from the API; returns it as a definition or throws with the offending field named. */
    public static RuleDefinition check(String targetName, String field, String ruleType, Map<String, Object> parameters,
                                       String message) {
        List<FieldError> missing = new ArrayList<>();
        if (blank(targetName)) {
            missing.add(new FieldError("target", "is required"));
        }
        if (blank(field)) {
            missing.add(new FieldError("field", "is required"));
        }
        if (blank(ruleType)) {
            missing.add(new FieldError("rule_type", "is required; one of " + RuleType.apiNames()));
        }
        if (message != null && message.length() > 1000) {
            missing.add(new FieldError("message", "must be at most 1000 characters"));
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "The rule is incomplete", missing);
        }
        TargetTable target = TargetTables.find(targetName).orElseThrow(() -> new ProblemException(
                ErrorCode.UNKNOWN_TARGET, "Unknown target table '" + targetName + "'",
                List.of(new FieldError("target", "names no known target table"))));
        String column = field.trim().toLowerCase();
        if (target.column(column).isEmpty()) {
            throw new ProblemException(ErrorCode.RULE_FIELD_UNKNOWN, target.name() + " has no field '" + field + "'",
                    List.of(new FieldError("field", "must be one of " + target.columnNames())));
        }
        RuleType type = RuleType.find(ruleType).orElseThrow(() -> new ProblemException(ErrorCode.RULE_TYPE_UNKNOWN,
                "Unknown rule type '" + ruleType + "'", List.of(new FieldError("rule_type", "must be one of "
                + RuleType.apiNames()))));
        RuleDefinition definition = new RuleDefinition(column, type, parameters, blank(message) ? null : message.trim());
        compile(definition, LocalDate.now());
        return definition;
    }

    /** The check of one rule, or null for the rules that are not a per-value check (required, unique, reference). */
    public static FieldCheck compile(RuleDefinition rule, LocalDate asOf) {
        Map<String, Object> p = rule.parameters();
        List<FieldError> errors = new ArrayList<>();
        for (String name : p.keySet()) {
            if (!PARAMETERS.get(rule.type()).contains(name)) {
                errors.add(new FieldError("parameters." + name, rule.type().apiName() + " takes "
                        + (PARAMETERS.get(rule.type()).isEmpty() ? "no parameters" : "only " + PARAMETERS.get(rule.type()).stream().sorted().toList())));
            }
        }
        FieldCheck check = errors.isEmpty() ? build(rule, p, asOf, errors) : null;
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.RULE_PARAMETERS_INVALID, "The parameters of the "
                    + rule.type().apiName() + " rule on " + rule.field() + " are not valid", errors);
        }
        return check;
    }

    private static FieldCheck build(RuleDefinition rule, Map<String, Object> p, LocalDate asOf, List<FieldError> errors) {
        String f = rule.field();
        switch (rule.type()) {
            case TYPE: {
                String kind = text(p, "type", errors);
                if (kind == null) {
                    errors.add(new FieldError("parameters.type", "is required: integer, decimal, date or boolean"));
                    return null;
                }
                switch (kind) {
                    case "integer":
                        return ValueChecks.integer(f);
                    case "decimal": {
                        BigDecimal scale = number(p, "scale", errors);
                        if (scale != null && (scale.signum() < 0 || scale.stripTrailingZeros().scale() > 0)) {
                            errors.add(new FieldError("parameters.scale", "must be a whole number, 0 or more"));
                        }
                        return ValueChecks.decimal(f, scale == null ? null : scale.intValue());
                    }
                    case "date":
                        return ValueChecks.date(f, formatter(p, errors), formatName(p));
                    case "boolean":
                        return ValueChecks.bool(f);
                    default:
                        errors.add(new FieldError("parameters.type", "must be integer, decimal, date or boolean"));
                        return null;
                }
            }
            case EMAIL:
                return ValueChecks.email(f, rule.message());
            case RANGE: {
                BigDecimal min = number(p, "min", errors);
                BigDecimal max = number(p, "max", errors);
                bounds(p, min, max, errors);
                if (!errors.isEmpty()) {
                    return null;
                }
                return ValueChecks.range(f, min, max, rule.message());
            }
            case LENGTH: {
                BigDecimal min = number(p, "min", errors);
                BigDecimal max = number(p, "max", errors);
                for (String name : List.of("min", "max")) {
                    BigDecimal v = name.equals("min") ? min : max;
                    if (v != null && (v.signum() < 0 || v.stripTrailingZeros().scale() > 0)) {
                        errors.add(new FieldError("parameters." + name, "must be a whole number, 0 or more"));
                    }
                }
                bounds(p, min, max, errors);
                if (!errors.isEmpty()) {
                    return null;
                }
                return ValueChecks.length(f, min == null ? null : min.intValue(), max == null ? null : max.intValue(),
                        rule.message());
            }
            case REGEX: {
                String pattern = text(p, "pattern", errors);
                if (pattern == null) {
                    errors.add(new FieldError("parameters.pattern", "is required"));
                    return null;
                }
                if (pattern.length() > MAX_PATTERN_LENGTH) {
                    errors.add(new FieldError("parameters.pattern", "must be at most " + MAX_PATTERN_LENGTH + " characters"));
                    return null;
                }
                try {
                    return ValueChecks.regex(f, Pattern.compile(pattern), rule.message());
                } catch (PatternSyntaxException e) {
                    errors.add(new FieldError("parameters.pattern", "is not a valid regular expression: " + e.getDescription()));
                    return null;
                }
            }
            case ENUM: {
                Object values = p.get("values");
                if (!(values instanceof Collection<?> list) || list.isEmpty()
                        || list.stream().anyMatch(v -> v == null || v instanceof Map || v instanceof Collection)) {
                    errors.add(new FieldError("parameters.values", "must be a non-empty list of values"));
                    return null;
                }
                Object ignoreCase = p.get("ignore_case");
                if (ignoreCase != null && !(ignoreCase instanceof Boolean)) {
                    errors.add(new FieldError("parameters.ignore_case", "must be true or false"));
                    return null;
                }
                return ValueChecks.oneOf(f, list.stream().map(String::valueOf).toList(), Boolean.TRUE.equals(ignoreCase),
                        rule.message());
            }
            case NOT_FUTURE:
                return ValueChecks.notFuture(f, formatter(p, errors), formatName(p), asOf, rule.message());
            case REFERENCE: {
                String target = text(p, "target", errors);
                if (target == null) {
                    errors.add(new FieldError("parameters.target", "is required: the target whose loaded keys the value must name"));
                } else if (TargetTables.find(target).isEmpty()) {
                    errors.add(new FieldError("parameters.target", "names no known target table"));
                }
                return null;
            }
            default:
                return null;
        }
    }

    private static void bounds(Map<String, Object> p, BigDecimal min, BigDecimal max, List<FieldError> errors) {
        if (!p.containsKey("min") && !p.containsKey("max")) {
            errors.add(new FieldError("parameters", "give min, max or both"));
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            errors.add(new FieldError("parameters.max", "must not be less than min"));
        }
    }

    private static String formatName(Map<String, Object> p) {
        Object format = p.get("format");
        return format instanceof String s ? s : DEFAULT_DATE_FORMAT;
    }

    private static DateTimeFormatter formatter(Map<String, Object> p, List<FieldError> errors) {
        String format = p.containsKey("format") ? text(p, "format", errors) : DEFAULT_DATE_FORMAT;
        if (format == null) {
            return null;
        }
        try {
            // STRICT resolving rejects 2024-02-30; it needs the proleptic year 'u' instead of year-of-era 'y'
            return DateTimeFormatter.ofPattern(format.replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("parameters.format", "is not a date pattern such as yyyy-MM-dd or dd/MM/yyyy"));
            return null;
        }
    }

    private static String text(Map<String, Object> p, String name, List<FieldError> errors) {
        Object value = p.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            errors.add(new FieldError("parameters." + name, "must be a non-empty string"));
            return null;
        }
        return s;
    }

    private static BigDecimal number(Map<String, Object> p, String name, List<FieldError> errors) {
        Object value = p.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        errors.add(new FieldError("parameters." + name, "must be a number"));
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The parameter names each rule type accepts, for the docs and error messages. */
    public static Map<String, List<String>> parameterNames() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (RuleType type : RuleType.values()) {
            names.put(type.apiName(), PARAMETERS.get(type).stream().sorted().toList());
        }
        return names;
    }

    private RuleCatalogue() {
    }
}
