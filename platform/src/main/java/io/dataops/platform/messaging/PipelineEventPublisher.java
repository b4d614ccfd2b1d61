package io.dataops.platform.messaging;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The one publisher of lifecycle facts on {@code Topics.PIPELINE_EVENTS} (channel {@code pipeline-events-out}),
 * keyed by file id so a file's events stay in order. A service that publishes configures the channel in its own
 * application.properties (the loader and validation send without linger); in a service that never injects this
 * class the bean is removed at build time and no producer is created.
 */
@ApplicationScoped
public class PipelineEventPublisher {
    private final MutinyEmitter<String> events;

    public PipelineEventPublisher(@Channel("pipeline-events-out") MutinyEmitter<String> events) {
        this.events = events;
    }

    /** Returns once the broker has the event (the channel is configured with acks=all). */
    public void publish(PipelineEvent event) {
        events.sendMessageAndAwait(KafkaRecord.of(Long.toString(event.fileId()), EventCodec.encode(event)));
    }
}
