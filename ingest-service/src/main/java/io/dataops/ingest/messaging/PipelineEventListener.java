package io.dataops.ingest.messaging;

import io.dataops.ingest.service.FileStatusTracker;
import io.dataops.model.Topics;
import io.dataops.model.events.PipelineEvent;
import io.dataops.platform.messaging.DeadLetters;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps DATA_FILES.status in step with the pipeline: the offset is committed after the database commit.
 * An event this version cannot read or apply is parked on the dead-letter topic, and the next one follows. */
@ApplicationScoped
public class PipelineEventListener {
    private final FileStatusTracker tracker;

    private final DeadLetters deadLetters;

    public PipelineEventListener(FileStatusTracker tracker, DeadLetters deadLetters) {
        this.tracker = tracker;
        this.deadLetters = deadLetters;
    }

    @Incoming("pipeline-events-in")
    @Blocking
    public void onEvent(String payload) {
        deadLetters.consume(Topics.PIPELINE_EVENTS, payload, PipelineEvent.class, tracker::apply);
    }
}
