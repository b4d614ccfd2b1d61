package io.dataops.model.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    static class JsonParseException extends RuntimeException {
        JsonParseException() {
            super("Unexpected character");
        }
    }

    @Test
    void a_known_cause_inside_a_wrapper_decides_the_problem() {
        Problem problem = Problems.from(new IllegalStateException("wrapper", new JsonParseException()));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("INVALID_REQUEST");
    }

    static class JsonEOFException extends JsonParseException {
    }

    @Test
    void a_subclass_of_a_known_failure_is_recognised_like_its_parent() {
        Problem problem = Problems.from(new IllegalStateException("HTTP 400 Bad Request", new JsonEOFException()));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void a_domain_problem_keeps_its_code_and_detail() {
        Problem problem = Problems.from(new ProblemException(ErrorCode.EMPTY_FILE, "'a.csv' has no content"));

        assertThat(problem).extracting(Problem::status, Problem::code, Problem::detail)
                .containsExactly(400, "EMPTY_FILE", "'a.csv' has no content");
        assertThat(problem.type()).isEqualTo("https://dataops.io/problems/empty-file");
    }

    @Test
    void anything_unknown_is_a_500_that_shows_no_internals() {
        Problem problem = Problems.from(new NullPointerException("secret internals"));

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).doesNotContain("secret");
    }
}
