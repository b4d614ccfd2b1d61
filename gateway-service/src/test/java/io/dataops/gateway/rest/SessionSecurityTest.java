package io.dataops.gateway.rest;

import io.dataops.model.security.RevocationKeys;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RawHttp;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dataops.gateway.rest.GatewayApi.PASSWORD;
import static io.dataops.gateway.rest.GatewayApi.adminToken;
import static io.dataops.gateway.rest.GatewayApi.createUser;
import static io.dataops.gateway.rest.GatewayApi.freshIp;
import static io.dataops.gateway.rest.GatewayApi.freshName;
import static io.dataops.gateway.rest.GatewayApi.from;
import static io.dataops.gateway.rest.GatewayApi.login;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 12 at the gateway: path spelling, how long logout and sessions-ended marks live, which client address the
 * login throttle and the audit log believe (%test trusts 127.0.0.1 and 192.0.2.0/24 as proxies; 127.0.0.2 is a
 * client of its own), and length caps checked before any throttle counter or audit row exists.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class SessionSecurityTest {
    /** dataops.gateway.access-token-ttl (PT15M) plus the 60 s smallrye-jwt accepts past exp by default. */
    private static final long TOKEN_LIFETIME_WITH_SKEW = 15 * 60 + 60;

    @Inject
    RedisDataSource redis;

    @Inject
    DataSource database;

    @Test
    void a_path_not_spelled_canonically_is_refused_before_it_is_proxied_or_logged_in() {
        String token = login(freshLoginUser(), PASSWORD).getString("access_token");
        given().auth().oauth2(token).when().post("/api/auth/logout").then().statusCode(204);
        // forwarded, a canonical path meets the closed test upstream: 502; refused, it never gets that far
        for (String spelling : List.of("//api/data/customers", "/./api/data/customers", "/%61pi/data/customers",
                "/api/data/../data/customers", "/api;x=1/data/customers", "/api/auth/%6De", "//api/users")) {
            RawHttp.Answer answer = RawHttp.get(RestAssured.port, spelling, token);
            assertThat(answer.status()).as(spelling).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(spelling).startsWith("application/problem+json");
            assertThat(JsonPath.from(answer.body()).getString("code")).as(spelling).isEqualTo("PATH_NOT_CANONICAL");
        }
        assertThat(RawHttp.get(RestAssured.port, "/api/data/customers", token).status()).isEqualTo(401);

        String marker = uniqueLower();
        RawHttp.Answer login = RawHttp.send(RestAssured.port, "POST", "//api/auth/login", null,
                "{\"username\":\"" + marker + "\",\"password\":\"wrong\"}");
        assertThat(login.status()).isEqualTo(400);
        assertThat(redisKeysContaining(marker)).isEmpty();
    }

    @Test
    void a_logged_out_token_stays_refused_until_its_expiry_plus_the_accepted_clock_skew() {
        String token = login(freshLoginUser(), PASSWORD).getString("access_token");
        given().auth().oauth2(token).when().post("/api/auth/logout").then().statusCode(204);

        long ttl = redis.key().ttl(RevocationKeys.revokedToken(TestTokens.tokenIdOf(token)));
        assertThat(ttl).isBetween(TOKEN_LIFETIME_WITH_SKEW - 5, TOKEN_LIFETIME_WITH_SKEW + 1);
    }

    @Test
    void a_sessions_ended_mark_outlives_every_token_it_voids() {
        String admin = adminToken();
        String name = freshName("mark");
        long id = createUser(admin, name, "analyst");
        long before = System.currentTimeMillis();
        given().auth().oauth2(admin).contentType("application/json").body("{\"role\":\"viewer\"}")
                .when().put("/api/users/" + id).then().statusCode(200);

        String mark = redis.value(String.class).get(RevocationKeys.sessionsEnded(id));
        assertThat(Long.parseLong(mark)).isBetween(before, System.currentTimeMillis());
        assertThat(redis.key().ttl(RevocationKeys.sessionsEnded(id)))
                .isBetween(TOKEN_LIFETIME_WITH_SKEW - 5, TOKEN_LIFETIME_WITH_SKEW + 2);
    }

    @Test
    void a_client_cannot_pick_its_own_address_to_dodge_the_per_address_login_limit_or_the_audit_log() {
        List<String> names = new ArrayList<>();
        int limit = 12; // %test.dataops.gateway.rate-limit.login-per-ip-per-minute
        for (int i = 0; i <= limit; i++) {
            String name = uniqueLower();
            names.add(name);
            RawHttp.Answer answer = RawHttp.send("127.0.0.2", RestAssured.port, "POST", "/api/auth/login",
                    Map.of("X-Forwarded-For", freshIp()), "{\"username\":\"" + name + "\",\"password\":\"wrong\"}");
            assertThat(answer.status()).as("attempt " + (i + 1)).isEqualTo(i < limit ? 401 : 429);
        }
        for (String name : names.subList(0, limit)) {
            assertThat(auditedAddressesOfFailedLogin(name)).as(name).containsExactly("127.0.0.2");
        }
    }

    @Test
    void behind_trusted_proxies_the_right_most_untrusted_hop_is_the_client() {
        String name = uniqueLower();
        // 6.6.6.6 is what the client claimed; 203.0.113.77 what the first trusted proxy (192.0.2.1) saw
        from("6.6.6.6, 203.0.113.77").contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"wrong\"}")
                .when().post("/api/auth/login").then().statusCode(401);
        assertThat(auditedAddressesOfFailedLogin(name)).containsExactly("203.0.113.77");
    }

    @Test
    void an_oversized_username_password_or_body_is_refused_before_any_throttle_key_or_audit_row() {
        String longName = uniqueLower() + "a".repeat(60);
        from(freshIp()).contentType("application/json")
                .body("{\"username\":\"" + longName + "\",\"password\":\"wrong\"}")
                .when().post("/api/auth/login")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST")).body("errors[0].field", equalTo("username"));
        String name = uniqueLower();
        from(freshIp()).contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"" + "p".repeat(1025) + "\"}")
                .when().post("/api/auth/login")
                .then().statusCode(400).body("errors[0].field", equalTo("password"));
        from(freshIp()).contentType("application/json").body("{\"refresh_token\":\"" + "r".repeat(44) + "\"}")
                .when().post("/api/auth/refresh")
                .then().statusCode(400).body("errors[0].field", equalTo("refresh_token"));

        String hugeName = uniqueLower() + "a".repeat(1024 * 1024);
        RawHttp.Answer huge = RawHttp.send("127.0.0.2", RestAssured.port, "POST", "/api/auth/login", Map.of(),
                "{\"username\":\"" + hugeName + "\",\"password\":\"wrong\"}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(JsonPath.from(huge.body()).getString("errors[0].field")).isEqualTo("body");

        for (String refused : List.of(longName, name, hugeName)) {
            String marker = refused.substring(0, 20);
            assertThat(redisKeysContaining(marker)).as(marker).isEmpty();
            assertThat(auditedAddressesOfFailedLogin(marker)).as(marker).isEmpty();
        }
    }

    private static String freshLoginUser() {
        String name = freshName("sess");
        createUser(adminToken(), name, "viewer");
        return name;
    }

    /** 20 lower-case letters: a username (and Redis key part, which is lower-cased) no other test uses. */
    private static String uniqueLower() {
        StringBuilder letters = new StringBuilder();
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 20).toCharArray()) {
            letters.append(Character.isDigit(c) ? (char) ('g' + (c - '0')) : c);
        }
        return letters.toString();
    }

    private List<String> redisKeysContaining(String text) {
        return redis.key().keys("*" + text + "*");
    }

    private List<String> auditedAddressesOfFailedLogin(String usernamePart) {
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select ip_address from audit_log where action = 'LOGIN_FAILED' and new_value like ? order by id")) {
            s.setString(1, "%" + usernamePart + "%");
            List<String> addresses = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    addresses.add(r.getString(1));
                }
            }
            return addresses;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
