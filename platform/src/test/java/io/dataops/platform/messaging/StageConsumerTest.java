package io.dataops.platform.messaging;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.platform.config.PlatformConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template's order of steps, with a fake stage that writes down what it is asked to do and Kafka emitters that
 * write down what would be sent. The steps come from docs/adr/0019 and the style guide's "stage platform": decode,
 * cancelled?, delivered too often?, process, publish progress, acknowledge; dead-letter and fail the run on failure.
 */
class StageConsumerTest {
    private static final long JOB = 7;
    private static final long FILE = 70;

    private final List<String> steps = new ArrayList<>();
    private boolean cancelled;
    private int deliveries = 1;
    private int failuresLeft;

    @Test
    void processes_a_batch_then_reports_progress_then_acknowledges() {
        consumer().consume(message(batch(1)));

        assertThat(steps).containsExactly("delivered 7/1", "process 1", "publish JobProgressed", "ack");
    }

    @Test
    void reports_progress_at_most_once_a_second_per_job() {
        FakeStage stage = consumer();
        stage.consume(message(batch(1)));
        steps.clear();

        stage.consume(message(batch(2)));

        assertThat(steps).containsExactly("delivered 7/2", "process 2", "ack");
    }

    @Test
    void closes_a_run_on_its_closing_marker_counted_as_batch_zero() {
        consumer().consume(message(EventCodec.encode(new RowsEnd(JOB, FILE, "customers", 2, 10, 0))));

        assertThat(steps).containsExactly("delivered 7/0", "close", "ack");
    }

    @Test
    void drops_a_batch_of_a_cancelled_job_without_counting_or_processing_it() {
        cancelled = true;

        consumer().consume(message(batch(1)));

        assertThat(steps).containsExactly("ack");
    }

    @Test
    void parks_a_batch_delivered_too_often_and_fails_its_run_without_processing_it() {
        deliveries = 4; // the limit is 3

        consumer().consume(message(batch(1)));

        assertThat(steps).containsExactly("delivered 7/1", "park", "publish FileFailed", "ack");
    }

    @Test
    void retries_a_failing_batch_then_parks_it_fails_its_run_and_goes_on() {
        failuresLeft = 99;

        consumer().consume(message(batch(1)));

        assertThat(steps).containsExactly("delivered 7/1", "process 1", "process 1", "process 1", "park",
                "publish FileFailed", "ack");
    }

    @Test
    void a_batch_that_fails_once_is_processed_on_the_next_try() {
        failuresLeft = 1;

        consumer().consume(message(batch(1)));

        assertThat(steps).containsExactly("delivered 7/1", "process 1", "process 1", "publish JobProgressed", "ack");
    }

    @Test
    void parks_an_unreadable_message_and_acknowledges_it_without_asking_anything_else() {
        consumer().consume(message("{\"type\":\"RowBatch\",\"jobId\":"));

        assertThat(steps).containsExactly("park", "ack");
    }

    private FakeStage consumer() {
        MutinyEmitter<String> deadLetterTopic = emitter(m -> steps.add("park"));
        MutinyEmitter<String> pipelineTopic = emitter(m -> steps.add("publish "
                + EventCodec.decode(m.getPayload(), PipelineEvent.class).getClass().getSimpleName()));
        StageHousekeeping housekeeping = new StageHousekeeping(null) {
            @Override
            protected List<String> forgetFileStatements() {
                return List.of();
            }

            @Override
            public boolean isCancelled(long jobId) {
                return cancelled;
            }

            @Override
            public int delivered(long jobId, int batchNo, long fileId) {
                steps.add("delivered " + jobId + "/" + batchNo);
                return deliveries;
            }
        };
        return new FakeStage(new DeadLetters(deadLetterTopic, "test-service", config()), housekeeping,
                new PipelineEventPublisher(pipelineTopic));
    }

    private final class FakeStage extends StageConsumer {
        FakeStage(DeadLetters deadLetters, StageHousekeeping housekeeping, PipelineEventPublisher events) {
            super("fake", deadLetters, housekeeping, events);
        }

        @Override
        protected void process(RowBatch batch) {
            steps.add("process " + batch.batchNo());
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("the database is away");
            }
        }

        @Override
        protected void close(RowsEnd end) {
            steps.add("close");
        }

        @Override
        protected PipelineEvent.JobProgressed progress(RowBatch batch) {
            return new PipelineEvent.JobProgressed(batch.jobId(), batch.fileId(), "fake", 1, 1, 0, 0, Instant.now());
        }
    }

    private static String batch(int batchNo) {
        return EventCodec.encode(new RowBatch(JOB, FILE, "customers", ValidationRules.none(), batchNo,
                List.of(SourceRow.of(batchNo, Map.of("customer_code", "C" + batchNo), "C" + batchNo))));
    }

    private Message<String> message(String payload) {
        return Message.of(payload, () -> {
            steps.add("ack");
            return CompletableFuture.completedFuture(null);
        });
    }

    /** An emitter whose sendMessageAndAwait hands the message to {@code sent}; nothing else is called here. */
    @SuppressWarnings("unchecked")
    private static MutinyEmitter<String> emitter(java.util.function.Consumer<Message<String>> sent) {
        return (MutinyEmitter<String>) Proxy.newProxyInstance(StageConsumerTest.class.getClassLoader(),
                new Class<?>[]{MutinyEmitter.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendMessageAndAwait")) {
                        sent.accept((Message<String>) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static PlatformConfig config() {
        return new PlatformConfig() {
            public boolean revocationCheck() { return true; }
            public Optional<String> contentSecurityPolicy() { return Optional.empty(); }
            public Optional<List<String>> trustedProxies() { return Optional.empty(); }
            public Audit audit() { return () -> true; }
            public Consumer consumer() {
                return new Consumer() {
                    public int attempts() { return 3; }
                    public Duration retryPause() { return Duration.ofMillis(1); }
                    public int maxMessageBytes() { return 1 << 20; }
                    public int maxDeliveries() { return 3; }
                };
            }
        };
    }
}
