package io.dataops.job.service;

import io.dataops.job.repository.Job;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.status.JobStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JobLifecycleTest {
    private static final Instant T1 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-05T10:00:05Z");
    private static final Instant T3 = Instant.parse("2026-01-05T10:00:09Z");

    private static Job pendingJob() {
        Job job = new Job();
        job.id = 7L;
        job.status = JobStatus.PENDING;
        return job;
    }

    @Test
    void a_started_job_runs_from_its_first_start() {
        Job job = pendingJob();
        JobLifecycle.apply(job, new PipelineEvent.FileProcessingStarted(7, 70, "customers", T1));
        JobLifecycle.apply(job, new PipelineEvent.FileProcessingStarted(7, 70, "customers", T2));

        assertThat(job.status).isEqualTo(JobStatus.RUNNING);
        assertThat(job.startedAt).isEqualTo(T1);
    }

    @Test
    void progress_counts_rise_to_the_reported_totals_and_a_late_smaller_total_does_not_lower_them() {
        Job job = pendingJob();
        JobLifecycle.apply(job, new PipelineEvent.JobProgressed(7, 70, "validation", 500, 480, 20, 0, T1));
        JobLifecycle.apply(job, new PipelineEvent.JobProgressed(7, 70, "loading", 0, 0, 0, 300, T2));
        JobLifecycle.apply(job, new PipelineEvent.JobProgressed(7, 70, "validation", 400, 390, 10, 0, T3));

        assertThat(new long[]{job.rowsRead, job.rowsValid, job.rowsRejected, job.rowsLoaded}).containsExactly(500, 480, 20, 300);
    }

    @Test
    void a_redelivered_progress_report_changes_nothing() {
        Job job = pendingJob();
        PipelineEvent.JobProgressed progress = new PipelineEvent.JobProgressed(7, 70, "validation", 10, 8, 2, 0, T1);
        JobLifecycle.apply(job, progress);
        JobLifecycle.apply(job, progress);

        assertThat(new long[]{job.rowsRead, job.rowsValid, job.rowsRejected, job.rowsLoaded}).containsExactly(10, 8, 2, 0);
    }

    @Test
    void a_loaded_file_completes_the_job_with_the_counts_and_result_of_the_event() {
        Job job = pendingJob();
        JobLifecycle.apply(job, new PipelineEvent.FileProcessingStarted(7, 70, "orders", T1));
        JobLifecycle.apply(job, new PipelineEvent.FileLoaded(7, 70, "orders", 12, 10, 3, 9, T2));

        assertThat(job.status).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.startedAt).isEqualTo(T1);
        assertThat(job.completedAt).isEqualTo(T2);
        assertThat(new long[]{job.rowsRead, job.rowsValid, job.rowsRejected, job.rowsLoaded}).containsExactly(12, 10, 3, 9);
        assertThat(job.result).isEqualTo(
                "{\"rows_read\":12,\"rows_valid\":10,\"rows_rejected\":3,\"rows_loaded\":9,\"target_table\":\"orders\"}");
    }

    @Test
    void a_finished_job_never_moves_back() {
        Job job = pendingJob();
        JobLifecycle.apply(job, new PipelineEvent.FileLoaded(7, 70, "customers", 5, 5, 0, 5, T1));
        String result = job.result;

        JobLifecycle.apply(job, new PipelineEvent.FileProcessingStarted(7, 70, "customers", T2));
        JobLifecycle.apply(job, new PipelineEvent.JobProgressed(7, 70, "validation", 50, 50, 0, 50, T2));
        JobLifecycle.apply(job, new PipelineEvent.FileFailed(7, 70, "late failure", T3));
        JobLifecycle.apply(job, new PipelineEvent.FileLoaded(7, 70, "customers", 6, 6, 0, 6, T3));

        assertThat(job.status).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.completedAt).isEqualTo(T1);
        assertThat(job.errorMessage).isNull();
        assertThat(job.result).isEqualTo(result);
        assertThat(new long[]{job.rowsRead, job.rowsValid, job.rowsRejected, job.rowsLoaded}).containsExactly(5, 5, 0, 5);
    }

    @Test
    void a_failed_file_fails_the_job_with_its_reason_cut_to_the_column_size() {
        Job job = pendingJob();
        JobLifecycle.apply(job, new PipelineEvent.FileFailed(7, 70, "x".repeat(2500), T1));
        JobLifecycle.apply(job, new PipelineEvent.FileProcessingStarted(7, 70, "customers", T2));

        assertThat(job.status).isEqualTo(JobStatus.FAILED);
        assertThat(job.completedAt).isEqualTo(T1);
        assertThat(job.errorMessage).hasSize(2000);
    }

    @Test
    void only_events_about_a_run_name_a_job() {
        assertThat(JobLifecycle.jobIdOf(new PipelineEvent.FileUploaded(70, "a.csv", "csv", 1, 1, T1))).isNull();
        assertThat(JobLifecycle.jobIdOf(new PipelineEvent.FileProcessingRequested(7, 70, "customers", T1))).isNull();
        assertThat(JobLifecycle.jobIdOf(new PipelineEvent.JobProgressed(7, 70, "loading", 1, 1, 0, 1, T1))).isEqualTo(7L);
        assertThat(JobLifecycle.jobIdOf(new PipelineEvent.FileFailed(8, 70, "bad", T1))).isEqualTo(8L);
    }
}
