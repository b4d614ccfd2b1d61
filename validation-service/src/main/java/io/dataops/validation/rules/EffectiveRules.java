package io.dataops.validation.rules;

import io.dataops.model.events.ValidationRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rule set of one run: the target's stored rules, overridden and extended by the run's own rules. */
public final class EffectiveRules {

    /** The process-body rules of docs/product-spec.md §6.2 as definitions: required, email, and positive numbers as range min 0. */
    public static List<RuleDefinition> fromSeedShape(ValidationRules rules) {
        List<RuleDefinition> definitions = new ArrayList<>();
        if (rules == null) {
            return definitions;
        }
        rules.requiredFields().forEach(f -> definitions.add(RuleDefinition.of(norm(f), RuleType.REQUIRED)));
        rules.emailFields().forEach(f -> definitions.add(RuleDefinition.of(norm(f), RuleType.EMAIL)));
        rules.positiveNumberFields().forEach(f -> definitions.add(RuleDefinition.of(norm(f), RuleType.RANGE,
                Map.of("min", 0))));
        return definitions;
    }

    /**
     * A run rule replaces the stored rule of the same field and type (a field has at most one rule of a type) and
     * is added otherwise. Stored rules keep their order, new ones follow in the run's order.
     */
    public static List<RuleDefinition> merge(List<RuleDefinition> stored, List<RuleDefinition> run) {
        List<RuleDefinition> merged = new ArrayList<>(stored);
        for (RuleDefinition rule : run) {
            int at = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).field().equals(rule.field()) && merged.get(i).type() == rule.type()) {
                    at = i;
                    break;
                }
            }
            if (at >= 0) {
                merged.set(at, rule);
            } else {
                merged.add(rule);
            }
        }
        return merged;
    }

    private static String norm(String field) {
        return field.trim().toLowerCase();
    }

    private EffectiveRules() {
    }
}
