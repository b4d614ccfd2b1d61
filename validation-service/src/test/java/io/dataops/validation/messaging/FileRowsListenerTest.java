package io.dataops.validation.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.RowMessages;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

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

/** Plays ingest-service on the real broker and reads what validation-service records and forwards. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class FileRowsListenerTest {
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);
    private static final ValidationRules SEED_RULES = new ValidationRules(List.of("customer_code", "name"),
            List.of("email"), List.of("credit_limit"));

    private static SourceRow row(long line, String code, String name, String email, String credit) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_code", code);
        values.put("name", name);
        values.put("email", email);
        values.put("credit_limit", credit);
        return SourceRow.of(line, values, String.join(",", code, name, email, credit));
    }

    private static void announce(long fileId) {
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(fileId), EventCodec.encode(
                new PipelineEvent.FileUploaded(fileId, "c.csv", "csv", 10, 1, Instant.now())));
    }

    private static void sendRows(FileRowsMessage message) {
        TestKafka.send(Topics.FILE_ROWS_UPLOADED, Long.toString(message.fileId()), EventCodec.encode(message));
    }

    /** What validation forwarded for the run, in file order (its messages sit in different partitions). */
    private static List<FileRowsMessage> forwarded(long jobId, int expected) {
        return RowMessages.inFileOrder(TestKafka.readUntil(Topics.FILE_ROWS_VALIDATED,
                r -> EventCodec.decode(r.value(), FileRowsMessage.class).jobId() == jobId,
                kept -> kept.size() >= expected, Duration.ofSeconds(30)));
    }

    @Test
    void records_every_error_with_its_row_and_forwards_only_valid_rows_then_the_totals() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        announce(fileId);
        sendRows(new RowBatch(jobId, fileId, "customers", SEED_RULES, 1, List.of(
                row(2, "C1", "Ann", "ann@x.io", "10.00"),
                row(3, "C2", "Bob", "not-an-email", "-5"),
                row(4, "", "Cy", "cy@x.io", "1"))));
        sendRows(new RowsEnd(jobId, fileId, "customers", 1, 3, 0));

        List<FileRowsMessage> out = forwarded(jobId, 2);
        assertThat(out).hasSize(2);
        assertThat(((RowBatch) out.get(0)).rows()).extracting(r -> r.values().get("customer_code")).containsExactly("C1");
        assertThat(out.get(1)).isEqualTo(new RowsEnd(jobId, fileId, "customers", 1, 3, 2));

        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId + "/errors")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.row_number", contains(3, 3, 4))
                .body("items.field_name", contains("email", "credit_limit", "customer_code"))
                .body("items.error_type", contains("FORMAT", "RANGE", "REQUIRED"))
                .body("items[0].field_value", equalTo("not-an-email"))
                .body("items[0].raw_data", equalTo("C2,Bob,not-an-email,-5"));
    }

    @Test
    void redelivered_batch_changes_nothing_but_is_forwarded_again() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        announce(fileId);
        RowBatch batch = new RowBatch(jobId, fileId, "customers", SEED_RULES, 1, List.of(
                row(2, "C1", "Ann", "bad", "1"), row(3, "C2", "Bob", "b@x.io", "1")));
        sendRows(batch);
        sendRows(batch);
        sendRows(new RowsEnd(jobId, fileId, "customers", 1, 2, 0));

        List<FileRowsMessage> out = forwarded(jobId, 3);
        assertThat(out).hasSize(3);
        assertThat(out.get(2)).isEqualTo(new RowsEnd(jobId, fileId, "customers", 1, 2, 1));
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId + "/errors")
                .then().statusCode(200).body("total", equalTo(1));
    }

    private static SourceRow order(long line, String number, String items) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("order_number", number);
        values.put("customer_code", "CUST001");
        values.put("order_date", "2024-01-15");
        values.put("total_amount", "10.00");
        values.put("items", items);
        return SourceRow.of(line, values, "{\"order_number\":\"" + number + "\"}");
    }

    @Test
    void an_order_with_a_bad_item_is_rejected_whole_with_the_item_path_and_the_run_mode_goes_forward() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        announce(fileId);
        sendRows(new RowBatch(jobId, fileId, "orders", ValidationRules.none(), 1, List.of(
                order(1, "O1", "[{\"product\":\"A\",\"qty\":1,\"price\":1.50}]"),
                order(2, "O2", "[{\"product\":\"A\",\"qty\":1,\"price\":1},{\"product\":\"B\",\"qty\":\"x\",\"price\":1}]")),
                io.dataops.model.events.LoadMode.UPSERT));
        sendRows(new RowsEnd(jobId, fileId, "orders", 1, 2, 0));

        List<FileRowsMessage> out = forwarded(jobId, 2);
        RowBatch valid = (RowBatch) out.get(0);
        assertThat(valid.rows()).extracting(r -> r.values().get("order_number")).containsExactly("O1");
        assertThat(valid.mode()).isEqualTo(io.dataops.model.events.LoadMode.UPSERT);
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId + "/errors")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].row_number", equalTo(2))
                .body("items[0].field_name", equalTo("items[1].qty"))
                .body("items[0].field_value", equalTo("x"))
                .body("items[0].error_type", equalTo("TYPE"));
    }

    @Test
    void the_loaders_reference_rejects_join_the_files_errors() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        announce(fileId);
        TestKafka.send(Topics.FILE_ROWS_REJECTED, Long.toString(fileId), EventCodec.encode(new RowsRejected(jobId, fileId,
                "orders", 1, List.of(new RowsRejected.RejectedRow(3, "customer_code", "INVALID", RowsRejected.REFERENCE,
                        "customer_code 'INVALID' is not a loaded customer_code of customers", "{}")))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                .queryParam("error_type", "REFERENCE").when().get("/api/data/files/" + fileId + "/errors")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].row_number", equalTo(3))
                .body("items[0].field_value", equalTo("INVALID")));
    }

    @Test
    void the_loaders_duplicates_join_the_files_errors_once_even_when_reported_twice() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        announce(fileId);
        RowsRejected rejected = new RowsRejected(jobId, fileId, "customers", 3, List.of(new RowsRejected.RejectedRow(
                1201, "customer_code", "C9", "DUPLICATE", "customer_code 'C9' was already loaded from file 1 (row 2)",
                "C9,Nine,n@x.io,1")));
        TestKafka.send(Topics.FILE_ROWS_REJECTED, Long.toString(fileId), EventCodec.encode(rejected));
        TestKafka.send(Topics.FILE_ROWS_REJECTED, Long.toString(fileId), EventCodec.encode(rejected));
        // a later batch's report, after the repeat in the same partition: once it shows, the repeat was handled
        TestKafka.send(Topics.FILE_ROWS_REJECTED, Long.toString(fileId), EventCodec.encode(new RowsRejected(jobId, fileId,
                "customers", 4, List.of(new RowsRejected.RejectedRow(1700, "customer_code", "C10", "DUPLICATE", "dup", "C10")))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                .queryParam("error_type", "DUPLICATE").when().get("/api/data/files/" + fileId + "/errors")
                .then().statusCode(200).body("total", equalTo(2)).body("items.row_number", contains(1201, 1700))
                .body("items[0].raw_data", equalTo("C9,Nine,n@x.io,1")));
    }

    @Test
    void the_file_is_reported_loaded_only_after_the_loaders_rejects_before_it_are_recorded() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        announce(fileId);
        // written before the closing report existed: no type, still read as rejects
        TestKafka.send(Topics.FILE_ROWS_REJECTED, Long.toString(fileId), "{\"jobId\":" + jobId + ",\"fileId\":" + fileId
                + ",\"target\":\"orders\",\"batchNo\":1,\"rows\":[{\"rowNumber\":2,\"field\":\"customer_code\","
                + "\"value\":\"X1\",\"errorType\":\"REFERENCE\",\"message\":\"unknown\",\"raw\":\"{}\"}]}");
        TestKafka.send(Topics.FILE_ROWS_REJECTED, Long.toString(fileId), EventCodec.encode(new RowsRejected(jobId, fileId,
                "orders", 2, List.of(new RowsRejected.RejectedRow(9, "customer_code", "X2", "REFERENCE", "unknown", "{}")))));
        PipelineEvent.FileLoaded loaded = new PipelineEvent.FileLoaded(jobId, fileId, "orders", 10, 8, 2, 8, Instant.now());
        TestKafka.send(Topics.FILE_ROWS_REJECTED, Long.toString(fileId), EventCodec.encode(new LoadFinished(loaded, 2, 0)));

        List<ConsumerRecord<String, String>> published = TestKafka.readUntil(Topics.PIPELINE_EVENTS,
                r -> EventCodec.decode(r.value(), PipelineEvent.class) instanceof PipelineEvent.FileLoaded l
                        && l.jobId() == jobId, kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(published).hasSize(1);
        assertThat(EventCodec.decode(published.get(0).value(), PipelineEvent.class)).isEqualTo(loaded);
        // no waiting: when the job can complete, its errors are already there
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId + "/errors")
                .then().statusCode(200).body("total", equalTo(2)).body("items.row_number", contains(2, 9));
    }

    @Test
    void an_unreadable_message_goes_to_the_dead_letter_topic_with_its_reason() {
        String key = "poison-" + IDS.incrementAndGet();
        TestKafka.send(Topics.FILE_ROWS_UPLOADED, key, "{\"type\":\"NoSuchThing\"}");

        List<ConsumerRecord<String, String>> parked = TestKafka.readUntil(Topics.DEAD_LETTER, r -> key.equals(r.key()),
                kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(parked).hasSize(1);
        assertThat(new String(parked.get(0).headers().lastHeader("dataops-dlq-reason").value())).contains("FileRowsMessage");
    }

    @Test
    void errors_of_an_unknown_file_are_404_and_bad_paging_is_400() {
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/424242/errors")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("limit", 0).when().get("/api/data/errors")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        given().when().get("/api/data/errors").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }
}
