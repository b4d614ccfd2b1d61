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
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/** JobCancelled makes this stage skip a job's batches; FileDeleted makes it forget the file's errors and ledgers. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class CancelAndDeleteTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong IDS = new AtomicLong(6_000_000_000L + System.currentTimeMillis() % 1_000_000 * 100);
    private static final ValidationRules RULES = new ValidationRules(List.of("customer_code"), List.of("email"), List.of());

    @Inject
    DataSource dataSource;

    private static RowBatch batch(long jobId, long fileId, int batchNo) {
        return new RowBatch(jobId, fileId, "customers", RULES, batchNo, List.of(
                SourceRow.of(2, Map.of("customer_code", "C1", "email", "a@x.io"), "C1,a@x.io"),
                SourceRow.of(3, Map.of("customer_code", "", "email", "bad"), ",bad")));
    }

    private static void send(String topic, long fileId, Object message) {
        TestKafka.send(topic, Long.toString(fileId), EventCodec.encode(message));
    }

    private long count(String sql, long id) throws Exception {
        return TestDatabase.count(dataSource, sql, id);
    }

    @Test
    void batches_of_a_cancelled_job_are_acknowledged_and_skipped_while_other_jobs_go_on() throws Exception {
        long fileId = IDS.incrementAndGet();
        long cancelledJob = IDS.incrementAndGet();
        long otherJob = IDS.incrementAndGet();
        send(Topics.PIPELINE_EVENTS, fileId, new PipelineEvent.FileUploaded(fileId, "c.csv", "csv", 10, 1, Instant.now()));
        send(Topics.PIPELINE_EVENTS, fileId, new PipelineEvent.JobCancelled(cancelledJob, fileId, 1, Instant.now()));
        // a second delivery of the same event changes nothing
        send(Topics.PIPELINE_EVENTS, fileId, new PipelineEvent.JobCancelled(cancelledJob, fileId, 1, Instant.now()));
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM cancelled_jobs WHERE job_id = ?", cancelledJob) == 1);

        send(Topics.FILE_ROWS_UPLOADED, fileId, batch(cancelledJob, fileId, 1));
        send(Topics.FILE_ROWS_UPLOADED, fileId, new RowsEnd(cancelledJob, fileId, "customers", 1, 2, 0));
        // same key, same partition: once the other job's batch is recorded, the cancelled job's were consumed
        send(Topics.FILE_ROWS_UPLOADED, fileId, batch(otherJob, fileId, 1));
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM validated_batches WHERE job_id = ?", otherJob) == 1);

        assertThat(count("SELECT COUNT(*) FROM validated_batches WHERE job_id = ?", cancelledJob)).isZero();
        assertThat(count("SELECT COUNT(*) FROM data_errors WHERE job_id = ?", cancelledJob)).isZero();
        assertThat(count("SELECT COUNT(*) FROM data_errors WHERE job_id = ?", otherJob)).isPositive();
        List<ConsumerRecord<String, String>> forwarded = TestKafka.readUntil(Topics.FILE_ROWS_VALIDATED,
                r -> r.key().startsWith(fileId + "-"), found -> found.size() >= 1, WAIT);
        assertThat(forwarded).extracting(r -> EventCodec.decode(r.value(), FileRowsMessage.class).jobId())
                .containsOnly(otherJob);
    }

    @Test
    void a_deleted_file_loses_its_errors_and_ledgers_here() throws Exception {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        send(Topics.PIPELINE_EVENTS, fileId, new PipelineEvent.FileUploaded(fileId, "d.csv", "csv", 10, 1, Instant.now()));
        send(Topics.FILE_ROWS_UPLOADED, fileId, batch(jobId, fileId, 1));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/data/files/" + fileId + "/errors").then().statusCode(200).body("total", greaterThan(0)));

        assertThat(count("SELECT COUNT(*) FROM run_rules WHERE file_id = ?", fileId)).as("run rules before").isOne();
        assertThat(count("SELECT COUNT(*) FROM run_closings WHERE file_id = ?", fileId)).as("closing row before").isOne();

        send(Topics.PIPELINE_EVENTS, fileId, new PipelineEvent.FileDeleted(fileId, 1, Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/data/files/" + fileId + "/errors").then().statusCode(404).body("code", equalTo("NOT_FOUND")));
        assertThat(count("SELECT COUNT(*) FROM data_errors WHERE source_file_id = ?", fileId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM validated_batches WHERE file_id = ?", fileId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM run_rules WHERE file_id = ?", fileId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM run_closings WHERE file_id = ?", fileId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM file_quality WHERE file_id = ?", fileId)).isZero();
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("file_id", fileId).when().get("/api/data/errors")
                .then().statusCode(200).body("total", equalTo(0));
    }
}
