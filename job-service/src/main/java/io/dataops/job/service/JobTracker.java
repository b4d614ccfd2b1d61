package io.dataops.job.service;

import io.dataops.job.repository.Job;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves JOBS rows along from pipeline events. Every event sets state or raises counts to the totals it carries,
 * never adds, and a finished job never moves back: applying an event twice, or late, changes nothing.
 */
@ApplicationScoped
public class JobTracker {

    @Transactional
    public void apply(PipelineEvent event) {
        if (event instanceof PipelineEvent.FileProcessingStarted started) {
            Job job = Job.findById(started.jobId());
            if (job != null && !job.finished()) {
                job.status = Job.RUNNING;
                job.startedAt = job.startedAt == null ? started.at() : job.startedAt;
            }
        } else if (event instanceof PipelineEvent.JobProgressed progress) {
            Job job = Job.findById(progress.jobId());
            if (job != null && !job.finished()) {
                JobProgress.raise(job, progress.rowsRead(), progress.rowsValid(), progress.rowsRejected(), progress.rowsLoaded());
            }
        } else if (event instanceof PipelineEvent.FileLoaded loaded) {
            Job job = Job.findById(loaded.jobId());
            if (job != null && !job.finished()) {
                job.status = Job.COMPLETED;
                job.startedAt = job.startedAt == null ? loaded.at() : job.startedAt;
                job.completedAt = loaded.at();
                job.rowsRead = loaded.rowsRead();
                job.rowsValid = loaded.rowsValid();
                job.rowsRejected = loaded.rowsRejected();
                job.rowsLoaded = loaded.rowsLoaded();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("target_table", loaded.target());
                result.put("rows_read", loaded.rowsRead());
                result.put("rows_valid", loaded.rowsValid());
                result.put("rows_rejected", loaded.rowsRejected());
                result.put("rows_loaded", loaded.rowsLoaded());
                job.result = EventCodec.encode(result);
            }
        } else if (event instanceof PipelineEvent.FileFailed failed) {
            Job job = Job.findById(failed.jobId());
            if (job != null && !job.finished()) {
                job.status = Job.FAILED;
                job.completedAt = failed.at();
                job.errorMessage = failed.reason() == null || failed.reason().length() <= 2000
                        ? failed.reason() : failed.reason().substring(0, 2000);
            }
        }
    }
}
