package io.dataops.validation.rules;

import io.dataops.model.events.SourceRow;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.targets.TargetTables;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** Each rule type of the catalogue, on the customers target, as a run would use it. */
class RuleTypesTest {
    private static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);

    private static RowValidator validator(RuleDefinition... rules) {
        return new RowValidator(TargetTables.CUSTOMERS, List.of(rules), AS_OF);
    }

    private static SourceRow row(long line, String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_code", "C" + line);
        values.put("name", "N");
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return SourceRow.of(line, values, String.join(",", values.values()));
    }

    private static List<Tuple> failures(RowValidator validator, SourceRow row) {
        return validator.validate(row).stream().map(e -> tuple(e.field(), e.type(), e.message())).toList();
    }

    private static List<Tuple> failures(RowValidator validator, SourceRow row, FileKeyIndex keys) {
        return validator.validate(row, keys).stream().map(e -> tuple(e.field(), e.type(), e.message())).toList();
    }

    private static FieldCheck check(RuleType type, Map<String, Object> parameters) {
        return RuleCatalogue.compile(RuleDefinition.of("segment", type, parameters), AS_OF);
    }

    @Test
    void required_rejects_a_blank_value_and_nothing_else_of_that_field() {
        RowValidator v = validator(RuleDefinition.of("email", RuleType.REQUIRED), RuleDefinition.of("email", RuleType.EMAIL));
        assertThat(failures(v, row(2, "email", "  "))).containsExactly(tuple("email", ErrorType.REQUIRED, "email is required"));
    }

    @Test
    void type_integer_refuses_decimals_and_words() {
        FieldCheck integer = check(RuleType.TYPE, Map.of("type", "integer"));
        assertThat(integer.check("-42")).isNull();
        assertThat(integer.check("4.2").type()).isEqualTo(ErrorType.TYPE);
        assertThat(integer.check("four").type()).isEqualTo(ErrorType.TYPE);
    }

    @Test
    void type_decimal_holds_its_scale() {
        FieldCheck decimal = check(RuleType.TYPE, Map.of("type", "decimal", "scale", 2));
        assertThat(decimal.check("10.50")).isNull();
        assertThat(decimal.check("10.500")).isNull();
        assertThat(decimal.check("10.505").message()).isEqualTo("segment must have at most 2 decimal places");
        assertThat(decimal.check("ten").message()).isEqualTo("segment must be a number");
    }

    @Test
    void type_date_follows_its_format_strictly() {
        FieldCheck date = check(RuleType.TYPE, Map.of("type", "date", "format", "dd/MM/yyyy"));
        assertThat(date.check("31/01/2024")).isNull();
        assertThat(date.check("30/02/2024").message()).isEqualTo("segment must be a date like dd/MM/yyyy");
        assertThat(date.check("2024-01-31")).isNotNull();
        assertThat(check(RuleType.TYPE, Map.of("type", "date")).check("2024-01-31")).isNull();
    }

    @Test
    void type_boolean_takes_the_usual_spellings() {
        FieldCheck bool = check(RuleType.TYPE, Map.of("type", "boolean"));
        assertThat(List.of("true", "FALSE", "1", "0", "yes", "No")).allSatisfy(v -> assertThat(bool.check(v)).isNull());
        assertThat(bool.check("maybe").type()).isEqualTo(ErrorType.TYPE);
    }

    @Test
    void email_rejects_an_address_without_an_at_sign() {
        FieldCheck email = check(RuleType.EMAIL, Map.of());
        assertThat(email.check("a.b@example.co.uk")).isNull();
        assertThat(email.check("not-an-email")).isEqualTo(new FieldCheck.Failure(ErrorType.FORMAT, "Invalid email format"));
    }

    @Test
    void range_checks_min_and_max_and_calls_a_word_a_type_error() {
        FieldCheck range = check(RuleType.RANGE, Map.of("min", 1, "max", "10.5"));
        assertThat(range.check("1")).isNull();
        assertThat(range.check("10.5")).isNull();
        assertThat(range.check("0.99")).isEqualTo(new FieldCheck.Failure(ErrorType.RANGE, "segment must be between 1 and 10.5"));
        assertThat(range.check("11").type()).isEqualTo(ErrorType.RANGE);
        assertThat(range.check("x")).isEqualTo(new FieldCheck.Failure(ErrorType.TYPE, "segment must be a number"));
        assertThat(check(RuleType.RANGE, Map.of("min", 0)).check("-1").message()).isEqualTo("segment cannot be negative");
    }

    @Test
    void length_counts_characters_not_bytes() {
        FieldCheck length = check(RuleType.LENGTH, Map.of("min", 2, "max", 3));
        assertThat(length.check("日本語")).isNull();
        assertThat(length.check("a").type()).isEqualTo(ErrorType.LENGTH);
        assertThat(length.check("abcd").message()).isEqualTo("segment has 4 characters; at most 3 are allowed");
    }

    @Test
    void regex_must_match_the_whole_value_and_a_custom_message_replaces_the_default() {
        FieldCheck regex = RuleCatalogue.compile(new RuleDefinition("segment", RuleType.REGEX,
                Map.of("pattern", "[A-Z]{3}"), "segment must be three capitals"), AS_OF);
        assertThat(regex.check("SMB")).isNull();
        assertThat(regex.check("SMBX")).isEqualTo(new FieldCheck.Failure(ErrorType.FORMAT, "segment must be three capitals"));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)   // a hang fails here instead of stalling the build
    void a_catastrophic_pattern_turns_into_a_row_error_and_the_next_rows_are_still_checked() {
        // (a+)+$ is memoised by java.util.regex since JDK 9; nested counted repetition is not: on 40 characters
        // this pattern tries every way of cutting 40 characters into 20 pieces before it gives up
        RowValidator v = validator(RuleDefinition.of("segment", RuleType.REGEX, Map.of("pattern", "(.*a){20}")));
        String hostile = "a".repeat(40) + "!";

        assertThat(v.validate(row(2, "segment", hostile)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("segment");
                    assertThat(e.type()).isEqualTo(ErrorType.FORMAT);
                    assertThat(e.message()).contains("could not be checked against (.*a){20}");
                });
        // the next row gets the ordinary answer: nothing is left stuck or poisoned by the exhausted one
        assertThat(v.validate(row(3, "segment", "aab"))).extracting(RowError::type, RowError::message)
                .containsExactly(tuple(ErrorType.FORMAT, "segment does not match (.*a){20}"));
    }

    @Test
    void enum_allows_only_its_values_optionally_ignoring_case() {
        FieldCheck exact = check(RuleType.ENUM, Map.of("values", List.of("SMB", "Enterprise")));
        assertThat(exact.check("SMB")).isNull();
        assertThat(exact.check("smb")).isEqualTo(new FieldCheck.Failure(ErrorType.ENUM, "segment must be one of [SMB, Enterprise]"));
        assertThat(check(RuleType.ENUM, Map.of("values", List.of("SMB"), "ignore_case", true)).check("smb")).isNull();
    }

    @Test
    void not_future_judges_against_the_runs_day() {
        FieldCheck notFuture = check(RuleType.NOT_FUTURE, Map.of());
        assertThat(notFuture.check("2024-06-30")).isNull();
        assertThat(notFuture.check("2024-07-01")).isEqualTo(new FieldCheck.Failure(ErrorType.RANGE,
                "segment is in the future (after 2024-06-30)"));
        assertThat(notFuture.check("soon").type()).isEqualTo(ErrorType.TYPE);
    }

    @Test
    void unique_rejects_a_value_seen_in_an_earlier_row_of_the_file_only() {
        RowValidator v = validator(RuleDefinition.of("email", RuleType.UNIQUE));
        assertThat(v.validate(row(2, "email", "a@x.io"))).isEmpty();
        assertThat(v.validate(row(3, "email", "b@x.io"))).isEmpty();
        assertThat(failures(v, row(4, "email", "a@x.io"))).containsExactly(
                tuple("email", ErrorType.DUPLICATE, "email 'a@x.io' already appears at row 2 of this file"));
    }

    @Test
    void unique_gives_the_same_answer_when_a_batch_is_checked_again() {
        RowValidator v = validator(RuleDefinition.of("email", RuleType.UNIQUE));
        FileKeyIndex first = new FileKeyIndex();
        assertThat(v.validate(row(2, "email", "a@x.io"), first)).isEmpty();
        assertThat(v.validate(row(3, "email", "a@x.io"), first)).hasSize(1);

        // the batch redelivered: the index holds what the first delivery stored
        FileKeyIndex again = new FileKeyIndex();
        first.added().forEach(k -> again.preload(k.field(), k.value(), k.firstRow()));
        assertThat(v.validate(row(2, "email", "a@x.io"), again)).isEmpty();
        assertThat(v.validate(row(3, "email", "a@x.io"), again)).hasSize(1);
        assertThat(again.added()).isEmpty();
    }

    @Test
    void unique_fails_the_later_validated_row_when_a_higher_row_of_another_batch_already_holds_the_value() {
        RowValidator v = validator(RuleDefinition.of("email", RuleType.UNIQUE));
        // batch 3 (row 9) was validated first, on another replica; batch 1's row 2 repeats its value
        FileKeyIndex stored = new FileKeyIndex();
        stored.preload("email", "a@x.io", 9);
        assertThat(failures(v, row(2, "email", "a@x.io"), stored)).containsExactly(
                tuple("email", ErrorType.DUPLICATE, "email 'a@x.io' already appears at row 9 of this file"));
        assertThat(stored.added()).isEmpty();
    }

    @Test
    void only_fields_with_a_unique_rule_are_tracked_not_the_natural_key() {
        assertThat(validator().trackedFields()).isEmpty();
        assertThat(validator(RuleDefinition.of("email", RuleType.UNIQUE)).trackedFields()).containsExactly("email");
    }

    @Test
    void reference_is_catalogued_but_left_to_the_loader() {
        RowValidator v = validator(RuleDefinition.of("segment", RuleType.REFERENCE, Map.of("target", "customers")));
        assertThat(v.validate(row(2, "segment", "anything"))).isEmpty();
    }

    @Test
    void every_failure_of_a_row_is_kept() {
        RowValidator v = validator(RuleDefinition.of("email", RuleType.EMAIL),
                RuleDefinition.of("credit_limit", RuleType.RANGE, Map.of("min", 0)),
                RuleDefinition.of("segment", RuleType.ENUM, Map.of("values", List.of("SMB"))),
                RuleDefinition.of("country", RuleType.LENGTH, Map.of("max", 2)),
                RuleDefinition.of("country", RuleType.REGEX, Map.of("pattern", "[A-Z]+")));
        assertThat(v.validate(row(5, "name", "", "email", "nope", "country", "usa", "segment", "Big", "credit_limit", "-1")))
                .extracting(RowError::field, RowError::type)
                .containsExactly(tuple("name", ErrorType.REQUIRED), tuple("email", ErrorType.FORMAT),
                        tuple("country", ErrorType.LENGTH), tuple("country", ErrorType.FORMAT),
                        tuple("segment", ErrorType.ENUM), tuple("credit_limit", ErrorType.RANGE));
    }

    @Test
    void a_type_failure_stops_the_fields_later_rules() {
        RowValidator v = validator(RuleDefinition.of("credit_limit", RuleType.RANGE, Map.of("min", 0)));
        assertThat(v.validate(row(2, "credit_limit", "lots"))).extracting(RowError::type).containsExactly(ErrorType.TYPE);
    }

    @Test
    void bad_parameters_name_the_parameter() {
        assertThatThrownBy(() -> check(RuleType.RANGE, Map.of())).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().code()).isEqualTo("RULE_PARAMETERS_INVALID");
            assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("parameters");
        });
        assertThatThrownBy(() -> check(RuleType.RANGE, Map.of("min", 5, "max", 1)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(f -> f.field()).containsExactly("parameters.max"));
        assertThatThrownBy(() -> check(RuleType.REGEX, Map.of("pattern", "([a-z")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(f -> f.field()).containsExactly("parameters.pattern"));
        assertThatThrownBy(() -> check(RuleType.EMAIL, Map.of("strict", true)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(f -> f.field()).containsExactly("parameters.strict"));
        assertThatThrownBy(() -> check(RuleType.TYPE, Map.of("type", "money")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(f -> f.field()).containsExactly("parameters.type"));
        Map<String, Object> badEnum = new HashMap<>();
        badEnum.put("values", List.of());
        assertThatThrownBy(() -> check(RuleType.ENUM, badEnum)).isInstanceOf(ProblemException.class);
    }

    @Test
    void an_unknown_target_field_or_rule_type_is_named() {
        assertThatThrownBy(() -> RuleCatalogue.check("planets", "x", "required", null, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo("UNKNOWN_TARGET");
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("target");
                });
        assertThatThrownBy(() -> RuleCatalogue.check("customers", "shoe_size", "required", null, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo("RULE_FIELD_UNKNOWN");
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("field");
                });
        assertThatThrownBy(() -> RuleCatalogue.check("customers", "email", "palindrome", null, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo("RULE_TYPE_UNKNOWN");
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("rule_type");
                });
        assertThat(RuleCatalogue.check(" Customers ", "Email", "EMAIL", null, " ")).isEqualTo(
                RuleDefinition.of("email", RuleType.EMAIL));
    }

    @Test
    void every_rule_type_has_its_parameter_list() {
        assertThat(RuleCatalogue.parameterNames().keySet()).containsExactlyElementsOf(RuleType.apiNames());
    }
}
