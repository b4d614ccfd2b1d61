package io.dataops.gateway.rest;

import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.dataops.gateway.rest.GatewayApi.PASSWORD;
import static io.dataops.gateway.rest.GatewayApi.adminToken;
import static io.dataops.gateway.rest.GatewayApi.createUser;
import static io.dataops.gateway.rest.GatewayApi.freshIp;
import static io.dataops.gateway.rest.GatewayApi.freshName;
import static io.dataops.gateway.rest.GatewayApi.from;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class AuditResourceTest {

    private static JsonPath audit(String... query) {
        var request = given().auth().oauth2(adminToken());
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.when().get("/api/audit").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_user_create_and_a_login_are_in_the_audit_log_newest_first() {
        String admin = adminToken();
        long adminId = given().auth().oauth2(admin).when().get("/api/auth/me").then().extract().jsonPath().getLong("id");
        String name = freshName("audited");
        long id = createUser(admin, name, "analyst");
        String ip = freshIp();
        from(ip).contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
                .when().post("/api/auth/login").then().statusCode(200);

        JsonPath created = audit("action", "USER_CREATE", "user_id", String.valueOf(adminId), "limit", "500");
        assertThat(created.getList("items.resource_id", Long.class)).contains(id);
        JsonPath row = audit("action", "USER_CREATE", "user_id", String.valueOf(adminId), "limit", "1");
        assertThat(row.getLong("items[0].resource_id")).isEqualTo(id);
        assertThat(row.getString("items[0].resource_type")).isEqualTo("user");
        assertThat(row.getString("items[0].new_value.username")).isEqualTo(name);
        assertThat(row.getString("items[0].new_value.role")).isEqualTo("analyst");
        assertThat(row.getMap("items[0].new_value")).doesNotContainKeys("password", "password_hash");
        assertThat(row.getString("items[0].user_agent")).isEqualTo("gateway-test/1.0");

        JsonPath own = audit("user_id", String.valueOf(id));
        assertThat(own.getList("items.action", String.class)).containsExactly("LOGIN");
        assertThat(own.getString("items[0].ip_address")).isEqualTo(ip);
        assertThat(own.getString("items[0].created_at")).isNotBlank();
    }

    @Test
    void failed_logins_updates_and_deletes_are_recorded_with_old_and_new_values() {
        String admin = adminToken();
        String name = freshName("history");
        long id = createUser(admin, name, "viewer");
        from(freshIp()).contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"not-the-password\"}")
                .when().post("/api/auth/login").then().statusCode(401);
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"role\":\"analyst\",\"password\":\"a-brand-new-secret-99\"}")
                .when().put("/api/users/" + id).then().statusCode(200);
        given().auth().oauth2(admin).when().delete("/api/users/" + id).then().statusCode(204);

        JsonPath failed = audit("user_id", String.valueOf(id), "action", "LOGIN_FAILED");
        assertThat(failed.getString("items[0].new_value.username")).isEqualTo(name);

        JsonPath about = audit("resource_type", "user", "limit", "500");
        java.util.List<java.util.Map<String, Object>> rows = about.getList("items");
        var mine = rows.stream().filter(r -> Long.valueOf(id).equals(((Number) r.get("resource_id")).longValue()))
                .map(r -> (String) r.get("action")).toList();
        // newest first
        assertThat(mine).containsExactly("USER_DELETE", "USER_UPDATE", "LOGIN_FAILED", "USER_CREATE");

        JsonPath update = audit("action", "USER_UPDATE", "limit", "500");
        int at = update.getList("items.resource_id", Long.class).indexOf(id);
        assertThat(update.getString("items[" + at + "].old_value.role")).isEqualTo("viewer");
        assertThat(update.getString("items[" + at + "].new_value.role")).isEqualTo("analyst");
        assertThat(update.getBoolean("items[" + at + "].new_value.password_changed")).isTrue();
        assertThat(update.getString("items[" + at + "]")).doesNotContain("$2a$");
    }

    @Test
    void the_time_range_filters_and_is_checked() {
        String future = Instant.now().plusSeconds(3600).toString();
        assertThat(audit("from", future).getLong("total")).isZero();
        assertThat(audit("to", future, "action", "LOGIN").getLong("total")).isPositive();
        given().auth().oauth2(adminToken()).queryParam("from", "yesterday").when().get("/api/audit")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("errors.field", contains("from"));
    }

    @Test
    void only_audit_readers_see_the_log() {
        given().auth().oauth2(TestTokens.forRole("analyst")).when().get("/api/audit")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().when().get("/api/audit").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(adminToken()).when().get("/api/audit")
                .then().statusCode(200).body("items.action", hasItem("LOGIN"));
    }
}
