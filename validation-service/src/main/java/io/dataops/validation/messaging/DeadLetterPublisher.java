package io.dataops.validation.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/** Parks a message no version of this service can process on {@code Topics.DEAD_LETTER}, with the reason. */
@ApplicationScoped
public class DeadLetterPublisher {
    private final MutinyEmitter<String> deadLetters;

    public DeadLetterPublisher(@Channel("dead-letter-out") MutinyEmitter<String> deadLetters) {
        this.deadLetters = deadLetters;
    }

    public void park(String key, String payload, String sourceTopic, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dataops-dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dataops-dlq-source-topic", sourceTopic.getBytes(StandardCharsets.UTF_8));
        headers.add("dataops-dlq-service", "validation-service".getBytes(StandardCharsets.UTF_8));
        deadLetters.sendMessageAndAwait(Message.of(payload).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build()));
    }
}
