package io.dataops.job.service;

import io.dataops.job.repository.Job;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobProgressTest {

    @Test
    void a_late_smaller_total_does_not_lower_the_counts() {
        Job job = new Job();
        JobProgress.raise(job, 500, 480, 20, 0);
        JobProgress.raise(job, 0, 0, 0, 300);
        JobProgress.raise(job, 400, 390, 10, 0);

        assertThat(job.rowsRead).isEqualTo(500);
        assertThat(job.rowsValid).isEqualTo(480);
        assertThat(job.rowsRejected).isEqualTo(20);
        assertThat(job.rowsLoaded).isEqualTo(300);
    }
}
