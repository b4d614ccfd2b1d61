package io.dataops.validation.rules;

import io.dataops.model.events.ValidationRules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EffectiveRulesTest {

    @Test
    void the_spec_shape_becomes_required_email_and_range_from_zero() {
        assertThat(EffectiveRules.fromSeedShape(new ValidationRules(List.of("customer_code"), List.of("Email"),
                List.of("credit_limit")))).containsExactly(
                RuleDefinition.of("customer_code", RuleType.REQUIRED),
                RuleDefinition.of("email", RuleType.EMAIL),
                RuleDefinition.of("credit_limit", RuleType.RANGE, Map.of("min", 0)));
    }

    @Test
    void a_run_rule_replaces_the_stored_rule_of_the_same_field_and_type_and_adds_the_rest() {
        List<RuleDefinition> stored = List.of(
                RuleDefinition.of("credit_limit", RuleType.RANGE, Map.of("min", 100)),
                RuleDefinition.of("segment", RuleType.ENUM, Map.of("values", List.of("SMB"))));
        List<RuleDefinition> run = List.of(
                RuleDefinition.of("credit_limit", RuleType.RANGE, Map.of("min", 0)),
                RuleDefinition.of("email", RuleType.EMAIL));

        assertThat(EffectiveRules.merge(stored, run)).containsExactly(
                RuleDefinition.of("credit_limit", RuleType.RANGE, Map.of("min", 0)),
                RuleDefinition.of("segment", RuleType.ENUM, Map.of("values", List.of("SMB"))),
                RuleDefinition.of("email", RuleType.EMAIL));
    }

    @Test
    void a_rule_set_reads_back_from_its_json_unchanged() {
        List<RuleDefinition> rules = List.of(RuleDefinition.of("credit_limit", RuleType.RANGE, Map.of("min", 0, "max", 9.5)),
                new RuleDefinition("segment", RuleType.ENUM, Map.of("values", List.of("SMB")), "pick one"));
        String json = RuleJson.ruleSet(rules);
        assertThat(RuleJson.ruleSet(json)).isEqualTo(rules);
        assertThat(RuleJson.ruleSet(RuleJson.ruleSet(json))).isEqualTo(json);
    }
}
