package io.dataops.job.rest;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class JobResourceTest {
    private static final AtomicLong FILE_IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);

    private static long createJob(long fileId) {
        return given().auth().oauth2(TestTokens.forUser(42, "ana", "analyst")).contentType("application/json")
                .body("{\"job_name\":\"Process f.csv\",\"job_type\":\"file_processing\",\"file_id\":" + fileId
                        + ",\"parameters\":{\"target_table\":\"customers\"}}")
                .when().post("/api/jobs")
                .then().statusCode(201)
                .body("status", equalTo("pending"))
                .body("started_by", equalTo(42))
                .body("parameters.target_table", equalTo("customers"))
                .extract().jsonPath().getLong("id");
    }

    private static void publish(PipelineEvent event) {
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(event.fileId()), EventCodec.encode(event));
    }

    @Test
    void a_job_goes_pending_running_completed_with_the_counts_of_the_events() {
        long fileId = FILE_IDS.incrementAndGet();
        long jobId = createJob(fileId);

        publish(new PipelineEvent.FileProcessingStarted(jobId, fileId, "customers", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/jobs/" + jobId).then().body("status", equalTo("running")).body("started_at", notNullValue()));

        publish(new PipelineEvent.JobProgressed(jobId, fileId, "validation", 10, 8, 2, 0, Instant.now()));
        publish(new PipelineEvent.FileLoaded(jobId, fileId, "customers", 10, 8, 2, 8, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/jobs/" + jobId).then()
                .body("status", equalTo("completed"))
                .body("progress.rows_read", equalTo(10)).body("progress.rows_valid", equalTo(8))
                .body("progress.rows_rejected", equalTo(2)).body("progress.rows_loaded", equalTo(8))
                .body("result.rows_loaded", equalTo(8)).body("completed_at", notNullValue()));
    }

    @Test
    void redelivered_and_late_events_change_nothing_once_the_job_is_finished() {
        long fileId = FILE_IDS.incrementAndGet();
        long jobId = createJob(fileId);
        PipelineEvent.FileLoaded loaded = new PipelineEvent.FileLoaded(jobId, fileId, "customers", 5, 5, 0, 5, Instant.now());
        publish(loaded);
        publish(loaded);
        publish(new PipelineEvent.FileProcessingStarted(jobId, fileId, "customers", Instant.now()));
        publish(new PipelineEvent.FileFailed(jobId, fileId, "late", Instant.now()));
        // a marker after the late events: once it is applied, they were too (same key, same partition, in order)
        long markerJob = createJob(fileId);
        publish(new PipelineEvent.FileProcessingStarted(markerJob, fileId, "customers", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/jobs/" + markerJob).then().body("status", equalTo("running")));

        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/jobs/" + jobId).then()
                .body("status", equalTo("completed")).body("progress.rows_loaded", equalTo(5))
                .body("error_message", equalTo(null));
    }

    @Test
    void list_filters_by_file_and_pages() {
        long fileId = FILE_IDS.incrementAndGet();
        createJob(fileId);
        createJob(fileId);
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("file_id", fileId).queryParam("limit", 1)
                .when().get("/api/jobs")
                .then().statusCode(200).body("total", equalTo(2)).body("pages", equalTo(2)).body("items.size()", equalTo(1));
    }

    @Test
    void bad_requests_unknown_jobs_missing_tokens_and_viewers_creating_jobs_get_problems() {
        given().auth().oauth2(TestTokens.forRole("analyst")).contentType("application/json").body("{\"job_type\":\"Bad Type\"}")
                .when().post("/api/jobs")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("INVALID_REQUEST"))
                .body("errors.field", org.hamcrest.Matchers.contains("job_name", "job_type"));
        given().auth().oauth2(TestTokens.forRole("analyst")).contentType("application/json").body("{not json")
                .when().post("/api/jobs").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/jobs/99999999")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        given().when().get("/api/jobs").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestTokens.signedByStranger("admin")).when().get("/api/jobs").then().statusCode(401);
        given().auth().oauth2(TestTokens.forRole("viewer")).contentType("application/json")
                .body("{\"job_name\":\"x\",\"job_type\":\"file_processing\"}")
                .when().post("/api/jobs").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }
}
