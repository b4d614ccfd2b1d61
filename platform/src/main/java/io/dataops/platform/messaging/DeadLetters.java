package io.dataops.platform.messaging;

import io.dataops.platform.config.PlatformConfig;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.UnreadableEventException;
import io.dataops.model.problem.ProblemException;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The one way every consumer parks a message it cannot process on {@link Topics#DEAD_LETTER} (channel
 * {@code dead-letter-out}): the payload as it came, with the reason, the source topic and the service in headers.
 * After parking, the consumer acknowledges the message and goes on; a poison message never stops a partition.
 */
@ApplicationScoped
public class DeadLetters {
    public static final String REASON_HEADER = "dataops-dlq-reason";
    public static final String SOURCE_TOPIC_HEADER = "dataops-dlq-source-topic";
    public static final String SERVICE_HEADER = "dataops-dlq-service";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    /** Headers are read by people and tools; a reason quoting a huge payload would only bloat the topic. */
    private static final int MAX_REASON_LENGTH = 1000;

    private final MutinyEmitter<String> deadLetters;
    private final String service;
    private final PlatformConfig config;

    public DeadLetters(@Channel("dead-letter-out") MutinyEmitter<String> deadLetters,
                       @ConfigProperty(name = "quarkus.application.name") String service, PlatformConfig config) {
        this.deadLetters = deadLetters;
        this.service = service;
        this.config = config;
    }

    /** Parks the message as it came (same key and payload), naming the topic it came from. */
    public void park(Message<String> message, String reason) {
        var incoming = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String key = incoming.map(m -> m.getKey() == null ? null : String.valueOf(m.getKey())).orElse(null);
        String sourceTopic = incoming.map(IncomingKafkaRecordMetadata::getTopic).orElse("unknown");
        park(sourceTopic, key, message.getPayload(), reason);
    }

    public void park(String sourceTopic, String key, String payload, String reason) {
        String shortReason = reason == null ? "unknown" : reason.length() <= MAX_REASON_LENGTH ? reason
                : reason.substring(0, MAX_REASON_LENGTH) + "...";
        LOG.warnf("Dead-lettering a message from %s (key %s): %s", sourceTopic, key, shortReason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, shortReason.getBytes(StandardCharsets.UTF_8));
        headers.add(SOURCE_TOPIC_HEADER, sourceTopic.getBytes(StandardCharsets.UTF_8));
        headers.add(SERVICE_HEADER, service.getBytes(StandardCharsets.UTF_8));
        deadLetters.sendMessageAndAwait(Message.of(payload).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build()));
    }

    /**
     * Decodes a message of a topic every service reads on its own terms (pipeline events, audit events) and hands it
     * to {@code handler}. A message that does not decode or breaks its contract is parked at once; a handler that
     * keeps failing is tried {@code dataops.platform.consumer.attempts} times in all, then the message is parked.
     * Either way the caller returns normally, so the offset moves on.
     *
     * @return whether the handler ran to its end
     */
    public <T> boolean consume(String sourceTopic, String payload, Class<T> type, Consumer<T> handler) {
        return consume(payload, type, handler, reason -> park(sourceTopic, null, payload, reason));
    }

    /** The same for a whole Kafka message: a parked one keeps its key and names the topic it came from. */
    public <T> boolean consume(Message<String> message, Class<T> type, Consumer<T> handler) {
        return consume(message.getPayload(), type, handler, reason -> park(message, reason));
    }

    private <T> boolean consume(String payload, Class<T> type, Consumer<T> handler, Consumer<String> parking) {
        T event;
        try {
            event = EventCodec.decode(payload, type);
        } catch (UnreadableEventException e) {
            parking.accept(e.getMessage());
            return false;
        }
        try {
            retrying(() -> handler.accept(event));
            return true;
        } catch (RuntimeException e) {
            parking.accept(describe(e));
            return false;
        }
    }

    /**
     * Runs {@code work} until it succeeds or has failed {@code dataops.platform.consumer.attempts} times, pausing
     * between tries: a database or broker blip passes, a message that can never be processed does not.
     * The work must be idempotent (every stage's ledger makes it so).
     *
     * @throws RuntimeException the last failure
     */
    public void retrying(Runnable work) {
        int attempts = Math.max(1, config.consumer().attempts());
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= attempts || e instanceof ProblemException) {
                    throw e;
                }
                LOG.warnf("Attempt %d of %d to process a message failed, trying again: %s", attempt, attempts, describe(e));
                pause(config.consumer().retryPause().toMillis() * attempt);
            }
        }
    }

    /**
     * The job's error message when {@code stage} gave up on a message of the run: which message, and where it went.
     * The failure itself (which may quote SQL) stays in the dead-letter header and the log.
     */
    public String runFailure(String stage, FileRowsMessage rows) {
        String which = rows instanceof RowBatch batch ? "batch " + batch.batchNo() : "the closing marker";
        return stage + " could not process " + which + " of this run after " + Math.max(1, config.consumer().attempts())
                + " attempts; the message was moved to the dead-letter topic " + Topics.DEAD_LETTER;
    }

    /**
     * Whether a stage should give up on a message it has now received {@code deliveries} times: each earlier
     * delivery ended without the stage finishing it (it crashed or was stopped while processing it).
     */
    public boolean deliveredTooOften(int deliveries) {
        return deliveries > Math.max(1, config.consumer().maxDeliveries());
    }

    /** The job's error message when a stage gave up on a message that kept ending its process. */
    public String crashLoopFailure(String stage, FileRowsMessage rows, int deliveries) {
        String which = rows instanceof RowBatch batch ? "batch " + batch.batchNo() : "the closing marker";
        return stage + " gave up on " + which + " of this run: it was delivered " + deliveries + " times and the stage"
                + " stopped each time before finishing it (a crash or restart while processing it); the message was"
                + " moved to the dead-letter topic " + Topics.DEAD_LETTER;
    }

    /** A reason for the dead-letter header and the job's error message: what failed, never a stack trace. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return root == failure ? what
                : what + " (cause " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a message", e);
        }
    }
}
