package io.dataops.job.service;

import io.dataops.job.repository.Job;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.status.JobStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a pipeline event moves a job along, as plain code on a {@link Job} (no database, no broker).
 * Every event sets a state or raises counts to the totals it carries, never adds; a finished job never moves
 * back. Applying an event twice, or late, therefore changes nothing.
 */
public final class JobLifecycle {
    static final int ERROR_MESSAGE_MAX = 2000;

    /** The job an event moves, or {@code null} for events that move none (FileUploaded, FileProcessingRequested). */
    public static Long jobIdOf(PipelineEvent event) {
        if (event instanceof PipelineEvent.FileProcessingStarted started) {
            return started.jobId();
        } else if (event instanceof PipelineEvent.JobProgressed progress) {
            return progress.jobId();
        } else if (event instanceof PipelineEvent.FileLoaded loaded) {
            return loaded.jobId();
        } else if (event instanceof PipelineEvent.FileFailed failed) {
            return failed.jobId();
        } else if (event instanceof PipelineEvent.FileReadProgressed read) {
            return read.jobId();
        } else if (event instanceof PipelineEvent.JobCancelled cancelled) {
            return cancelled.jobId();
        }
        return null;
    }

    public static void apply(Job job, PipelineEvent event) {
        if (job.finished()) {
            return;
        }
        if (event instanceof PipelineEvent.FileProcessingStarted started) {
            job.status = JobStatus.RUNNING;
            job.startedAt = job.startedAt == null ? started.at() : job.startedAt;
        } else if (event instanceof PipelineEvent.JobProgressed progress) {
            raise(job, progress.rowsRead(), progress.rowsValid(), progress.rowsRejected(), progress.rowsLoaded());
        } else if (event instanceof PipelineEvent.FileLoaded loaded) {
            job.status = JobStatus.COMPLETED;
            job.startedAt = job.startedAt == null ? loaded.at() : job.startedAt;
            job.completedAt = loaded.at();
            job.rowsRead = loaded.rowsRead();
            job.rowsValid = loaded.rowsValid();
            job.rowsRejected = loaded.rowsRejected();
            job.rowsLoaded = loaded.rowsLoaded();
            job.result = EventCodec.encode(result(loaded));
        } else if (event instanceof PipelineEvent.FileFailed failed) {
            job.status = JobStatus.FAILED;
            job.completedAt = failed.at();
            String reason = failed.reason();
            job.errorMessage = reason == null || reason.length() <= ERROR_MESSAGE_MAX ? reason : reason.substring(0, ERROR_MESSAGE_MAX);
        } else if (event instanceof PipelineEvent.FileReadProgressed read) {
            job.rowsIngested = Math.max(job.rowsIngested, read.rowsRead());
            job.bytesRead = Math.max(job.bytesRead, read.bytesRead());
            job.bytesTotal = read.bytesTotal();
            if (read.done()) {
                job.rowsTotal = read.rowsRead();
            }
        } else if (event instanceof PipelineEvent.JobCancelled cancelled) {
            cancel(job, cancelled.cancelledBy(), cancelled.at());
        }
    }

    /** Cancels a job that has not finished; answers false (and changes nothing) for a finished one. */
    public static boolean cancel(Job job, Long by, java.time.Instant at) {
        if (job.finished()) {
            return false;
        }
        job.status = JobStatus.CANCELLED;
        job.completedAt = at;
        job.cancelledBy = by;
        return true;
    }

    /** Progress counts only rise: stages report totals at different moments, and a late report must not undo a newer one. */
    static void raise(Job job, long read, long valid, long rejected, long loaded) {
        job.rowsRead = Math.max(job.rowsRead, read);
        job.rowsValid = Math.max(job.rowsValid, valid);
        job.rowsRejected = Math.max(job.rowsRejected, rejected);
        job.rowsLoaded = Math.max(job.rowsLoaded, loaded);
    }

    private static Map<String, Object> result(PipelineEvent.FileLoaded loaded) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows_read", loaded.rowsRead());
        result.put("rows_valid", loaded.rowsValid());
        result.put("rows_rejected", loaded.rowsRejected());
        result.put("rows_loaded", loaded.rowsLoaded());
        result.put("target_table", loaded.target());
        return result;
    }

    private JobLifecycle() {
    }
}
