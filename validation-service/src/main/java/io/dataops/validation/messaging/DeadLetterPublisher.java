package io.dataops.validation.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/** Parks a message no version of this service can process on {@code Topics.DEAD_LETTER}, with the reason. */
@ApplicationScoped
public class DeadLetterPublisher {
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);
    private final MutinyEmitter<String> deadLetters;

    public DeadLetterPublisher(@Channel("dead-letter-out") MutinyEmitter<String> deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Parks the message as it came (same key and payload), naming the topic it came from. */
    public void park(Message<String> message, String reason) {
        var incoming = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String key = incoming.map(m -> String.valueOf(m.getKey())).orElse(null);
        String sourceTopic = incoming.map(IncomingKafkaRecordMetadata::getTopic).orElse("unknown");
        LOG.warnf("Dead-lettering a message from %s (key %s): %s", sourceTopic, key, reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add("dataops-dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dataops-dlq-source-topic", sourceTopic.getBytes(StandardCharsets.UTF_8));
        headers.add("dataops-dlq-service", "validation-service".getBytes(StandardCharsets.UTF_8));
        deadLetters.sendMessageAndAwait(Message.of(message.getPayload()).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build()));
    }
}
