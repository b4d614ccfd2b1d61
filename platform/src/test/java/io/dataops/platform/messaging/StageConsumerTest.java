package io.dataops.platform.messaging;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.platform.closing.ClosingGate;
import io.dataops.platform.config.PlatformConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template's order of steps, with a fake stage that writes down what it is asked to do and Kafka emitters that
 * write down what would be sent. The steps come from docs/adr/0019 and the style guide's "stage platform": decode,
 * cancelled?, delivered too often?, process, publish progress, acknowledge; dead-letter and fail the run on failure.
 * The closing gate is the real one on an in-memory H2 database, with a ledger the fake stage writes (docs/adr/0024).
 */
class StageConsumerTest {
    private static final long JOB = 7;
    private static final long FILE = 70;

    private final List<String> steps = new ArrayList<>();
    private boolean cancelled;
    private int deliveries = 1;
    private int failuresLeft;
    private final JdbcDataSource db = database();

    private static JdbcDataSource database() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:stage-" + UUID.randomUUID() + ";MODE=Oracle;DB_CLOSE_DELAY=-1");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE run_closings (job_id NUMBER(19) NOT NULL, gate VARCHAR2(16 CHAR) NOT NULL,"
                    + " file_id NUMBER(19) NOT NULL, expected NUMBER(19), marker VARCHAR2(4000 CHAR),"
                    + " claimed_by VARCHAR2(64 CHAR), closed_at TIMESTAMP, PRIMARY KEY (job_id, gate))");
            s.execute("CREATE TABLE ledger (job_id NUMBER(19) NOT NULL, batch_no NUMBER(10) NOT NULL,"
                    + " PRIMARY KEY (job_id, batch_no))");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return db;
    }

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
    void a_closing_marker_before_its_batches_is_counted_as_batch_zero_and_waits_for_them() {
        consumer().consume(message(end(2)));

        assertThat(steps).containsExactly("delivered 7/0", "ack");
    }

    @Test
    void the_last_batch_to_arrive_closes_the_run_with_the_marker_that_came_before_it() {
        FakeStage stage = consumer();
        stage.consume(message(end(2)));
        stage.consume(message(batch(2)));
        steps.clear();

        stage.consume(message(batch(1)));

        assertThat(steps).containsExactly("delivered 7/1", "process 1", "close 2 batches, 10 rows", "ack");
    }

    @Test
    void a_marker_after_every_batch_closes_the_run_and_a_redelivered_marker_closes_nothing() {
        FakeStage stage = consumer();
        stage.consume(message(batch(1)));
        stage.consume(message(end(1)));
        stage.consume(message(end(1)));

        assertThat(steps).filteredOn(step -> step.startsWith("close")).containsExactly("close 1 batches, 10 rows");
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
    void parks_a_batch_that_names_its_run_but_breaks_the_events_rules_and_fails_that_run() {
        consumer().consume(message("{\"type\":\"RowBatch\",\"jobId\":7,\"fileId\":70,\"target\":\"customers\","
                + "\"batchNo\":1,\"rows\":null}"));

        assertThat(steps).containsExactly("park", "publish FileFailed", "ack");
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
                new PipelineEventPublisher(pipelineTopic),
                new ClosingGate(db, "rows", "SELECT COUNT(*) FROM ledger WHERE job_id = ?"));
    }

    private final class FakeStage extends StageConsumer {
        FakeStage(DeadLetters deadLetters, StageHousekeeping housekeeping, PipelineEventPublisher events,
                  ClosingGate closings) {
            super("fake", deadLetters, housekeeping, events, closings);
        }

        @Override
        protected void process(RowBatch batch) {
            steps.add("process " + batch.batchNo());
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("the database is away");
            }
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("MERGE INTO ledger KEY (job_id, batch_no) VALUES (" + batch.jobId() + ", "
                        + batch.batchNo() + ")");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void close(RowsEnd end) {
            steps.add("close " + end.batchCount() + " batches, " + end.rowCount() + " rows");
        }

        @Override
        protected PipelineEvent.JobProgressed progress(RowBatch batch) {
            return new PipelineEvent.JobProgressed(batch.jobId(), batch.fileId(), "fake", 1, 1, 0, 0, Instant.now());
        }
    }

    private static String end(int batches) {
        return EventCodec.encode(new RowsEnd(JOB, FILE, "customers", batches, 10, 0));
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
            public Optional<String> instance() { return Optional.empty(); }
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
