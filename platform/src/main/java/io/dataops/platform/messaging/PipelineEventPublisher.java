package io.dataops.ingest.messaging;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes lifecycle facts on {@code Topics.PIPELINE_EVENTS}, keyed by file id. */
@ApplicationScoped
public class PipelineEventPublisher {
    private final MutinyEmitter<String> events;

    public PipelineEventPublisher(@Channel("pipeline-events-out") MutinyEmitter<String> events) {
        this.events = events;
    }

    public void publish(PipelineEvent event) {
        events.sendMessageAndAwait(KafkaRecord.of(Long.toString(event.fileId()), EventCodec.encode(event)));
    }
}
