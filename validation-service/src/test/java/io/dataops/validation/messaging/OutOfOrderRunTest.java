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
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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

/**
 * The same file validated twice: once with its batches spread over the partitions as ingest sends them, once with its
 * closing marker first and its batches in reverse order (one partition, so that order is what validation sees); then
 * the loader's report overtaking a reject of another loader replica. The requirement: results do not depend
 * on which replica handles which batch or in what order, and the closing work happens exactly once
 * (docs/adr/0024-one-file-across-partitions.md).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class OutOfOrderRunTest {
    private static final AtomicLong IDS = new AtomicLong(5_000_000_000L + System.currentTimeMillis() % 1_000_000 * 100);
    private static final ValidationRules SEED_RULES = new ValidationRules(List.of("customer_code", "name"),
            List.of("email"), List.of("credit_limit"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private record Run(long jobId, long fileId) {
    }

    private static SourceRow row(long line, String code, String email, String credit) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_code", code);
        values.put("name", "Name " + line);
        values.put("email", email);
        values.put("credit_limit", credit);
        return SourceRow.of(line, values, String.join(",", code, "Name " + line, email, credit));
    }

    /** Three batches of two rows: a bad email, a missing code, a negative credit limit; four good rows. */
    private static List<FileRowsMessage> file(Run run) {
        return List.of(
                new RowBatch(run.jobId(), run.fileId(), "customers", SEED_RULES, 1, List.of(
                        row(2, "K1", "a@x.io", "1"), row(3, "K2", "not-an-email", "1"))),
                new RowBatch(run.jobId(), run.fileId(), "customers", SEED_RULES, 2, List.of(
                        row(4, "", "c@x.io", "1"), row(5, "K4", "d@x.io", "1"))),
                new RowBatch(run.jobId(), run.fileId(), "customers", SEED_RULES, 3, List.of(
                        row(6, "K5", "e@x.io", "-1"), row(7, "K4", "f@x.io", "1"))),
                new RowsEnd(run.jobId(), run.fileId(), "customers", 3, 6, 0));
    }

    /** What the loader reports for both runs: row 7 repeats row 5's key, so it is an in-file duplicate. */
    private static RowsRejected loaderRejects(Run run) {
        return new RowsRejected(run.jobId(), run.fileId(), "customers", 3, List.of(new RowsRejected.RejectedRow(7,
                "customer_code", "K4", RowsRejected.DUPLICATE, "customer_code 'K4' appears earlier in this file (row 5)",
                "K4,Name 7,f@x.io,1")));
    }

    private static LoadFinished loadFinished(Run run) {
        return new LoadFinished(new PipelineEvent.FileLoaded(run.jobId(), run.fileId(), "customers", 6, 2, 4, 2,
                Instant.now()), 1, 1);
    }

    private static Run newRun() {
        Run run = new Run(IDS.incrementAndGet(), IDS.incrementAndGet());
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(run.fileId()), EventCodec.encode(
                new PipelineEvent.FileUploaded(run.fileId(), "k.csv", "csv", 10, 1, Instant.now())));
        return run;
    }

    private static RowsEnd forwardedEnd(Run run) {
        return (RowsEnd) TestKafka.readUntil(Topics.FILE_ROWS_VALIDATED,
                        r -> EventCodec.decode(r.value(), FileRowsMessage.class) instanceof RowsEnd e
                                && e.jobId() == run.jobId(), kept -> !kept.isEmpty(), WAIT)
                .stream().map(r -> EventCodec.decode(r.value(), FileRowsMessage.class)).findFirst().orElseThrow();
    }

    private static List<PipelineEvent> closingEvents(Run run, Duration window) {
        return TestKafka.readFor(Topics.PIPELINE_EVENTS, r -> {
                    PipelineEvent e = EventCodec.decode(r.value(), PipelineEvent.class);
                    return (e instanceof PipelineEvent.FileLoaded l && l.jobId() == run.jobId())
                            || (e instanceof PipelineEvent.FileQualityScored q && q.jobId() == run.jobId());
                }, window).stream().map(ConsumerRecord::value).map(v -> EventCodec.decode(v, PipelineEvent.class))
                .toList();
    }

    private static List<String> errors(Run run) {
        JsonPath body = given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("limit", 50)
                .when().get("/api/data/files/" + run.fileId() + "/errors").then().statusCode(200).extract().jsonPath();
        return body.getList("items", Map.class).stream()
                .map(e -> e.get("row_number") + " " + e.get("field_name") + " " + e.get("error_type")).toList();
    }

    private static Map<String, Object> quality(Run run) {
        Map<String, Object> q = new LinkedHashMap<>(given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/data/files/" + run.fileId() + "/quality").then().statusCode(200)
                .extract().jsonPath().getMap(""));
        q.keySet().removeAll(List.of("file_id", "job_id", "computed_at"));
        return q;
    }

    @Test
    void a_run_with_its_marker_first_and_its_batches_reversed_ends_like_the_run_in_order_with_one_closing_each() {
        Run inOrder = newRun();
        for (FileRowsMessage m : file(inOrder)) {
            TestKafka.send(Topics.FILE_ROWS_UPLOADED, FileRowsMessage.partitionKey(m), EventCodec.encode(m));
        }
        Run reversed = newRun();
        List<FileRowsMessage> backwards = file(reversed);
        for (int i = backwards.size() - 1; i >= 0; i--) {
            TestKafka.send(Topics.FILE_ROWS_UPLOADED, Long.toString(reversed.fileId()), EventCodec.encode(backwards.get(i)));
        }

        // validation closes each run once every batch is in, whichever came last
        assertThat(forwardedEnd(inOrder)).isEqualTo(new RowsEnd(inOrder.jobId(), inOrder.fileId(), "customers", 3, 6, 3));
        assertThat(forwardedEnd(reversed)).isEqualTo(new RowsEnd(reversed.jobId(), reversed.fileId(), "customers", 3, 6, 3));
        List<String> expectedErrors = List.of("3 email FORMAT", "4 customer_code REQUIRED", "6 credit_limit RANGE");
        assertThat(errors(inOrder)).isEqualTo(expectedErrors);
        assertThat(errors(reversed)).isEqualTo(expectedErrors);

        // in order, the reject comes before the loader's report
        send(inOrder, loaderRejects(inOrder));
        send(inOrder, loadFinished(inOrder));
        // another loader replica's reject comes after the report: nothing is published until it is recorded
        send(reversed, loadFinished(reversed));
        assertThat(closingEvents(reversed, Duration.ofSeconds(3))).as("closing before the reject is recorded").isEmpty();
        send(reversed, loaderRejects(reversed));
        // a redelivered report closes nothing again
        send(inOrder, loadFinished(inOrder));

        for (Run run : List.of(inOrder, reversed)) {
            List<PipelineEvent> closing = closingEvents(run, Duration.ofSeconds(8));
            assertThat(closing).as("closing events of job %d", run.jobId()).hasSize(2);
            assertThat(closing.get(0)).isInstanceOf(PipelineEvent.FileQualityScored.class);
            assertThat(closing.get(1)).isInstanceOfSatisfying(PipelineEvent.FileLoaded.class,
                    l -> assertThat(List.of(l.rowsRead(), l.rowsValid(), l.rowsRejected(), l.rowsLoaded()))
                            .containsExactly(6L, 2L, 4L, 2L));
            assertThat(errors(run)).containsExactly("3 email FORMAT", "4 customer_code REQUIRED",
                    "6 credit_limit RANGE", "7 customer_code DUPLICATE");
        }
        // 6 rows x 7 columns = 42 cells, 23 filled (4 per row, one code blank); 3 valid rows (2, 5, 7);
        // distinct keys: 5 rows with a code, less the loader's one in-file duplicate = 4
        Map<String, Object> expectedQuality = new LinkedHashMap<>();
        expectedQuality.put("target", "customers");
        expectedQuality.put("rows", 6);
        expectedQuality.put("cells", 42);
        expectedQuality.put("filled_cells", 23);
        expectedQuality.put("valid_rows", 3);
        expectedQuality.put("distinct_keys", 4);
        expectedQuality.put("completeness", 0.5476f);
        expectedQuality.put("validity", 0.5f);
        expectedQuality.put("uniqueness", 0.6667f);
        expectedQuality.put("quality_score", 0.5714f);
        assertThat(quality(inOrder)).isEqualTo(expectedQuality);
        assertThat(quality(reversed)).isEqualTo(expectedQuality);
    }

    private static void send(Run run, Object report) {
        TestKafka.send(Topics.FILE_ROWS_REJECTED, Long.toString(run.fileId()), EventCodec.encode(report));
    }
}
