package io.dataops.job.service;

import io.dataops.job.repository.Job;
import io.dataops.model.events.PipelineEvent;
import io.dataops.platform.messaging.PipelineEventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Moves JOBS rows along from pipeline events, one event per transaction; the rules are in {@link JobLifecycle}. */
@ApplicationScoped
public class JobTracker implements PipelineEventHandler {

    @Override
    @Transactional
    public void apply(PipelineEvent event) {
        Long jobId = JobLifecycle.jobIdOf(event);
        if (jobId == null) {
            return;
        }
        Job job = Job.findById(jobId);
        // an id this database never issued (a run started elsewhere) has nothing to move
        if (job != null) {
            JobLifecycle.apply(job, event);
        }
    }
}
