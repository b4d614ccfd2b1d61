package io.dataops.report.rest;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestDatabase;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Real pipeline events on the real broker, read back through GET /api/dashboard/stats. The broker and the
 * database are shared by every test of the JVM, so each test uses its own ids and compares the stats with a
 * snapshot taken before it sent anything: the differences are exact.
 *
 * <p>Ordering: events with one key share a partition and are applied in the order sent. Each test ends every key
 * it used with a FileUploaded of a fresh marker file under that key; once all markers are counted, everything
 * sent before them has been applied. A test whose expected change equals the change before its events are handled
 * (a deletion that takes one file away while its marker adds one) first waits for its markers' own rows.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class DashboardResourceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] FIELDS = {"files.total", "files.today", "files.processing", "files.failed",
            "records.customers", "records.orders", "errors.total", "errors.today", "jobs.running", "jobs.queued"};

    private static long nextId = ThreadLocalRandom.current().nextLong(3_000_000_000L, 9_000_000_000L);

    @Inject
    DataSource dataSource;

    private static long newId() {
        return nextId++;
    }

    private static void publish(long key, PipelineEvent event) {
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(key), EventCodec.encode(event));
    }

    private static void publish(PipelineEvent event) {
        publish(event.fileId(), event);
    }

    /** Answers the marker files' ids, one per key. */
    private static long[] sendMarkersBehind(long... keys) {
        long[] markers = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            markers[i] = newId();
            publish(keys[i], new PipelineEvent.FileUploaded(markers[i], "marker.csv", "csv", 1, 1, Instant.now()));
        }
        return markers;
    }

    /** Waits until every marker is in the read model, so everything sent before it under its key is applied. */
    private void awaitApplied(long... markers) {
        for (long marker : markers) {
            await().atMost(WAIT).until(() -> dashboardRowsOf(marker) == 1);
        }
    }

    private long dashboardRowsOf(long fileId) throws Exception {
        return TestDatabase.count(dataSource, "SELECT COUNT(*) FROM dashboard_files WHERE file_id = ?", fileId);
    }

    private static long[] stats() {
        JsonPath body = given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/dashboard/stats")
                .then().statusCode(200).extract().jsonPath();
        long[] values = new long[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            values[i] = body.getLong(FIELDS[i]);
        }
        return values;
    }

    private static long[] change(long[] before) {
        long[] now = stats();
        for (int i = 0; i < now.length; i++) {
            now[i] -= before[i];
        }
        return now;
    }

    @Test
    void stats_count_files_records_errors_and_jobs_from_the_events() {
        long[] before = stats();
        Instant now = Instant.now();
        long loadedCustomers = newId(), loadedOrders = newId(), running = newId(), queued = newId(), failed = newId();

        publish(new PipelineEvent.FileUploaded(loadedCustomers, "customers.csv", "csv", 100, 1, now));
        long job1 = newId();
        publish(new PipelineEvent.FileProcessingRequested(job1, loadedCustomers, "customers", now));
        publish(new PipelineEvent.FileProcessingStarted(job1, loadedCustomers, "customers", now));
        publish(new PipelineEvent.FileLoaded(job1, loadedCustomers, "customers", 10, 8, 2, 8, now));

        publish(new PipelineEvent.FileUploaded(loadedOrders, "orders.json", "json", 100, 1, now));
        long job2 = newId();
        publish(new PipelineEvent.FileProcessingRequested(job2, loadedOrders, "orders", now));
        publish(new PipelineEvent.FileProcessingStarted(job2, loadedOrders, "orders", now));
        publish(new PipelineEvent.FileLoaded(job2, loadedOrders, "orders", 5, 4, 1, 4, now));

        publish(new PipelineEvent.FileUploaded(running, "b.csv", "csv", 100, 1, now));
        long job3 = newId();
        publish(new PipelineEvent.FileProcessingRequested(job3, running, "customers", now));
        publish(new PipelineEvent.FileProcessingStarted(job3, running, "customers", now));

        publish(new PipelineEvent.FileUploaded(queued, "c.csv", "csv", 100, 1, now));
        publish(new PipelineEvent.FileProcessingRequested(newId(), queued, "customers", now));

        publish(new PipelineEvent.FileUploaded(failed, "d.csv", "csv", 100, 1, now));
        long job5 = newId();
        publish(new PipelineEvent.FileProcessingRequested(job5, failed, "customers", now));
        publish(new PipelineEvent.FileFailed(job5, failed, "no header row", now));

        sendMarkersBehind(loadedCustomers, loadedOrders, running, queued, failed);

        // files: 5 + 5 markers, 2 processing (running, queued), 1 failed; records 8 customers, 4 orders;
        // errors 2 + 1 rejected; jobs: 1 running, 1 queued
        await().atMost(WAIT).untilAsserted(() -> assertThat(change(before)).containsExactly(10, 10, 2, 1, 8, 4, 3, 3, 1, 1));
    }

    @Test
    void redelivered_and_late_events_change_nothing() {
        Instant now = Instant.now();
        long fileId = newId();
        long jobId = newId();
        PipelineEvent.FileUploaded uploaded = new PipelineEvent.FileUploaded(fileId, "a.csv", "csv", 100, 1, now);
        PipelineEvent.FileProcessingRequested requested = new PipelineEvent.FileProcessingRequested(jobId, fileId, "customers", now);
        PipelineEvent.FileProcessingStarted started = new PipelineEvent.FileProcessingStarted(jobId, fileId, "customers", now);
        PipelineEvent.FileLoaded loaded = new PipelineEvent.FileLoaded(jobId, fileId, "customers", 10, 8, 2, 8, now);

        long[] before = stats();
        publish(uploaded);
        publish(requested);
        publish(started);
        publish(loaded);
        sendMarkersBehind(fileId);
        await().atMost(WAIT).untilAsserted(() -> assertThat(change(before)).containsExactly(2, 2, 0, 0, 8, 0, 2, 2, 0, 0));

        long[] afterFirstDelivery = stats();
        publish(uploaded);
        publish(requested);
        publish(started);
        publish(loaded);
        publish(loaded);
        publish(new PipelineEvent.FileFailed(jobId, fileId, "late failure of a finished job", now));
        sendMarkersBehind(fileId);
        // only the marker file is new; the file stays completed, its job finished, its counts once
        await().atMost(WAIT).untilAsserted(() -> assertThat(change(afterFirstDelivery)).containsExactly(1, 1, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void a_reprocessed_file_counts_every_row_its_runs_put_in_the_target_and_the_errors_of_its_latest_run() {
        Instant now = Instant.now();
        long fileId = newId();
        long firstRun = newId();
        long secondRun = newId();
        long[] before = stats();

        publish(new PipelineEvent.FileUploaded(fileId, "a.csv", "csv", 100, 1, now));
        publish(new PipelineEvent.FileProcessingRequested(firstRun, fileId, "customers", now));
        publish(new PipelineEvent.FileLoaded(firstRun, fileId, "customers", 10, 6, 4, 6, now));
        publish(new PipelineEvent.FileProcessingRequested(secondRun, fileId, "customers", now));
        publish(new PipelineEvent.FileProcessingStarted(secondRun, fileId, "customers", now));
        // the re-run, with laxer rules, inserts the 3 rows the first run rejected; the other 6 are already there
        publish(new PipelineEvent.FileLoaded(secondRun, fileId, "customers", 10, 9, 1, 3, now));
        sendMarkersBehind(fileId);

        await().atMost(WAIT).untilAsserted(() -> assertThat(change(before)).containsExactly(2, 2, 0, 0, 9, 0, 1, 1, 0, 0));
    }

    @Test
    void stats_answer_in_the_spec_shape() {
        JsonPath body = given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/dashboard/stats")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertThat(body.<String, Object>getMap("").keySet()).containsExactlyInAnyOrder("files", "records", "errors", "jobs");
        assertThat(body.<String, Object>getMap("files").keySet()).containsExactlyInAnyOrder("total", "today", "processing", "failed");
        assertThat(body.<String, Object>getMap("records").keySet()).containsExactlyInAnyOrder("customers", "orders");
        assertThat(body.<String, Object>getMap("errors").keySet()).containsExactlyInAnyOrder("total", "today");
        assertThat(body.<String, Object>getMap("jobs").keySet()).containsExactlyInAnyOrder("running", "queued");
    }

    @Test
    void a_request_without_a_token_is_a_401_problem() {
        given().when().get("/api/dashboard/stats").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void a_token_signed_by_a_stranger_is_a_401_problem() {
        given().auth().oauth2(TestTokens.signedByStranger("admin")).when().get("/api/dashboard/stats").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void a_role_without_reports_read_is_a_403_problem() {
        // admin, analyst and viewer all hold reports:read (docs/product-spec.md §13.2); a role outside the matrix holds nothing
        given().auth().oauth2(TestTokens.forUser(9, "x", "auditor")).when().get("/api/dashboard/stats")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void a_re_run_that_loads_nothing_new_keeps_the_first_runs_records() {
        long[] before = stats();
        Instant now = Instant.now();
        long fileId = newId();
        long first = newId();
        long rerun = newId();
        publish(new PipelineEvent.FileUploaded(fileId, "customers.csv", "csv", 100, 1, now));
        publish(new PipelineEvent.FileProcessingRequested(first, fileId, "customers", now));
        publish(new PipelineEvent.FileLoaded(first, fileId, "customers", 10, 8, 2, 8, now));
        publish(new PipelineEvent.FileProcessingRequested(rerun, fileId, "customers", now));
        publish(new PipelineEvent.FileLoaded(rerun, fileId, "customers", 10, 8, 2, 0, now));
        sendMarkersBehind(fileId);
        // 1 file + 1 marker; 8 customers from the first run, still 8 after the re-run; errors are the latest run's
        await().atMost(WAIT).untilAsserted(() -> assertThat(change(before)).containsExactly(2, 2, 0, 0, 8, 0, 2, 2, 0, 0));
    }

    @Test
    void a_cancelled_job_counts_the_rows_it_loaded_and_a_deleted_file_leaves_the_file_counts_only() throws Exception {
        long[] before = stats();
        Instant now = Instant.now();
        long fileId = newId();
        long jobId = newId();
        publish(new PipelineEvent.FileUploaded(fileId, "big.csv", "csv", 100, 1, now));
        publish(new PipelineEvent.FileProcessingRequested(jobId, fileId, "customers", now));
        publish(new PipelineEvent.FileProcessingStarted(jobId, fileId, "customers", now));
        publish(new PipelineEvent.JobProgressed(jobId, fileId, "loader", 0, 0, 0, 500, now));
        publish(new PipelineEvent.JobCancelled(jobId, fileId, 1, now));
        // late progress of the cancelled job still raises what is in the target; nothing moves it back to running
        publish(new PipelineEvent.JobProgressed(jobId, fileId, "loader", 0, 0, 0, 700, now));
        publish(new PipelineEvent.FileProcessingStarted(jobId, fileId, "customers", now));
        sendMarkersBehind(fileId);
        await().atMost(WAIT).untilAsserted(() -> assertThat(change(before)).containsExactly(2, 2, 0, 0, 700, 0, 0, 0, 0, 0));

        long[] beforeDeletion = stats();
        publish(new PipelineEvent.FileDeleted(fileId, 1, now));
        awaitApplied(sendMarkersBehind(fileId));
        // the deleted file left the file counts as the new marker joined them; the 700 rows it loaded stay loaded
        assertThat(change(beforeDeletion)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(dashboardRowsOf(fileId)).isZero();
    }
}
