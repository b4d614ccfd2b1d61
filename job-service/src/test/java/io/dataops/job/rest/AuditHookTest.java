package io.dataops.job.rest;

import io.dataops.model.Topics;
import io.dataops.model.audit.AuditEvent;
import io.dataops.model.events.EventCodec;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RawHttp;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.dataops.job.JobFixtures.uniqueFileId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared audit hook at job-service: a created job is an audit event on dataops.audit; a failed or read request is not. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class AuditHookTest {

    @Test
    void creating_a_job_publishes_who_what_which_and_from_where() {
        long userId = 4_100_000_000L + uniqueFileId() % 1_000_000;
        long jobId = given().auth().oauth2(TestTokens.forUser(userId, "auditee", "analyst"))
                .header("User-Agent", "audit-test/1.0").header("X-Forwarded-For", "203.0.113.9, 10.0.0.1")
                .contentType("application/json")
                .body("{\"job_name\":\"audited\",\"job_type\":\"file_processing\",\"file_id\":" + uniqueFileId() + "}")
                .when().post("/api/jobs").then().statusCode(201).extract().jsonPath().getLong("id");
        // refused: no event
        given().auth().oauth2(TestTokens.forUser(userId, "auditee", "analyst")).contentType("application/json")
                .body("{}").when().post("/api/jobs").then().statusCode(400);

        List<AuditEvent> events = TestKafka.readUntil(Topics.AUDIT, r -> r.value().contains("\"userId\":" + userId),
                        found -> !found.isEmpty(), Duration.ofSeconds(20))
                .stream().map(r -> EventCodec.decode(r.value(), AuditEvent.class)).toList();
        AuditEvent event = events.get(0);
        // the refused request came right after the accepted one: an event of it would follow within seconds
        TestKafka.assertNothingArrives(Topics.AUDIT, r -> r.value().contains("\"userId\":" + userId)
                && !EventCodec.decode(r.value(), AuditEvent.class).eventId().equals(event.eventId()), Duration.ofSeconds(3));
        assertThat(event.action()).isEqualTo("JOB_CREATE");
        assertThat(event.resourceType()).isEqualTo("job");
        assertThat(event.resourceId()).isEqualTo(jobId);
        assertThat(event.username()).isEqualTo("auditee");
        assertThat(event.service()).isEqualTo("job-service");
        // %test trusts 127.0.0.1 as a proxy: the right-most hop it forwarded that is not a proxy is the client
        assertThat(event.ipAddress()).isEqualTo("10.0.0.1");
        assertThat(event.userAgent()).isEqualTo("audit-test/1.0");
        assertThat(event.eventId()).isNotBlank();
    }

    @Test
    void a_caller_that_is_no_trusted_proxy_is_audited_with_its_own_address_whatever_it_forwards() {
        long userId = 4_200_000_000L + uniqueFileId() % 1_000_000;
        RawHttp.Answer created = RawHttp.send("127.0.0.2", RestAssured.port, "POST", "/api/jobs",
                Map.of("Authorization", "Bearer " + TestTokens.forUser(userId, "spoofer", "analyst"),
                        "X-Forwarded-For", "198.51.100.23"),
                "{\"job_name\":\"spoofed\",\"job_type\":\"file_processing\",\"file_id\":" + uniqueFileId() + "}");
        assertThat(created.status()).isEqualTo(201);

        List<AuditEvent> events = TestKafka.readUntil(Topics.AUDIT, r -> r.value().contains("\"userId\":" + userId),
                        found -> !found.isEmpty(), Duration.ofSeconds(20))
                .stream().map(r -> EventCodec.decode(r.value(), AuditEvent.class)).toList();
        assertThat(events).extracting(AuditEvent::ipAddress).containsExactly("127.0.0.2");
    }
}
