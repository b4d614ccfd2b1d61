package io.dataops.job.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dataops.job.rest.JobResource.NewJob;
import io.dataops.model.problem.Problem.FieldError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NewJobTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void a_missing_body_is_wrong_in_every_required_field() {
        assertThat(NewJob.problems(null)).extracting(FieldError::field).containsExactly("job_name", "job_type");
    }

    @Test
    void a_complete_request_has_no_problems() {
        NewJob job = new NewJob("Process a.csv", "file_processing", 12L, NODES.objectNode().put("target_table", "customers"));
        assertThat(NewJob.problems(job)).isEmpty();
        assertThat(NewJob.problems(new NewJob("Nightly cleanup", "cleanup", null, null))).isEmpty();
    }

    @Test
    void a_blank_name_an_upper_case_type_a_negative_file_and_list_parameters_are_each_named() {
        NewJob job = new NewJob(" ", "File Processing", -1L, NODES.arrayNode().add(1));
        assertThat(NewJob.problems(job)).extracting(FieldError::field)
                .containsExactly("job_name", "job_type", "file_id", "parameters");
    }

    @Test
    void a_name_longer_than_the_column_is_refused() {
        assertThat(NewJob.problems(new NewJob("n".repeat(101), "cleanup", null, null)))
                .extracting(FieldError::field).containsExactly("job_name");
    }
}
