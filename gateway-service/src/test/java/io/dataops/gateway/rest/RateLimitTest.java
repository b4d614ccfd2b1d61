package io.dataops.gateway.rest;

import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadLocalRandom;

import static io.dataops.gateway.rest.GatewayApi.PASSWORD;
import static io.dataops.gateway.rest.GatewayApi.adminToken;
import static io.dataops.gateway.rest.GatewayApi.createUser;
import static io.dataops.gateway.rest.GatewayApi.freshIp;
import static io.dataops.gateway.rest.GatewayApi.freshName;
import static io.dataops.gateway.rest.GatewayApi.from;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Limits from the %test profile: 12 logins per address, 30 per username, lock after 5 failures, 150 API calls. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class RateLimitTest {

    @Inject
    RedisDataSource redis;

    private static Response attempt(String ip, String username, String password) {
        return from(ip).contentType("application/json")
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .when().post("/api/auth/login");
    }

    private static long retryAfter(ExtractableResponse<Response> answer) {
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("code")).isEqualTo("RATE_LIMITED");
        return Long.parseLong(answer.header("Retry-After"));
    }

    @Test
    void logins_from_one_address_beyond_the_limit_get_429_with_retry_after() {
        String ip = freshIp();
        for (int i = 0; i < 12; i++) {
            attempt(ip, freshName("nobody"), "wrong-password").then().statusCode(401);
        }
        long wait = retryAfter(attempt(ip, "admin", GatewayApi.ADMIN_PASSWORD).then().extract());
        assertThat(wait).isBetween(1L, 60L);

        // another address is not affected
        attempt(freshIp(), freshName("nobody"), "wrong-password").then().statusCode(401);
    }

    @Test
    void logins_for_one_username_beyond_the_limit_get_429_from_any_address() {
        String name = freshName("busy");
        createUser(adminToken(), name, "viewer");
        // 30 attempts in this minute already, counted by another replica perhaps: the window lives in Redis
        redis.value(Long.class).setex("dataops:rate:login-user:" + name, 60, 30L);
        long wait = retryAfter(attempt(freshIp(), name, PASSWORD).then().extract());
        assertThat(wait).isBetween(1L, 60L);
    }

    @Test
    void five_failed_logins_lock_the_username_with_a_doubling_delay() {
        String name = freshName("locked");
        createUser(adminToken(), name, "viewer");
        for (int i = 0; i < 5; i++) {
            attempt(freshIp(), name, "wrong-password-" + i).then().statusCode(401)
                    .body("code", equalTo("INVALID_CREDENTIALS"));
        }
        // even the right password waits now, and the wait is not counted as another failure
        long first = retryAfter(attempt(freshIp(), name, PASSWORD).then().extract());
        assertThat(first).isBetween(25L, 30L);
        retryAfter(attempt(freshIp(), name, PASSWORD).then().extract());

        // when the lock runs out, the next failure locks for twice as long
        redis.key().del("dataops:login-lock:" + name);
        attempt(freshIp(), name, "wrong-password-again").then().statusCode(401);
        long second = retryAfter(attempt(freshIp(), name, PASSWORD).then().extract());
        assertThat(second).isBetween(55L, 60L);
    }

    @Test
    void a_successful_login_resets_the_failure_count() {
        String name = freshName("reset");
        createUser(adminToken(), name, "viewer");
        for (int i = 0; i < 4; i++) {
            attempt(freshIp(), name, "wrong-password").then().statusCode(401);
        }
        attempt(freshIp(), name, PASSWORD).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            attempt(freshIp(), name, "wrong-password").then().statusCode(401);
        }
        // eight failures in all, but never five in a row
        attempt(freshIp(), name, PASSWORD).then().statusCode(200);
    }

    @Test
    void api_calls_beyond_the_per_user_limit_get_429_before_forwarding() {
        long userId = ThreadLocalRandom.current().nextLong(1_000_000, 2_000_000);
        String token = TestTokens.forUser(userId, "busy-" + userId, "analyst");
        for (int i = 0; i < 150; i++) {
            // forwarded: the test routes point at a closed port
            given().auth().oauth2(token).when().get("/api/data/files").then().statusCode(502);
        }
        long wait = retryAfter(given().auth().oauth2(token).when().get("/api/data/files").then().extract());
        assertThat(wait).isBetween(1L, 60L);
        // the gateway's own endpoints count against the same budget
        retryAfter(given().auth().oauth2(token).when().get("/api/auth/me").then().extract());

        // another user is unaffected
        given().auth().oauth2(TestTokens.forUser(userId + 1, "calm", "analyst")).when().get("/api/data/files")
                .then().statusCode(502);
    }
}
