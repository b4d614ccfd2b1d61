package io.dataops.ingest.rest;

import io.dataops.ingest.config.IngestConfig;
import io.dataops.ingest.repository.FileRun;
import io.dataops.ingest.service.RowEmitter;
import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowsEnd;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Upload limit, cancellation of a run being read, and DELETE of a file. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class FileLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RowEmitter emitter;
    @Inject
    IngestConfig config;

    private static long upload(String name, byte[] content) {
        return given().auth().oauth2(TestTokens.forRole("analyst")).multiPart("file", name, content, "text/csv")
                .when().post("/api/data/upload").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static byte[] customers(int rows) {
        StringBuilder csv = new StringBuilder("customer_code,name,email\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("C").append(i).append(",Name ").append(i).append(",c").append(i).append("@x.io\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Everything the run put on the topic within 3 s: a failed or cancelled run sends no closing marker to wait for. */
    private static List<FileRowsMessage> emitted(long jobId) {
        return io.dataops.testing.RowMessages.inFileOrder(TestKafka.readFor(Topics.FILE_ROWS_UPLOADED,
                r -> r.value().contains("\"jobId\":" + jobId), Duration.ofSeconds(3)));
    }

    @Test
    void an_upload_over_the_configured_limit_is_a_413_problem_and_stores_nothing() {
        byte[] content = new byte[(int) config.maxFileSize() + 1];
        Arrays.fill(content, (byte) 'a');
        given().auth().oauth2(TestTokens.forRole("analyst")).multiPart("file", "too_big_upload.csv", content, "text/csv")
                .when().post("/api/data/upload")
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("FILE_TOO_LARGE")).body("status", equalTo(413));
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("search", "too_big_upload")
                .when().get("/api/data/files").then().statusCode(200).body("total", equalTo(0));
        // exactly at the limit is still accepted
        byte[] atLimit = Arrays.copyOf("customer_code\nC1\n".getBytes(StandardCharsets.UTF_8), (int) config.maxFileSize());
        Arrays.fill(atLimit, 17, atLimit.length, (byte) '\n');
        upload("at_limit.csv", atLimit);
    }

    @Test
    void a_json_syntax_error_fails_the_file_with_its_position_and_keeps_the_rows_before_it() {
        byte[] json = ("[{\"customer_code\":\"J1\",\"name\":\"a\"},\n{\"customer_code\":\"J2\",\"name\":\"b\"},\n"
                + "{\"customer_code\": oops}]").getBytes(StandardCharsets.UTF_8);
        long fileId = given().auth().oauth2(TestTokens.forRole("analyst")).multiPart("file", "broken.json", json, "application/json")
                .when().post("/api/data/upload").then().statusCode(201).extract().jsonPath().getLong("id");
        long jobId = 810_000_000L + fileId;
        QueuedRuns.queue(jobId, fileId, ",");
        emitter.submit(jobId);

        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/data/files/" + fileId).then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error_message", org.hamcrest.Matchers.startsWith(
                        "The file could not be read after 2 rows: JSON_SYNTAX_ERROR at line 3, column 19: ")));
        List<FileRowsMessage> sent = emitted(jobId);
        assertThat(sent).noneMatch(m -> m instanceof RowsEnd);
        assertThat(sent).hasSize(1);
        assertThat(((io.dataops.model.events.RowBatch) sent.get(0)).rows())
                .extracting(r -> r.values().get("customer_code")).containsExactly("J1", "J2");
    }

    @Test
    void wide_rows_are_sent_in_batches_below_the_brokers_limit_and_an_oversized_row_becomes_a_row_error() {
        // 20 rows of 60,000 characters (under the field limit) would be one batch by row count alone
        StringBuilder csv = new StringBuilder("customer_code,name,email\n");
        for (int i = 1; i <= 20; i++) {
            csv.append("W").append(i).append(',').append("n".repeat(60_000)).append(",w").append(i).append("@x.io\n");
        }
        csv.append("W21,").append("x".repeat(300_000)).append(",big@x.io\n"); // line 22: beyond the row limit
        csv.append("W22,Last,last@x.io\n");
        long fileId = upload("wide_rows.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        long jobId = 820_000_000L + fileId;
        QueuedRuns.queue(jobId, fileId, ",");
        emitter.submit(jobId);

        await().atMost(WAIT).untilAsserted(() -> assertThat(emitted(jobId)).anyMatch(m -> m instanceof RowsEnd));
        List<ConsumerRecord<String, String>> records = TestKafka.readFor(Topics.FILE_ROWS_UPLOADED,
                r -> r.value().contains("\"jobId\":" + jobId), Duration.ofSeconds(3));
        // the broker's default message limit is 1 MiB; every batch must stay below it
        assertThat(records).allSatisfy(r -> assertThat(r.value().getBytes(StandardCharsets.UTF_8).length)
                .isLessThan(1024 * 1024));
        List<io.dataops.model.events.SourceRow> rows = io.dataops.testing.RowMessages.inFileOrder(records).stream()
                .filter(m -> m instanceof io.dataops.model.events.RowBatch)
                .flatMap(m -> ((io.dataops.model.events.RowBatch) m).rows().stream()).toList();
        assertThat(records.size() - 1).isGreaterThan(1);
        assertThat(rows).hasSize(22);
        assertThat(rows.get(20).rowNumber()).isEqualTo(22);
        assertThat(rows.get(20).malformedType()).isEqualTo("RECORD_TOO_LARGE");
        assertThat(rows.get(20).values()).isNull();
        assertThat(rows.get(21).rowNumber()).isEqualTo(23);
        assertThat(rows.get(21).values()).containsEntry("customer_code", "W22");
    }

    @Test
    void a_cancelled_job_stops_reading_sends_no_closing_marker_and_the_file_says_cancelled() {
        long fileId = upload("cancel_me.csv", customers(50_000));
        long jobId = 800_000_000L + fileId;
        QueuedRuns.queue(jobId, fileId, ",");
        emitter.submit(jobId);
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ((FileRun) FileRun.findById(jobId)).state.equals(FileRun.EMITTING)));

        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(fileId),
                EventCodec.encode(new PipelineEvent.JobCancelled(jobId, fileId, 1, Instant.now())));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/data/files/" + fileId).then().statusCode(200)
                .body("status", equalTo("cancelled")));
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((FileRun) FileRun.findById(jobId)).state))
                .isEqualTo(FileRun.CANCELLED);

        List<FileRowsMessage> first = emitted(jobId);
        List<FileRowsMessage> later = emitted(jobId);
        assertThat(later).hasSameSizeAs(first);
        assertThat(later).noneMatch(m -> m instanceof RowsEnd);
        assertThat(later.size()).isLessThan(5_000);
        // a late FileLoaded of the cancelled run does not reopen the file
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(fileId),
                EventCodec.encode(new PipelineEvent.FileLoaded(jobId, fileId, "customers", 10, 10, 0, 10, Instant.now())));
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(fileId), EventCodec.encode(
                new PipelineEvent.FileFailed(jobId + 1, fileId, "marker", Instant.now())));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/data/files/" + fileId).then().body("error_message", equalTo("marker")));
    }

    @Test
    void an_admin_deletes_a_file_its_content_goes_and_the_stages_are_told() throws Exception {
        long fileId = upload("delete_me.csv", customers(3));
        Path content = config.storageDir().resolve(given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/data/files/" + fileId).then().extract().jsonPath().getString("filename"));
        assertThat(Files.exists(content)).isTrue();

        given().auth().oauth2(TestTokens.forRole("analyst")).when().delete("/api/data/files/" + fileId)
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(TestTokens.forRole("admin")).when().delete("/api/data/files/" + fileId)
                .then().statusCode(204);

        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId)
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        assertThat(Files.exists(content)).isFalse();
        List<ConsumerRecord<String, String>> deleted = TestKafka.readUntil(Topics.PIPELINE_EVENTS,
                r -> r.key().equals(Long.toString(fileId)) && r.value().contains("\"FileDeleted\""),
                found -> !found.isEmpty(), WAIT);
        assertThat(deleted).hasSize(1);
        given().auth().oauth2(TestTokens.forRole("admin")).when().delete("/api/data/files/" + fileId)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void deleting_a_file_whose_job_runs_is_a_409_problem_and_deletes_nothing() {
        long fileId = upload("busy.csv", customers(3));
        QueuedRuns.queue(900_000_000L + fileId, fileId, ",");
        given().auth().oauth2(TestTokens.forRole("admin")).when().delete("/api/data/files/" + fileId)
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("FILE_BUSY"));
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId)
                .then().statusCode(200).body("status", equalTo("processing"));
    }
}
