package io.dataops.platform.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.PipelineEvent;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one listener on {@code Topics.PIPELINE_EVENTS} (channel {@code pipeline-events-in}) of every service that
 * follows the pipeline: it decodes each event and hands it to the service's {@link PipelineEventHandler}s in one
 * transaction, so the offset is committed only after the database commit. Each try runs in a new transaction: a
 * failed one rolls back before the next, and an event that cannot be read or keeps failing is parked on the
 * dead-letter topic ({@link DeadLetters#consume}) and the next one follows.
 * <p>
 * It exists only in a service that configures the channel (its consumer group and offsets stay that service's own);
 * the gateway, which follows no pipeline event, has none.
 */
@ApplicationScoped
@IfBuildProperty(name = "mp.messaging.incoming.pipeline-events-in.connector", stringValue = "smallrye-kafka")
public class PipelineEventListener {
    private final Instance<PipelineEventHandler> handlers;
    private final DeadLetters deadLetters;

    public PipelineEventListener(Instance<PipelineEventHandler> handlers, DeadLetters deadLetters) {
        this.handlers = handlers;
        this.deadLetters = deadLetters;
    }

    @Incoming("pipeline-events-in")
    @Blocking
    public void onEvent(String payload) {
        deadLetters.consume(Topics.PIPELINE_EVENTS, payload, PipelineEvent.class,
                event -> QuarkusTransaction.requiringNew().run(() -> handlers.forEach(handler -> handler.apply(event))));
    }
}
