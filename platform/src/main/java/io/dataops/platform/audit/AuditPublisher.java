package io.dataops.platform.audit;

import io.dataops.model.audit.AuditEvent;
import io.dataops.model.events.EventCodec;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;

/**
 * Sends audit events to {@code dataops.audit} (channel {@code audit-out}), keyed by event id. Fire and forget
 * after the change committed: a broker outage loses the event and logs it (docs/adr/0010).
 */
@ApplicationScoped
public class AuditPublisher {
    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);
    private final Emitter<String> events;

    public AuditPublisher(@Channel("audit-out") Emitter<String> events) {
        this.events = events;
    }

    public void publish(AuditEvent event) {
        String json = EventCodec.encode(event);
        Message<String> message = Message.of(json)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.eventId()).build())
                .withAck(() -> CompletableFuture.completedFuture(null))
                .withNack(failure -> {
                    LOG.errorf("Audit event %s (%s) not sent: %s; event: %s", event.eventId(), event.action(), failure, json);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            events.send(message);
        } catch (RuntimeException e) {
            LOG.errorf("Audit event %s (%s) not sent: %s; event: %s", event.eventId(), event.action(), e, json);
        }
    }
}
