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
 * FILE_KEYS holds only the values of fields with a {@code unique} rule (docs/adr/0024-one-file-across-partitions.md).
 * These runs have batches stored behind this process's back, as another replica stores them: a duplicate of such a
 * batch's value must still be found, whichever batch comes first. A run without a unique rule stores no key at all
 * (a repeated natural key is then the loader's to report). Once a run's rows are closed, its keys are pruned (after
 * 2 s in the test profile).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class UniqueRuleAcrossReplicasTest {
    private static final AtomicLong IDS = new AtomicLong(4_000_000_000L + System.currentTimeMillis() % 1_000_000 * 100);

    @Inject
    ValidationLedger ledger;
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
                new ValidationLedger.BatchFacts(7, 3, 1, List.of(new FileKeyIndex.Key("customer_code", code, row)))));
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
    void a_key_stored_by_a_later_batch_that_came_first_makes_the_earlier_row_the_duplicate() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        // batch 3 came first (another replica); batch 1 repeats its value: the value's holder is the row validated first
        startRun(jobId, fileId, row(2, "L1"));
        storedElsewhere(jobId, fileId, 3, "L9", 6);
        send(fileId, batch(jobId, fileId, 2, row(3, "L9")));
        awaitForwarded(jobId, 2);

        duplicateReported(fileId, 3, "L9", 6);
    }

    @Test
    void a_run_without_a_unique_rule_stores_no_file_keys_even_for_repeated_natural_keys() throws Exception {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(fileId),
                EventCodec.encode(new PipelineEvent.FileUploaded(fileId, "n.csv", "csv", 10, 1, Instant.now())));
        send(fileId, batch(jobId, fileId, 1, row(2, "N1"), row(3, "N1")));
        awaitForwarded(jobId, 1);

        assertThat(keysOf(jobId)).isZero();
        assertThat(ledger.totals(jobId).keyedRows()).isEqualTo(2);
        assertThat(TestDatabase.count(dataSource, "SELECT COUNT(*) FROM validated_batches WHERE job_id = ?"
                + " AND handled_by IS NOT NULL", jobId)).isOne();
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId + "/errors")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void a_closed_runs_keys_are_pruned() throws Exception {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        startRun(jobId, fileId, row(2, "T1"), row(3, "T2"), row(4, "T1"));
        assertThat(keysOf(jobId)).isEqualTo(2);

        send(fileId, new RowsEnd(jobId, fileId, "customers", 1, 3, 0));

        // the test profile keeps a closed run's keys for 2 s
        await().atMost(Duration.ofSeconds(30)).until(() -> keysOf(jobId) == 0);
    }

    private long keysOf(long jobId) throws Exception {
        return TestDatabase.count(dataSource, "SELECT COUNT(*) FROM file_keys WHERE job_id = ?", jobId);
    }
}
