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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.dataops.job.JobFixtures.createJob;
import static io.dataops.job.JobFixtures.uniqueFileId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** POST /api/jobs/{id}/cancel and GET /api/jobs/{id}/events against the real broker. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class JobCancelAndEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/api/jobs")
    URI jobs;

    private static void publish(PipelineEvent event) {
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(event.fileId()), EventCodec.encode(event));
    }

    private static ValidatableResponse job(long jobId) {
        return given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/jobs/" + jobId).then().statusCode(200);
    }

    private static ValidatableResponse cancel(long jobId, String role) {
        return given().auth().oauth2(TestTokens.forUser(7, "boss", role)).when().post("/api/jobs/" + jobId + "/cancel").then();
    }

    @Test
    void an_admin_cancels_a_running_job_and_every_stage_is_told_once_per_request() {
        long fileId = uniqueFileId();
        long jobId = createJob(fileId, "file_processing");
        publish(new PipelineEvent.FileProcessingStarted(jobId, fileId, "customers", Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> job(jobId).body("status", equalTo("running")));

        cancel(jobId, "admin").statusCode(200).contentType("application/json")
                .body("status", equalTo("cancelled")).body("completed_at", notNullValue())
                .body("progress.eta_seconds", equalTo(0));
        // idempotent: a second cancel answers the same job and tells the stages again
        cancel(jobId, "admin").statusCode(200).body("status", equalTo("cancelled"));

        List<ConsumerRecord<String, String>> cancelled = TestKafka.readUntil(Topics.PIPELINE_EVENTS,
                r -> r.value().contains("\"JobCancelled\"") && r.value().contains("\"jobId\":" + jobId),
                found -> found.size() >= 2, WAIT);
        assertThat(cancelled).hasSize(2).allSatisfy(r -> assertThat(r.key()).isEqualTo(Long.toString(fileId)));
        PipelineEvent.JobCancelled event = (PipelineEvent.JobCancelled) EventCodec.decode(cancelled.get(0).value(),
                PipelineEvent.class);
        assertThat(event.fileId()).isEqualTo(fileId);
        assertThat(event.cancelledBy()).isEqualTo(7);

        // a stage that finished its batch anyway does not reopen the job
        publish(new PipelineEvent.FileLoaded(jobId, fileId, "customers", 5, 5, 0, 5, Instant.now()));
        long marker = createJob(fileId, "file_processing");
        publish(new PipelineEvent.FileProcessingStarted(marker, fileId, "customers", Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> job(marker).body("status", equalTo("running")));
        job(jobId).body("status", equalTo("cancelled")).body("progress.rows_loaded", equalTo(0));
    }

    @Test
    void cancelling_a_completed_job_is_a_409_problem_and_changes_nothing() {
        long fileId = uniqueFileId();
        long jobId = createJob(fileId, "file_processing");
        publish(new PipelineEvent.FileLoaded(jobId, fileId, "customers", 3, 3, 0, 3, Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> job(jobId).body("status", equalTo("completed")));

        cancel(jobId, "admin").statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("JOB_NOT_CANCELLABLE")).body("status", equalTo(409));
        job(jobId).body("status", equalTo("completed"));
    }

    @Test
    void only_a_role_with_jobs_cancel_may_cancel_and_an_unknown_job_is_a_404() {
        long jobId = createJob(uniqueFileId(), "file_processing");
        cancel(jobId, "analyst").statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        cancel(jobId, "viewer").statusCode(403);
        given().when().post("/api/jobs/" + jobId + "/cancel").then().statusCode(401);
        job(jobId).body("status", equalTo("pending"));
        cancel(987_654_321_555L, "admin").statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void the_events_stream_sends_progress_as_it_happens_and_ends_with_the_finished_job() throws Exception {
        long fileId = uniqueFileId();
        long jobId = createJob(fileId, "file_processing");
        HttpRequest request = HttpRequest.newBuilder(URI.create(jobs + "/" + jobId + "/events"))
                .header("Authorization", "Bearer " + TestTokens.forRole("viewer"))
                .header("Accept", "text/event-stream").build();
        // the answer is checked here on the test thread; the reader thread only collects, so a wrong answer reports
        // itself instead of surfacing as a timeout
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> data = new ArrayList<>();
        CompletableFuture<Void> firstEvent = new CompletableFuture<>();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> response.body()
                .filter(line -> line.startsWith("data:")).forEach(line -> {
                    synchronized (data) {
                        data.add(line.substring(5).trim());
                    }
                    firstEvent.complete(null);
                }));
        // a stream that ends (or breaks) before its first event says so rather than leaving the wait to time out
        stream.whenComplete((ended, failure) -> firstEvent.completeExceptionally(
                new AssertionError("the event stream ended before its first event", failure)));

        // the pending job arrives before anything happened to it: the stream is not buffered to its end
        firstEvent.get(30, TimeUnit.SECONDS);
        assertThat(stream).isNotDone();
        publish(new PipelineEvent.FileProcessingStarted(jobId, fileId, "customers", Instant.now()));
        publish(new PipelineEvent.FileReadProgressed(jobId, fileId, 40, 400, 1_000, false, Instant.now()));
        publish(new PipelineEvent.JobProgressed(jobId, fileId, "validation", 40, 38, 2, 0, Instant.now()));
        await().atMost(WAIT).until(() -> {
            synchronized (data) {
                return data.stream().anyMatch(d -> d.contains("\"rows_read\":40"));
            }
        });
        publish(new PipelineEvent.JobProgressed(jobId, fileId, "loader", 0, 0, 0, 38, Instant.now()));
        await().atMost(WAIT).until(() -> {
            synchronized (data) {
                return data.stream().anyMatch(d -> d.contains("\"rows_loaded\":38"));
            }
        });
        publish(new PipelineEvent.FileLoaded(jobId, fileId, "customers", 100, 95, 5, 95, Instant.now()));
        stream.get(30, TimeUnit.SECONDS);

        List<PipelineJob> views;
        synchronized (data) {
            views = data.stream().map(PipelineJob::of).toList();
        }
        assertThat(views.get(0).status()).isEqualTo("pending");
        assertThat(views).extracting(PipelineJob::status).containsSubsequence("pending", "running", "completed");
        assertThat(views.get(views.size() - 1)).isEqualTo(new PipelineJob("completed", 100, 95, 100.0));
        // 40 rows ingested from 400 of 1,000 bytes: about 100 rows in all; validation saw 40, rejected 2, the
        // loader has 38 of them: 40 finished
        assertThat(views).filteredOn(v -> v.rowsRead() == 40 && v.rowsLoaded() == 0).first()
                .satisfies(v -> assertThat(v.percent()).isEqualTo(2.0));
        assertThat(views).filteredOn(v -> v.rowsLoaded() == 38).first()
                .satisfies(v -> assertThat(v.percent()).isEqualTo(40.0));
    }

    @Test
    void the_events_stream_of_an_unknown_job_is_a_404_problem() {
        given().auth().oauth2(TestTokens.forRole("viewer")).accept("text/event-stream")
                .when().get("/api/jobs/987654321666/events")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    /** The parts of a streamed job view the test looks at. */
    record PipelineJob(String status, long rowsRead, long rowsLoaded, Double percent) {
        static PipelineJob of(String json) {
            com.fasterxml.jackson.databind.JsonNode node = EventCodec.decode(json, com.fasterxml.jackson.databind.JsonNode.class);
            com.fasterxml.jackson.databind.JsonNode progress = node.get("progress");
            return new PipelineJob(node.get("status").asText(), progress.get("rows_read").asLong(),
                    progress.get("rows_loaded").asLong(), progress.get("percent").isNull() ? null : progress.get("percent").asDouble());
        }
    }
}
