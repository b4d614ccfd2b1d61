package io.dataops.job.service;

import io.dataops.job.repository.Job;
import io.dataops.model.status.JobStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressEstimateTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void before_anything_was_read_there_is_no_percent_and_no_eta() {
        ProgressEstimate e = ProgressEstimate.of(JobStatus.PENDING, null, null, 0, null, 0, 0, null, START);
        assertThat(e).isEqualTo(new ProgressEstimate(null, null, null));
    }

    @Test
    void while_ingest_reads_the_total_is_extrapolated_from_the_bytes_read() {
        // ingest read 1,000 rows in the first quarter of the file: about 4,000 rows in all; 1,000 validated in 10 s
        ProgressEstimate e = ProgressEstimate.of(JobStatus.RUNNING, START, null, 1_000, null, 1_000, 250, 1_000L,
                START.plusSeconds(10));
        assertThat(e.percent()).isEqualTo(25.0);
        assertThat(e.rowsPerSecond()).isEqualTo(100.0);
        assertThat(e.etaSeconds()).isEqualTo(30L);
    }

    @Test
    void once_the_row_total_is_known_it_wins_over_the_byte_estimate() {
        ProgressEstimate e = ProgressEstimate.of(JobStatus.RUNNING, START, null, 500, 2_000L, 2_000, 1_000, 1_000L,
                START.plusSeconds(5));
        assertThat(e.percent()).isEqualTo(25.0);
        assertThat(e.rowsPerSecond()).isEqualTo(100.0);
        assertThat(e.etaSeconds()).isEqualTo(15L);
    }

    @Test
    void a_running_job_never_shows_100_percent_and_a_completed_one_always_does() {
        assertThat(ProgressEstimate.of(JobStatus.RUNNING, START, null, 2_000, 2_000L, 2_000, 1, 1L, START.plusSeconds(1)).percent())
                .isEqualTo(99.9);
        ProgressEstimate done = ProgressEstimate.of(JobStatus.COMPLETED, START, START.plusSeconds(4), 2_000, 2_000L, 2_000, 1,
                1L, START.plusSeconds(100));
        assertThat(done).isEqualTo(new ProgressEstimate(100.0, 500.0, 0L));
    }

    @Test
    void progress_follows_the_rows_that_finished_not_the_rows_validation_has_seen() {
        Job job = new Job();
        job.status = JobStatus.RUNNING;
        job.startedAt = START;
        job.rowsTotal = 1_000_000L;
        job.rowsIngested = 1_000_000;
        job.rowsRead = 996_000;      // validation is nearly through
        job.rowsRejected = 20_000;   // its rejects are finished rows
        job.rowsLoaded = 780_000;    // the loader trails
        ProgressEstimate e = ProgressEstimate.of(job, START.plusSeconds(100));
        assertThat(e.percent()).isEqualTo(80.0);
        assertThat(e.rowsPerSecond()).isEqualTo(8_000.0);
        assertThat(e.etaSeconds()).isEqualTo(25L);
    }

    @Test
    void a_cancelled_job_keeps_its_percent_and_has_nothing_left() {
        ProgressEstimate e = ProgressEstimate.of(JobStatus.CANCELLED, START, START.plusSeconds(2), 100, 1_000L, 300, 1, 1L,
                START.plusSeconds(60));
        assertThat(e).isEqualTo(new ProgressEstimate(10.0, 50.0, 0L));
    }
}
