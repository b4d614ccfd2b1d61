package io.dataops.validation.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestDatabase;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.dataops.validation.repository.ValidationLedger;
import io.dataops.validation.rules.FileKeyIndex;
import io.dataops.validation.service.RunKeyFilters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * Validation looks up only the keys its in-memory filter says an earlier batch may have stored. These runs have
 * batches stored behind this process's back, as another replica would store them while it held the partition, and
 * a process that forgot its filters, as after a restart: a duplicate of such a batch's key must still be found.
 * (A repeated natural key is a validation error only under a unique rule; without one the loader reports it.)
 * And once a run is closed, its keys are pruned (after 2 s in the test profile) without changing its score.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class StoredKeysAcrossReplicasTest {
    private static final AtomicLong IDS = new AtomicLong(4_000_000_000L + System.currentTimeMillis() % 1_000_000 * 100);

    @Inject
    ValidationLedger ledger;
    @Inject
    RunKeyFilters filters;
    @Inject
    DataSource dataSource;

    private static SourceRow row(long line, String code) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_code", code);
        values.put("name", "Name " + line);
        values.put("email", "c" + line + "@x.io");
        return SourceRow.of(line, values, code + ",Name " + line + ",c" + line + "@x.io");
    }

    private static RowBatch batch(long jobId, long fileId, int batchNo, SourceRow... rows) {
        return new RowBatch(jobId, fileId, "customers", ValidationRules.none(), batchNo, List.of(rows));
    }

    /**
     * Starts a run whose rules (resolved at its first batch) hold a unique rule on customer_code, so a repeated
     * code is a validation error; the stored rule is gone again once the first batch is through.
     */
    private static void startRun(long jobId, long fileId, SourceRow... rows) {
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(fileId),
                EventCodec.encode(new PipelineEvent.FileUploaded(fileId, "r.csv", "csv", 10, 1, Instant.now())));
        int rule = given().auth().oauth2(TestTokens.forRole("admin")).contentType(ContentType.JSON)
                .body("{\"target\":\"customers\",\"field\":\"customer_code\",\"rule_type\":\"unique\"}")
                .when().post("/api/rules").then().statusCode(201).extract().path("id");
        try {
            send(fileId, batch(jobId, fileId, 1, rows));
            awaitForwarded(jobId, 1);
        } finally {
            given().auth().oauth2(TestTokens.forRole("admin")).when().delete("/api/rules/" + rule).then().statusCode(204);
        }
    }

    private static void send(long fileId, Object message) {
        TestKafka.send(Topics.FILE_ROWS_UPLOADED, Long.toString(fileId), EventCodec.encode(message));
    }

    private static void awaitForwarded(long jobId, int batches) {
        TestKafka.readUntil(Topics.FILE_ROWS_VALIDATED,
                r -> EventCodec.decode(r.value(), FileRowsMessage.class).jobId() == jobId,
                kept -> kept.size() >= batches, Duration.ofSeconds(30));
    }

    /** What another replica commits for a batch: its ledger row and the keys it saw first. */
    private void storedElsewhere(long jobId, long fileId, int batchNo, String code, long row) {
        QuarkusTransaction.requiringNew().run(() -> ledger.record(jobId, fileId, batchNo, 1, 1, List.of(), Map.of(),
                new ValidationLedger.BatchFacts(7, 3, List.of(new FileKeyIndex.Key("customer_code", code, row)))));
    }

    private static void duplicateReported(long fileId, long row, String code, long firstRow) {
        given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/data/files/" + fileId + "/errors")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.row_number", contains((int) row))
                .body("items.error_type", contains("DUPLICATE"))
                .body("items[0].error_message",
                        equalTo("customer_code '" + code + "' already appears at row " + firstRow + " of this file"));
    }

    @Test
    void a_key_another_replica_stored_while_it_held_the_partition_is_still_a_duplicate() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        startRun(jobId, fileId, row(2, "R1"), row(3, "R2"));

        // batch 2 went to another replica; this process next sees batch 3, which repeats batch 2's key
        storedElsewhere(jobId, fileId, 2, "R3", 4);
        send(fileId, batch(jobId, fileId, 3, row(5, "R3"), row(6, "R4")));
        awaitForwarded(jobId, 2);

        duplicateReported(fileId, 5, "R3", 4);
    }

    @Test
    void a_closed_runs_keys_are_pruned_and_a_late_closing_marker_reports_the_stored_score() throws Exception {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        startRun(jobId, fileId, row(2, "T1"), row(3, "T2"), row(4, "T1"));
        assertThat(keysOf(jobId)).isEqualTo(2);
        RowsEnd end = new RowsEnd(jobId, fileId, "customers", 1, 3, 0);
        send(fileId, end);
        // the run is closed once its score is out; only then is its quality final and its keys' pruning due
        awaitScores(jobId, 1);
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId + "/quality")
                .then().statusCode(200).body("distinct_keys", equalTo(2));

        // the test profile keeps a closed run's keys for 2 s
        await().atMost(Duration.ofSeconds(30)).until(() -> keysOf(jobId) == 0);
        send(fileId, end);

        List<ConsumerRecord<String, String>> scored = awaitScores(jobId, 2);
        assertThat(scored).hasSize(2).extracting(r -> ((PipelineEvent.FileQualityScored) EventCodec.decode(r.value(),
                PipelineEvent.class)).uniqueness()).containsExactly(0.6667, 0.6667);
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId + "/quality")
                .then().statusCode(200).body("distinct_keys", equalTo(2));
    }

    private static List<ConsumerRecord<String, String>> awaitScores(long jobId, int scores) {
        return TestKafka.readUntil(Topics.PIPELINE_EVENTS,
                r -> EventCodec.decode(r.value(), PipelineEvent.class) instanceof PipelineEvent.FileQualityScored q && q.jobId() == jobId,
                kept -> kept.size() >= scores, Duration.ofSeconds(30));
    }

    private long keysOf(long jobId) throws Exception {
        return TestDatabase.count(dataSource, "SELECT COUNT(*) FROM file_keys WHERE job_id = ?", jobId);
    }

    @Test
    void a_process_that_lost_its_filters_rebuilds_them_from_the_stored_keys() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        startRun(jobId, fileId, row(2, "S1"), row(3, "S2"));

        filters.forget(jobId); // as after a restart
        send(fileId, batch(jobId, fileId, 2, row(4, "S3"), row(5, "S1")));
        awaitForwarded(jobId, 2);

        duplicateReported(fileId, 5, "S1", 2);
        assertThat(ledger.totals(jobId).rowsRejected()).isEqualTo(1);
    }
}
