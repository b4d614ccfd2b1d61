package io.dataops.loader.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.LoaderReport;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * A message the loader cannot process goes to the dead-letter topic with its reason, and the consumer goes on:
 * the good batch sent after it, on the same partition, is still loaded.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class PoisonMessagesTest {
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 70);

    @Inject
    DataSource dataSource;

    private static SourceRow customer(long fileId) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_code", "P" + fileId);
        values.put("name", "Pat");
        values.put("email", "pat@x.io");
        values.put("country", "Japan");
        values.put("credit_limit", "10.00");
        return SourceRow.of(3, values, "raw");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void a_batch_whose_rows_are_null_is_parked_with_its_reason_its_run_fails_and_the_next_batch_is_still_loaded() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        String key = Long.toString(fileId);
        String poison = "{\"type\":\"RowBatch\",\"jobId\":" + jobId + ",\"fileId\":" + fileId
                + ",\"target\":\"customers\",\"batchNo\":1,\"rows\":null}";
        TestKafka.send(Topics.FILE_ROWS_VALIDATED, key, poison);
        // same key, same partition: it can only be loaded if the consumer went on after the poison
        TestKafka.send(Topics.FILE_ROWS_VALIDATED, key, EventCodec.encode(new RowBatch(jobId, fileId, "customers",
                ValidationRules.none(), 2, List.of(customer(fileId)))));
        TestKafka.send(Topics.FILE_ROWS_VALIDATED, key, EventCodec.encode(new RowsEnd(jobId, fileId, "customers", 2, 1, 0)));

        List<ConsumerRecord<String, String>> parked = TestKafka.readUntil(Topics.DEAD_LETTER, r -> key.equals(r.key()),
                kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).value()).isEqualTo(poison);
        assertThat(header(parked.get(0), "dataops-dlq-reason")).contains("rows must not be null");
        assertThat(header(parked.get(0), "dataops-dlq-source-topic")).isEqualTo(Topics.FILE_ROWS_VALIDATED);
        assertThat(header(parked.get(0), "dataops-dlq-service")).isEqualTo("loader-service");

        // the run lost batch 1, so it can never be complete: it fails at once, naming the batch, and never finishes
        List<ConsumerRecord<String, String>> failed = TestKafka.readUntil(Topics.PIPELINE_EVENTS,
                r -> EventCodec.decode(r.value(), PipelineEvent.class) instanceof PipelineEvent.FileFailed f && f.jobId() == jobId,
                kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(((PipelineEvent.FileFailed) EventCodec.decode(failed.get(0).value(), PipelineEvent.class)).reason())
                .startsWith("loader could not read batch 1 of this run (").contains(Topics.DEAD_LETTER);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.forRole("viewer")).queryParam("source_file_id", fileId)
                .when().get("/api/data/customers")
                .then().statusCode(200).body("total", equalTo(1)).body("items.customer_code", contains("P" + fileId)));
        TestKafka.assertNothingArrives(Topics.FILE_ROWS_REJECTED,
                r -> EventCodec.decode(r.value(), LoaderReport.class) instanceof LoadFinished f && f.jobId() == jobId,
                Duration.ofSeconds(2));
    }

    @Test
    void a_batch_that_ended_the_stage_three_times_is_parked_and_its_run_fails_with_a_clear_message() throws Exception {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        String key = Long.toString(fileId);
        // what three deliveries that each killed the process leave behind: counted before processing, never finished
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO batch_deliveries (job_id, batch_no, file_id, deliveries) VALUES (?, 1, ?, 3)")) {
            s.setLong(1, jobId);
            s.setLong(2, fileId);
            s.executeUpdate();
        }
        TestKafka.send(Topics.FILE_ROWS_VALIDATED, key, EventCodec.encode(new RowBatch(jobId, fileId, "customers",
                ValidationRules.none(), 1, List.of(customer(fileId)))));

        List<ConsumerRecord<String, String>> parked = TestKafka.readUntil(Topics.DEAD_LETTER, r -> key.equals(r.key()),
                kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(parked).hasSize(1);
        assertThat(header(parked.get(0), "dataops-dlq-reason")).contains("delivered 4 times");
        List<ConsumerRecord<String, String>> failed = TestKafka.readUntil(Topics.PIPELINE_EVENTS,
                r -> EventCodec.decode(r.value(), PipelineEvent.class) instanceof PipelineEvent.FileFailed f && f.jobId() == jobId,
                kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(failed).hasSize(1);
        assertThat(((PipelineEvent.FileFailed) EventCodec.decode(failed.get(0).value(), PipelineEvent.class)).reason())
                .contains("batch 1").contains("delivered 4 times").contains(Topics.DEAD_LETTER);
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("source_file_id", fileId)
                .when().get("/api/data/customers").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void a_batch_delivered_a_second_time_is_still_loaded() throws Exception {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        // one earlier delivery that never finished (a restart mid-batch): within the limit
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO batch_deliveries (job_id, batch_no, file_id, deliveries) VALUES (?, 1, ?, 1)")) {
            s.setLong(1, jobId);
            s.setLong(2, fileId);
            s.executeUpdate();
        }
        TestKafka.send(Topics.FILE_ROWS_VALIDATED, Long.toString(fileId), EventCodec.encode(new RowBatch(jobId, fileId,
                "customers", ValidationRules.none(), 1, List.of(customer(fileId)))));
        TestKafka.send(Topics.FILE_ROWS_VALIDATED, Long.toString(fileId), EventCodec.encode(
                new RowsEnd(jobId, fileId, "customers", 1, 1, 0)));

        List<ConsumerRecord<String, String>> finished = TestKafka.readUntil(Topics.FILE_ROWS_REJECTED,
                r -> EventCodec.decode(r.value(), LoaderReport.class) instanceof LoadFinished f && f.jobId() == jobId,
                kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(finished).hasSize(1);
        assertThat(((LoadFinished) EventCodec.decode(finished.get(0).value(), LoaderReport.class)).loaded().rowsLoaded())
                .isEqualTo(1);
    }
}
