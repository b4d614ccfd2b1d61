package io.dataops.gateway.messaging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dataops.model.Topics;
import io.dataops.model.audit.AuditEvent;
import io.dataops.model.events.EventCodec;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A service's audit event, from the real broker into AUDIT_LOG and out through GET /api/audit, stored once. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class AuditEventListenerTest {

    private static JsonPath audit(String action) {
        return given().auth().oauth2(TestTokens.forRole("admin")).queryParam("action", action).queryParam("limit", "100")
                .when().get("/api/audit").then().statusCode(200).extract().jsonPath();
    }

    private static AuditEvent event(String action, long resourceId) {
        var values = JsonNodeFactory.instance;
        return new AuditEvent(UUID.randomUUID().toString(), Instant.parse("2026-11-23T10:00:00Z"), "job-service",
                4_200_000_001L, "ana", action, "job", resourceId, values.objectNode().put("status", "running"),
                values.objectNode().put("status", "cancelled"), "10.1.2.3", "curl/8.5");
    }

    @Test
    void a_service_audit_event_lands_in_the_audit_log_with_every_column() {
        String action = "JOB_CANCEL_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        AuditEvent event = event(action, 77);
        TestKafka.send(Topics.AUDIT, event.eventId(), EventCodec.encode(event));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(audit(action).getList("items")).hasSize(1));
        JsonPath row = audit(action);
        assertThat(row.getLong("items[0].user_id")).isEqualTo(4_200_000_001L);
        assertThat(row.getString("items[0].resource_type")).isEqualTo("job");
        assertThat(row.getLong("items[0].resource_id")).isEqualTo(77L);
        assertThat(row.getString("items[0].old_value.status")).isEqualTo("running");
        assertThat(row.getString("items[0].new_value.status")).isEqualTo("cancelled");
        assertThat(row.getString("items[0].ip_address")).isEqualTo("10.1.2.3");
        assertThat(row.getString("items[0].user_agent")).isEqualTo("curl/8.5");
        assertThat(row.getString("items[0].service")).isEqualTo("job-service");
        assertThat(row.getString("items[0].created_at")).startsWith("2026-11-23T10:00");
    }

    @Test
    void a_redelivered_event_is_stored_once() {
        String action = "FILE_DELETE_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        AuditEvent event = event(action, 5);
        TestKafka.send(Topics.AUDIT, event.eventId(), EventCodec.encode(event));
        TestKafka.send(Topics.AUDIT, event.eventId(), EventCodec.encode(event));
        // same key, same partition: once this one is in, both copies before it were handled
        String marker = action + "_DONE";
        AuditEvent after = new AuditEvent(UUID.randomUUID().toString(), Instant.now(), "job-service", 1L, "ana", marker,
                "job", 6L, null, null, null, null);
        TestKafka.send(Topics.AUDIT, event.eventId(), EventCodec.encode(after));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(audit(marker).getList("items")).hasSize(1));
        assertThat(audit(action).getList("items")).hasSize(1);
    }

    @Test
    void an_event_whose_id_is_longer_than_a_uuid_is_parked_and_audit_storage_goes_on() {
        String action = "JOB_CANCEL_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String key = "long-id-" + action;
        // a 37-character id does not fit AUDIT_LOG.EVENT_ID (VARCHAR2(36 CHAR)); built as JSON, as a stranger would
        String tooLong = UUID.randomUUID() + "x";
        String poison = EventCodec.encode(event(action + "_POISON", 8)).replaceFirst(
                "\"eventId\":\"[^\"]+\"", "\"eventId\":\"" + tooLong + "\"");
        assertThat(poison).contains(tooLong);
        TestKafka.send(Topics.AUDIT, key, poison);
        // same key, same partition: it is only stored if the listener went on after the poison
        AuditEvent good = event(action, 9);
        TestKafka.send(Topics.AUDIT, key, EventCodec.encode(good));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(audit(action).getList("items")).hasSize(1));
        assertThat(audit(action + "_POISON").getList("items")).isEmpty();
        var parked = TestKafka.readUntil(Topics.DEAD_LETTER, r -> key.equals(r.key()) || poison.equals(r.value()),
                kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).value()).isEqualTo(poison);
        assertThat(new String(parked.get(0).headers().lastHeader("dataops-dlq-reason").value(), StandardCharsets.UTF_8))
                .contains("eventId has 37 characters");
        assertThat(new String(parked.get(0).headers().lastHeader("dataops-dlq-source-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.AUDIT);
    }
}
