package io.dataops.validation.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * A file through validation with stored rules, a rule deleted mid-file, several errors per row, unique values
 * across batches with redelivered batches, and the file's quality score.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class RunRulesFlowTest {
    private static final AtomicLong IDS = new AtomicLong(3_000_000_000L + System.currentTimeMillis() % 1_000_000 * 100);

    private static SourceRow row(long line, String code, String name, String email, String credit) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_code", code);
        values.put("name", name);
        values.put("email", email);
        values.put("credit_limit", credit);
        return SourceRow.of(line, values, String.join(",", code, name, email, credit));
    }

    private static void send(String topic, long fileId, Object message) {
        TestKafka.send(topic, Long.toString(fileId), EventCodec.encode(message));
    }

    private static int createRule(String body) {
        return given().auth().oauth2(TestTokens.forRole("admin")).contentType(ContentType.JSON).body(body)
                .when().post("/api/rules").then().statusCode(201).extract().path("id");
    }

    private static void deleteRule(int id) {
        given().auth().oauth2(TestTokens.forRole("admin")).when().delete("/api/rules/" + id).then().statusCode(204);
    }

    @Test
    void stored_rules_unique_values_across_batches_and_redelivery_give_every_error_once_and_a_quality_score() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        send(Topics.PIPELINE_EVENTS, fileId, new PipelineEvent.FileUploaded(fileId, "c.csv", "csv", 10, 1, Instant.now()));
        int unique = createRule("{\"target\":\"customers\",\"field\":\"customer_code\",\"rule_type\":\"unique\"}");
        int regex = createRule("{\"target\":\"customers\",\"field\":\"name\",\"rule_type\":\"regex\","
                + "\"parameters\":{\"pattern\":\"[A-Za-z ]+\"},\"message\":\"name has odd characters\"}");
        RowBatch first;
        RowBatch second;
        try {
            // no rules of its own: the stored defaults (email, credit_limit >= 0) and the two rules above apply
            first = new RowBatch(jobId, fileId, "customers", ValidationRules.none(), 1, List.of(
                    row(2, "C1", "Ann", "ann@x.io", "10"),
                    row(3, "C2", "B0b", "not-an-email", "-5"),
                    row(4, "C1", "Ann Again", "ann2@x.io", "1")));
            second = new RowBatch(jobId, fileId, "customers", ValidationRules.none(), 2, List.of(
                    row(5, "C2", "Bob", "bob@x.io", "1"),
                    row(6, "C3", "Cy", "cy@x.io", "")));
            send(Topics.FILE_ROWS_UPLOADED, fileId, first);
            // the run's rules were resolved at its first batch: once batch 1 is out, deleting rules changes nothing
            TestKafka.readUntil(Topics.FILE_ROWS_VALIDATED, r -> EventCodec.decode(r.value(), FileRowsMessage.class).jobId() == jobId,
                    kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        } finally {
            deleteRule(unique);
            deleteRule(regex);
        }
        send(Topics.FILE_ROWS_UPLOADED, fileId, second);
        send(Topics.FILE_ROWS_UPLOADED, fileId, first);
        send(Topics.FILE_ROWS_UPLOADED, fileId, second);
        send(Topics.FILE_ROWS_UPLOADED, fileId, new RowsEnd(jobId, fileId, "customers", 2, 5, 0));

        List<FileRowsMessage> out = io.dataops.testing.RowMessages.inFileOrder(TestKafka.readUntil(
                Topics.FILE_ROWS_VALIDATED, r -> EventCodec.decode(r.value(), FileRowsMessage.class).jobId() == jobId,
                kept -> kept.size() >= 5, Duration.ofSeconds(30)));
        assertThat(out).hasSize(5);
        assertThat(out.subList(0, 4)).extracting(m -> ((RowBatch) m).rows().stream().map(SourceRow::rowNumber).toList())
                .containsExactly(List.of(2L), List.of(2L), List.of(6L), List.of(6L));
        assertThat(out.get(4)).isEqualTo(new RowsEnd(jobId, fileId, "customers", 2, 5, 3));

        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("limit", 50)
                .when().get("/api/data/files/" + fileId + "/errors")
                .then().statusCode(200)
                .body("total", equalTo(5))
                .body("items.row_number", contains(3, 3, 3, 4, 5))
                .body("items.field_name", contains("name", "email", "credit_limit", "customer_code", "customer_code"))
                .body("items.error_type", contains("FORMAT", "FORMAT", "RANGE", "DUPLICATE", "DUPLICATE"))
                .body("items[0].error_message", equalTo("name has odd characters"))
                .body("items[2].error_message", equalTo("credit_limit cannot be negative"))
                .body("items[4].error_message", equalTo("customer_code 'C2' already appears at row 3 of this file"))
                .body("items[4].raw_data", equalTo("C2,Bob,bob@x.io,1"));

        // the score waits for the loader's report (no in-file duplicates: rows 4 and 5 never reached it)
        send(Topics.FILE_ROWS_REJECTED, fileId, new LoadFinished(new PipelineEvent.FileLoaded(jobId, fileId, "customers",
                5, 2, 3, 2, Instant.now()), 0, 0));
        // 5 rows x 7 columns = 35 cells, 19 filled; 2 valid rows; 3 distinct customer codes (5 keyed rows, 2 of them
        // repeats validation found under the unique rule)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId + "/quality")
                .then().statusCode(200));
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId + "/quality")
                .then().statusCode(200)
                .body("job_id", equalTo(jobId)).body("rows", equalTo(5))
                .body("cells", equalTo(35)).body("filled_cells", equalTo(19))
                .body("valid_rows", equalTo(2)).body("distinct_keys", equalTo(3))
                .body("completeness", equalTo(0.5429f)).body("validity", equalTo(0.4f))
                .body("uniqueness", equalTo(0.6f)).body("quality_score", equalTo(0.5143f));

        List<ConsumerRecord<String, String>> scored = TestKafka.readUntil(Topics.PIPELINE_EVENTS,
                r -> r.value().contains("FileQualityScored") && EventCodec.decode(r.value(), PipelineEvent.class).fileId() == fileId,
                kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(EventCodec.decode(scored.get(0).value(), PipelineEvent.class)).isInstanceOfSatisfying(
                PipelineEvent.FileQualityScored.class, q -> {
                    assertThat(q.jobId()).isEqualTo(jobId);
                    assertThat(q.score()).isEqualTo(0.5143);
                });
    }

    @Test
    void quality_of_an_unknown_file_or_a_file_not_yet_scored_is_404() {
        long fileId = IDS.incrementAndGet();
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId + "/quality")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().when().get("/api/data/files/" + fileId + "/quality").then().statusCode(401);
    }
}
