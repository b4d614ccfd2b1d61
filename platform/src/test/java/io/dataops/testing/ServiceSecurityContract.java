package io.dataops.testing;

import io.dataops.model.security.RevocationKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * What every service must do with a token beyond its signature, and on every answer, whether reached through the
 * gateway or directly (docs/product-spec.md, Design). Each service runs it as a {@code @QuarkusTest} subclass with the
 * Kafka, JWT-key and Redis resources, naming one GET endpoint a viewer may read. The Redis keys are written here
 * exactly as the gateway writes them on logout and deactivation.
 */
public abstract class ServiceSecurityContract {

    @Inject
    RedisDataSource redis;

    /** A GET endpoint under /api that a viewer may call and that answers 200. */
    protected abstract String readablePath();

    private static long freshUserId() {
        return 3_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    @Test
    void a_logged_out_token_is_refused_with_token_revoked() {
        String token = TestTokens.forUser(freshUserId(), "leaver", "viewer");
        given().auth().oauth2(token).when().get(readablePath()).then().statusCode(200);

        redis.value(String.class).setex(RevocationKeys.revokedToken(TestTokens.tokenIdOf(token)), 60, "1");

        given().auth().oauth2(token).when().get(readablePath())
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("TOKEN_REVOKED"));
    }

    @Test
    void a_deactivated_users_token_is_refused_and_other_users_are_not() {
        long userId = freshUserId();
        String token = TestTokens.forUser(userId, "deactivated", "viewer");
        String colleague = TestTokens.forUser(userId + 1, "colleague", "viewer");

        redis.value(String.class).setex(RevocationKeys.inactiveUser(userId), 60, "1");

        given().auth().oauth2(token).when().get(readablePath())
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(colleague).when().get(readablePath()).then().statusCode(200);
    }

    /**
     * Vert.x routes {@code //api/x}, {@code /./api/x} and {@code /%61pi/x} to {@code /api/x}; a check reading the
     * raw path saw another string, so a logged-out token passed there (docs/adr/0015-session-ends-path-spelling-trusted-proxies.md). Sent over a plain socket: an
     * HTTP client may normalise the path first and hide the case.
     */
    @Test
    void a_path_not_spelled_canonically_is_refused_before_any_check_even_with_a_revoked_token() {
        String token = TestTokens.forUser(freshUserId(), "spelling", "viewer");
        redis.value(String.class).setex(RevocationKeys.revokedToken(TestTokens.tokenIdOf(token)), 60, "1");
        String path = readablePath();
        String afterSlash = path.substring(1);
        List<String> spellings = List.of("/" + path, "/." + path, "/%61" + afterSlash.substring(1),
                "/api/.." + path, path.replace("/api/", "/api//"), path.replace("/api/", "/api;x=1/"),
                path.replace("/api/", "/api/%2e/"));
        for (String spelling : spellings) {
            for (String bearer : new String[] {token, null}) {
                RawHttp.Answer answer = RawHttp.get(RestAssured.port, spelling, bearer);
                assertThat(answer.status()).as(spelling).isEqualTo(400);
                assertThat(answer.header("Content-Type")).as(spelling).startsWith("application/problem+json");
                assertThat(JsonPath.from(answer.body()).getString("code")).as(spelling).isEqualTo("PATH_NOT_CANONICAL");
                assertThat(answer.header("X-Content-Type-Options")).as(spelling).isEqualTo("nosniff");
            }
        }
        assertThat(RawHttp.get(RestAssured.port, path, token).status()).as("canonical spelling").isEqualTo(401);
    }

    @Test
    void ended_sessions_void_every_token_issued_up_to_that_millisecond_and_no_later_one() {
        long userId = freshUserId();
        long endedAt = System.currentTimeMillis();
        String before = TestTokens.issuedAt(userId, "demoted", "viewer", endedAt - 1);
        String sameMillisecond = TestTokens.issuedAt(userId, "demoted", "viewer", endedAt);
        String after = TestTokens.issuedAt(userId, "demoted", "viewer", endedAt + 1);
        given().auth().oauth2(before).when().get(readablePath()).then().statusCode(200);

        redis.value(String.class).setex(RevocationKeys.sessionsEnded(userId), 60, String.valueOf(endedAt));

        for (String voided : List.of(before, sameMillisecond)) {
            given().auth().oauth2(voided).when().get(readablePath())
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("code", equalTo("TOKEN_REVOKED"));
        }
        given().auth().oauth2(after).when().get(readablePath()).then().statusCode(200);
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        given().auth().oauth2(TestTokens.forAudience("admin", "some-other-system")).when().get(readablePath())
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void api_answers_carry_the_security_headers_success_or_failure() {
        securityHeaders(given().auth().oauth2(TestTokens.forRole("viewer")).when().get(readablePath()).then().statusCode(200))
                .header("Cache-Control", "no-store");
        securityHeaders(given().when().get(readablePath()).then().statusCode(401))
                .header("Cache-Control", "no-store");
        securityHeaders(given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/no-such-endpoint")
                .then().statusCode(404));
    }

    @Test
    void a_cross_origin_preflight_gets_no_cors_grant_by_default() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "DELETE")
                .when().options(readablePath())
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    private static ValidatableResponse securityHeaders(ValidatableResponse response) {
        return response.header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", containsString("default-src 'self'"));
    }
}
