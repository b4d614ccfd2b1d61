package io.dataops.job.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.dataops.job.JobFixtures.createJob;
import static io.dataops.job.JobFixtures.uniqueFileId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Real pipeline events on the real broker, observed through the REST API. Events of one file share its key,
 * so they sit in one partition and are applied in the order sent: once a later event of the same key is
 * visible, every earlier one has been applied too.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class PipelineEventListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static void publish(long key, PipelineEvent event) {
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(key), EventCodec.encode(event));
    }

    private static void publish(PipelineEvent event) {
        publish(event.fileId(), event);
    }

    private static ValidatableResponse job(long jobId) {
        return given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/jobs/" + jobId).then().statusCode(200);
    }

    /** Starts a second job of the same file and waits until it runs: everything sent before on that key is applied. */
    private static void awaitEverythingSentBefore(long fileId) {
        long marker = createJob(fileId, "file_processing");
        publish(new PipelineEvent.FileProcessingStarted(marker, fileId, "customers", Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> job(marker).body("status", equalTo("running")));
    }

    @Test
    void a_job_goes_pending_running_completed_with_the_exact_counts_of_the_events() {
        long fileId = uniqueFileId();
        long jobId = createJob(fileId, "file_processing");
        job(jobId).body("status", equalTo("pending")).body("started_at", nullValue());

        publish(new PipelineEvent.FileProcessingStarted(jobId, fileId, "customers", Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> job(jobId)
                .body("status", equalTo("running")).body("started_at", notNullValue()).body("completed_at", nullValue()));

        publish(new PipelineEvent.JobProgressed(jobId, fileId, "validation", 10, 8, 2, 0, Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> job(jobId)
                .body("status", equalTo("running"))
                .body("progress.rows_read", equalTo(10)).body("progress.rows_valid", equalTo(8))
                .body("progress.rows_rejected", equalTo(2)).body("progress.rows_loaded", equalTo(0)));

        publish(new PipelineEvent.FileLoaded(jobId, fileId, "customers", 10, 8, 3, 7, Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> job(jobId)
                .body("status", equalTo("completed"))
                .body("completed_at", notNullValue())
                .body("error_message", nullValue())
                .body("progress.rows_read", equalTo(10)).body("progress.rows_valid", equalTo(8))
                .body("progress.rows_rejected", equalTo(3)).body("progress.rows_loaded", equalTo(7))
                .body("result.rows_read", equalTo(10)).body("result.rows_valid", equalTo(8))
                .body("result.rows_rejected", equalTo(3)).body("result.rows_loaded", equalTo(7))
                .body("result.target_table", equalTo("customers")));
    }

    @Test
    void redelivered_progress_and_load_events_change_nothing() {
        long fileId = uniqueFileId();
        long jobId = createJob(fileId, "file_processing");
        PipelineEvent.JobProgressed progress = new PipelineEvent.JobProgressed(jobId, fileId, "validation", 6, 5, 1, 0, Instant.now());
        publish(new PipelineEvent.FileProcessingStarted(jobId, fileId, "customers", Instant.now()));
        publish(progress);
        publish(progress);
        awaitEverythingSentBefore(fileId);
        job(jobId).body("status", equalTo("running"))
                .body("progress.rows_read", equalTo(6)).body("progress.rows_valid", equalTo(5))
                .body("progress.rows_rejected", equalTo(1)).body("progress.rows_loaded", equalTo(0));

        PipelineEvent.FileLoaded loaded = new PipelineEvent.FileLoaded(jobId, fileId, "customers", 6, 5, 1, 5, Instant.now());
        publish(loaded);
        String completedAt = await().atMost(WAIT).until(
                () -> job(jobId).extract().jsonPath().getString("completed_at"), at -> at != null);
        publish(loaded);
        publish(progress);
        awaitEverythingSentBefore(fileId);

        job(jobId).body("status", equalTo("completed")).body("completed_at", equalTo(completedAt))
                .body("progress.rows_read", equalTo(6)).body("progress.rows_valid", equalTo(5))
                .body("progress.rows_rejected", equalTo(1)).body("progress.rows_loaded", equalTo(5))
                .body("result.rows_loaded", equalTo(5));
    }

    @Test
    void a_finished_job_is_not_moved_back_by_late_events() {
        long fileId = uniqueFileId();
        long jobId = createJob(fileId, "file_processing");
        publish(new PipelineEvent.FileFailed(jobId, fileId, "no header row", Instant.now()));
        publish(new PipelineEvent.FileProcessingStarted(jobId, fileId, "customers", Instant.now()));
        publish(new PipelineEvent.FileLoaded(jobId, fileId, "customers", 3, 3, 0, 3, Instant.now()));
        awaitEverythingSentBefore(fileId);

        job(jobId).body("status", equalTo("failed")).body("error_message", equalTo("no header row"))
                .body("completed_at", notNullValue()).body("result", nullValue())
                .body("progress.rows_loaded", equalTo(0));
    }

    @Test
    void an_unreadable_message_is_skipped_and_the_next_one_applied() {
        long fileId = uniqueFileId();
        long jobId = createJob(fileId, "file_processing");
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(fileId), "{\"type\":\"SomethingNew\",\"file_id\":1}");
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(fileId), "not json at all");
        publish(new PipelineEvent.FileProcessingStarted(jobId, fileId, "customers", Instant.now()));

        await().atMost(WAIT).untilAsserted(() -> job(jobId).body("status", equalTo("running")));
    }

    @Test
    void an_event_for_a_job_this_service_never_created_is_ignored() {
        long fileId = uniqueFileId();
        publish(new PipelineEvent.FileLoaded(987_654_321_000L, fileId, "customers", 1, 1, 0, 1, Instant.now()));
        awaitEverythingSentBefore(fileId);
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/jobs/987654321000").then().statusCode(404);
    }
}
