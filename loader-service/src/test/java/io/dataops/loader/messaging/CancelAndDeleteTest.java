package io.dataops.loader.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
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
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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

/** JobCancelled makes the loader skip a job's batches; FileDeleted drops its ledgers and keeps the loaded rows. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class CancelAndDeleteTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong IDS = new AtomicLong(7_000_000_000L + System.currentTimeMillis() % 1_000_000 * 100);

    @Inject
    DataSource dataSource;

    private static SourceRow customer(long line, String code) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_code", code);
        values.put("name", "Name of " + code);
        values.put("email", code.toLowerCase() + "@x.io");
        return SourceRow.of(line, values, code);
    }

    private static void send(String topic, long fileId, Object message) {
        TestKafka.send(topic, Long.toString(fileId), EventCodec.encode(message));
    }

    private long count(String sql, long id) throws Exception {
        return TestDatabase.count(dataSource, sql, id);
    }

    @Test
    void a_cancelled_jobs_batch_is_acked_and_loads_nothing_and_its_end_reports_no_file_loaded() throws Exception {
        long fileId = IDS.incrementAndGet();
        long cancelledJob = IDS.incrementAndGet();
        long otherJob = IDS.incrementAndGet();
        send(Topics.PIPELINE_EVENTS, fileId, new PipelineEvent.JobCancelled(cancelledJob, fileId, 1, Instant.now()));
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM cancelled_jobs WHERE job_id = ?", cancelledJob) == 1);

        String skipped = "X" + fileId;
        String loaded = "Y" + fileId;
        send(Topics.FILE_ROWS_VALIDATED, fileId, new RowBatch(cancelledJob, fileId, "customers", ValidationRules.none(), 1,
                List.of(customer(2, skipped))));
        send(Topics.FILE_ROWS_VALIDATED, fileId, new RowsEnd(cancelledJob, fileId, "customers", 1, 1, 0));
        send(Topics.FILE_ROWS_VALIDATED, fileId, new RowBatch(otherJob, fileId, "customers", ValidationRules.none(), 1,
                List.of(customer(2, loaded))));
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM loaded_batches WHERE job_id = ?", otherJob) == 1);

        assertThat(count("SELECT COUNT(*) FROM loaded_batches WHERE job_id = ?", cancelledJob)).isZero();
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("source_file_id", fileId)
                .when().get("/api/data/customers")
                .then().statusCode(200).body("total", equalTo(1)).body("items.customer_code", contains(loaded));
        TestKafka.assertNothingArrives(Topics.FILE_ROWS_REJECTED, r -> r.key().equals(Long.toString(fileId))
                && r.value().contains("\"LoadFinished\""), Duration.ofSeconds(3));
    }

    @Test
    void a_deleted_files_ledgers_go_and_its_loaded_rows_stay_with_their_provenance() throws Exception {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        String code = "Z" + fileId;
        send(Topics.FILE_ROWS_VALIDATED, fileId, new RowBatch(jobId, fileId, "customers", ValidationRules.none(), 1,
                List.of(customer(2, code))));
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM loaded_batches WHERE file_id = ?", fileId) == 1);

        send(Topics.PIPELINE_EVENTS, fileId, new PipelineEvent.FileDeleted(fileId, 1, Instant.now()));
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM loaded_batches WHERE file_id = ?", fileId) == 0);
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("source_file_id", fileId)
                .when().get("/api/data/customers")
                .then().statusCode(200).body("total", equalTo(1)).body("items.customer_code", contains(code));
    }
}
