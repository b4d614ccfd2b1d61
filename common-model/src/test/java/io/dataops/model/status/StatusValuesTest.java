package io.dataops.model.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class StatusValuesTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void job_statuses_are_the_lower_case_words_of_the_spec_on_the_wire_and_in_the_database() throws Exception {
        assertThat(Arrays.stream(JobStatus.values()).map(JobStatus::value))
                .containsExactly("pending", "running", "completed", "failed", "cancelled");
        assertThat(json.writeValueAsString(JobStatus.CANCELLED)).isEqualTo("\"cancelled\"");
        assertThat(JobStatus.of("running")).isEqualTo(JobStatus.RUNNING);
        assertThat("job is " + JobStatus.FAILED).isEqualTo("job is failed");
    }

    @Test
    void a_text_that_names_no_status_reads_as_none() {
        assertThat(JobStatus.of("RUNNING")).isNull();
        assertThat(JobStatus.of("queued")).isNull();
        assertThat(FileStatus.of(null)).isNull();
    }

    @Test
    void only_completed_failed_and_cancelled_jobs_are_finished() {
        assertThat(Arrays.stream(JobStatus.values()).filter(JobStatus::finished))
                .containsExactly(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED);
    }

    @Test
    void file_statuses_are_the_lower_case_words_of_the_spec() throws Exception {
        assertThat(Arrays.stream(FileStatus.values()).map(FileStatus::value))
                .containsExactly("uploaded", "processing", "completed", "failed", "cancelled");
        assertThat(json.writeValueAsString(FileStatus.PROCESSING)).isEqualTo("\"processing\"");
        assertThat(FileStatus.of("completed")).isEqualTo(FileStatus.COMPLETED);
    }
}
