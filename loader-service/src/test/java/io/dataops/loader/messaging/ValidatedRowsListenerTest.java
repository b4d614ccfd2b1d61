package io.dataops.loader.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.LoaderReport;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Plays validation-service on the real broker and reads the loaded rows through the API. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class ValidatedRowsListenerTest {
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);

    private static SourceRow customer(long line, String code, String credit) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_code", code);
        values.put("name", "Name of " + code);
        values.put("email", code.toLowerCase() + "@x.io");
        values.put("country", "Japan");
        values.put("credit_limit", credit);
        return SourceRow.of(line, values, code);
    }

    private static void send(FileRowsMessage message) {
        TestKafka.send(Topics.FILE_ROWS_VALIDATED, Long.toString(message.fileId()), EventCodec.encode(message));
    }

    /** The loader's closing report of a run: the FileLoaded that validation-service publishes once it has the rejects. */
    private static PipelineEvent.FileLoaded awaitFileLoaded(long jobId) {
        var records = TestKafka.readUntil(Topics.FILE_ROWS_REJECTED,
                r -> EventCodec.decode(r.value(), LoaderReport.class) instanceof LoadFinished f && f.jobId() == jobId,
                kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(records).isNotEmpty();
        return ((LoadFinished) EventCodec.decode(records.get(0).value(), LoaderReport.class)).loaded();
    }

    @Test
    void loads_valid_rows_and_reports_the_file_loaded_with_the_validation_totals() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        String a = "L" + fileId + "A";
        String b = "L" + fileId + "B";
        send(new RowBatch(jobId, fileId, "customers", ValidationRules.none(), 1,
                List.of(customer(2, a, "50000.00"), customer(4, b, ""))));
        send(new RowsEnd(jobId, fileId, "customers", 1, 3, 1));

        PipelineEvent.FileLoaded loaded = awaitFileLoaded(jobId);
        assertThat(loaded.rowsRead()).isEqualTo(3);
        assertThat(loaded.rowsValid()).isEqualTo(2);
        assertThat(loaded.rowsRejected()).isEqualTo(1);
        assertThat(loaded.rowsLoaded()).isEqualTo(2);

        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("source_file_id", fileId)
                .when().get("/api/data/customers")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.customer_code", contains(a, b))
                .body("items[0].credit_limit", equalTo(50000.0f))
                .body("items[1].credit_limit", equalTo(null))
                .body("items[0].country", equalTo("Japan"));
    }

    @Test
    void redelivered_batch_changes_nothing() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        RowBatch batch = new RowBatch(jobId, fileId, "customers", ValidationRules.none(), 1,
                List.of(customer(2, "R" + fileId, "1.00")));
        send(batch);
        send(batch);
        send(new RowsEnd(jobId, fileId, "customers", 1, 1, 0));

        assertThat(awaitFileLoaded(jobId).rowsLoaded()).isEqualTo(1);
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("source_file_id", fileId)
                .when().get("/api/data/customers").then().body("total", equalTo(1));
    }

    @Test
    void the_same_rows_from_a_second_run_load_nothing_new() {
        long fileId = IDS.incrementAndGet();
        String code = "S" + fileId;
        for (long jobId : new long[]{IDS.incrementAndGet(), IDS.incrementAndGet()}) {
            send(new RowBatch(jobId, fileId, "customers", ValidationRules.none(), 1, List.of(customer(2, code, "1"))));
            send(new RowsEnd(jobId, fileId, "customers", 1, 1, 0));
            awaitFileLoaded(jobId);
        }
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("search", code.toLowerCase())
                .when().get("/api/data/customers").then().body("total", equalTo(1));
    }

    @Test
    void a_key_from_another_file_and_a_key_repeated_in_the_file_are_reported_back_as_duplicates() {
        long firstFile = IDS.incrementAndGet();
        long firstJob = IDS.incrementAndGet();
        String taken = "D" + firstFile;
        send(new RowBatch(firstJob, firstFile, "customers", ValidationRules.none(), 1, List.of(customer(2, taken, "1"))));
        send(new RowsEnd(firstJob, firstFile, "customers", 1, 1, 0));
        awaitFileLoaded(firstJob);

        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        String fresh = "F" + fileId;
        send(new RowBatch(jobId, fileId, "customers", ValidationRules.none(), 1,
                List.of(customer(2, taken, "1"), customer(3, fresh, "1"), customer(4, fresh, "2"))));
        send(new RowsEnd(jobId, fileId, "customers", 1, 4, 1));

        PipelineEvent.FileLoaded loaded = awaitFileLoaded(jobId);
        assertThat(loaded.rowsRead()).isEqualTo(4);
        assertThat(loaded.rowsRejected()).isEqualTo(3);
        assertThat(loaded.rowsValid()).isEqualTo(1);
        assertThat(loaded.rowsLoaded()).isEqualTo(1);

        var reported = TestKafka.readUntil(Topics.FILE_ROWS_REJECTED,
                r -> EventCodec.decode(r.value(), LoaderReport.class) instanceof RowsRejected rr && rr.jobId() == jobId, kept -> !kept.isEmpty(),
                Duration.ofSeconds(30));
        RowsRejected rejected = EventCodec.decode(reported.get(0).value(), RowsRejected.class);
        assertThat(rejected.rows()).extracting(RowsRejected.RejectedRow::rowNumber, RowsRejected.RejectedRow::errorType,
                RowsRejected.RejectedRow::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "DUPLICATE",
                        "customer_code '" + taken + "' was already loaded from file " + firstFile + " (row 2)"),
                org.assertj.core.groups.Tuple.tuple(4L, "DUPLICATE",
                        "customer_code '" + fresh + "' appears earlier in this file (row 3)"));
    }

    @Test
    void customers_api_answers_404_401_and_403_as_problems() {
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/customers/987654321")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        given().when().get("/api/data/customers").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestTokens.forUser(5, "nobody", "intruder")).when().get("/api/data/customers")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }
}
