package io.dataops.ingest.messaging;

import io.dataops.ingest.service.FileStatusTracker;
import io.dataops.model.runtime.PipelineEventReader;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps DATA_FILES.status in step with the pipeline: the offset is committed after the database commit. */
@ApplicationScoped
public class PipelineEventListener {
    private final FileStatusTracker tracker;

    public PipelineEventListener(FileStatusTracker tracker) {
        this.tracker = tracker;
    }

    @Incoming("pipeline-events-in")
    @Blocking
    public void onEvent(String payload) {
        PipelineEventReader.read(payload).ifPresent(tracker::apply);
    }
}
