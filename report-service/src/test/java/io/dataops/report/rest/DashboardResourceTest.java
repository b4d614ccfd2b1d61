package io.dataops.report.rest;

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
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The only test class of this module: the dashboard starts empty, so the expected numbers are exact. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class DashboardResourceTest {

    private static void publish(PipelineEvent event) {
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(event.fileId()), EventCodec.encode(event));
    }

    private static JsonPath stats() {
        return given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/dashboard/stats")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void stats_count_files_records_errors_and_jobs_from_the_events_and_ignore_redeliveries() {
        Instant now = Instant.now();
        publish(new PipelineEvent.FileUploaded(1, "a.csv", "csv", 10, 1, now));
        publish(new PipelineEvent.FileUploaded(2, "b.csv", "csv", 10, 1, now));
        publish(new PipelineEvent.FileUploaded(3, "c.csv", "csv", 10, 1, now));
        publish(new PipelineEvent.FileProcessingRequested(11, 1, "customers", now));
        publish(new PipelineEvent.FileProcessingStarted(11, 1, "customers", now));
        PipelineEvent.FileLoaded loaded = new PipelineEvent.FileLoaded(11, 1, "customers", 10, 8, 2, 8, now);
        publish(loaded);
        publish(loaded);
        publish(new PipelineEvent.FileProcessingRequested(12, 2, "customers", now));
        publish(new PipelineEvent.FileProcessingStarted(12, 2, "customers", now));
        publish(new PipelineEvent.FileProcessingRequested(13, 3, "customers", now));
        publish(new PipelineEvent.FileFailed(14, 3, "unreadable", now));
        publish(new PipelineEvent.FileUploaded(1, "a.csv", "csv", 10, 1, now));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stats().getInt("jobs.queued")).isEqualTo(1));
        JsonPath stats = stats();
        assertThat(stats.getInt("files.total")).isEqualTo(3);
        assertThat(stats.getInt("files.today")).isEqualTo(3);
        assertThat(stats.getInt("files.processing")).isEqualTo(1);
        assertThat(stats.getInt("files.failed")).isEqualTo(1);
        assertThat(stats.getInt("records.customers")).isEqualTo(8);
        assertThat(stats.getInt("records.orders")).isZero();
        assertThat(stats.getInt("errors.total")).isEqualTo(2);
        assertThat(stats.getInt("errors.today")).isEqualTo(2);
        assertThat(stats.getInt("jobs.running")).isEqualTo(1);
    }

    @Test
    void stats_need_a_valid_token() {
        given().when().get("/api/dashboard/stats").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestTokens.forUser(9, "x", "nobody")).when().get("/api/dashboard/stats")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }
}
