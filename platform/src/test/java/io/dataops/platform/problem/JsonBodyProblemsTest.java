package io.dataops.platform.problem;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.dataops.model.problem.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What a client learns from a body of the wrong shape: the field by its JSON path and what it must be
 * (docs/errors.md). Bodies are read by a mapper configured as the services' (snake_case names).
 */
class JsonBodyProblemsTest {
    private static final ObjectMapper SERVICE_MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    enum Mode { INSERT, UPSERT }

    record Rules(List<String> emailFormat) {
    }

    record Row(String name) {
    }

    record ProcessBody(String targetTable, Rules validationRules, Mode mode, int batchSize, List<Row> rows) {
    }

    record Named(@JsonProperty(value = "name", required = true) String name) {
    }

    @Test
    void names_the_nested_field_and_that_it_must_be_an_array() {
        assertThat(errorFor("{\"validation_rules\": {\"email_format\": true}}", ProcessBody.class))
                .isEqualTo(new Problem.FieldError("validation_rules.email_format", "must be an array"));
    }

    @Test
    void lists_the_values_of_an_enum_for_an_unknown_one() {
        assertThat(errorFor("{\"mode\": \"sideways\"}", ProcessBody.class))
                .isEqualTo(new Problem.FieldError("mode", "must be one of [INSERT, UPSERT]"));
    }

    @Test
    void says_a_whole_number_is_expected_for_text_in_a_number_field() {
        assertThat(errorFor("{\"batch_size\": \"many\"}", ProcessBody.class))
                .isEqualTo(new Problem.FieldError("batch_size", "must be a whole number"));
    }

    @Test
    void names_an_array_element_by_its_index() {
        assertThat(errorFor("{\"rows\": [{\"name\": \"a\"}, {\"name\": {\"x\": 1}}]}", ProcessBody.class))
                .isEqualTo(new Problem.FieldError("rows[1].name", "must be a string"));
    }

    @Test
    void a_body_that_is_not_an_object_is_named_body() {
        assertThat(errorFor("[1, 2]", ProcessBody.class))
                .isEqualTo(new Problem.FieldError("body", "must be an object"));
    }

    @Test
    void malformed_json_gives_its_line_and_column() {
        Problem.FieldError error = errorFor("{\"target_table\": \"customers\",\n  \"mode\": }", ProcessBody.class);

        assertThat(error.field()).isEqualTo("body");
        assertThat(error.message()).startsWith("is not valid JSON at line 2, column 11: Unexpected character ('}'");
    }

    @Test
    void a_missing_required_field_is_named() {
        assertThat(errorFor("{}", Named.class)).isEqualTo(new Problem.FieldError("name", "is required"));
    }

    @Test
    void the_problem_is_invalid_request_with_one_field_error() {
        try {
            SERVICE_MAPPER.readValue("{\"mode\": 3.5}", ProcessBody.class);
            fail("the body was read");
        } catch (JsonProcessingException e) {
            Problem problem = JsonBodyProblems.find(new RuntimeException("wrapped", e)).orElseThrow();
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.code()).isEqualTo("INVALID_REQUEST");
            assertThat(problem.errors()).hasSize(1);
        }
    }

    @Test
    void a_failure_that_is_not_about_reading_input_is_not_a_body_problem() {
        assertThat(JsonBodyProblems.find(new IllegalStateException("no"))).isEmpty();
    }

    private static Problem.FieldError errorFor(String body, Class<?> type) {
        try {
            SERVICE_MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            List<Problem.FieldError> errors = JsonBodyProblems.from(e).errors();
            assertThat(errors).hasSize(1);
            return errors.get(0);
        }
        throw new AssertionError("the body was read: " + body);
    }
}
