package io.dataops.report.messaging;

import io.dataops.report.service.DashboardProjection;
import io.dataops.model.runtime.PipelineEventReader;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the dashboard read model in step with the pipeline: the offset is committed after the database commit. */
@ApplicationScoped
public class PipelineEventListener {
    private final DashboardProjection tracker;

    public PipelineEventListener(DashboardProjection tracker) {
        this.tracker = tracker;
    }

    @Incoming("pipeline-events-in")
    @Blocking
    public void onEvent(String payload) {
        PipelineEventReader.read(payload).ifPresent(tracker::apply);
    }
}
