package io.dataops.job.messaging;

import io.dataops.job.service.JobTracker;
import io.dataops.model.runtime.PipelineEventReader;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps JOBS in step with the pipeline: the offset is committed after the database commit. */
@ApplicationScoped
public class PipelineEventListener {
    private final JobTracker tracker;

    public PipelineEventListener(JobTracker tracker) {
        this.tracker = tracker;
    }

    @Incoming("pipeline-events-in")
    @Blocking
    public void onEvent(String payload) {
        PipelineEventReader.read(payload).ifPresent(tracker::apply);
    }
}
