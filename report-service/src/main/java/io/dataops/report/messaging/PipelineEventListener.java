package io.dataops.report.messaging;

import io.dataops.report.service.DashboardProjection;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.UnreadableEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Keeps the dashboard read model in step with the pipeline: the offset is committed after the database commit. */
@ApplicationScoped
public class PipelineEventListener {
    private static final Logger LOG = Logger.getLogger(PipelineEventListener.class);
    private final DashboardProjection tracker;

    public PipelineEventListener(DashboardProjection tracker) {
        this.tracker = tracker;
    }

    @Incoming("pipeline-events-in")
    @Blocking
    public void onEvent(String payload) {
        PipelineEvent event;
        try {
            event = EventCodec.decode(payload, PipelineEvent.class);
        } catch (UnreadableEventException e) {
            LOG.warnf("Skipping a pipeline event this version cannot read: %s", e.getMessage());
            return;
        }
        tracker.apply(event);
    }
}
