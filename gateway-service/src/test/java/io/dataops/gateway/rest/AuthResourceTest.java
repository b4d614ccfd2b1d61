package io.dataops.gateway.rest;

import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class AuthResourceTest {

    private static String login() {
        return given().contentType("application/json")
                .body("{\"username\":\"admin\",\"password\":\"test-root-password-7\"}")
                .when().post("/api/auth/login")
                .then().statusCode(200)
                .extract().jsonPath().getString("access_token");
    }

    @Test
    void login_answers_the_spec_shape_with_an_rs256_token_carrying_role_and_permissions() {
        String token = given().contentType("application/json")
                .body("{\"username\":\"admin\",\"password\":\"test-root-password-7\"}")
                .when().post("/api/auth/login")
                .then().statusCode(200)
                .body("token_type", equalTo("bearer"))
                .body("expires_in", equalTo(900))
                .body("user.username", equalTo("admin"))
                .body("user.email", equalTo("admin@example.com"))
                .body("user.role", equalTo("admin"))
                .extract().jsonPath().getString("access_token");
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        org.assertj.core.api.Assertions.assertThat(header).contains("\"alg\":\"RS256\"");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        org.assertj.core.api.Assertions.assertThat(claims).contains("\"admin\"", "\"files:process\"", "\"users:manage\"");
    }

    @Test
    void a_wrong_password_and_an_unknown_user_get_the_same_401() {
        given().contentType("application/json").body("{\"username\":\"admin\",\"password\":\"nope\"}")
                .when().post("/api/auth/login")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("INVALID_CREDENTIALS"));
        given().contentType("application/json").body("{\"username\":\"ghost\",\"password\":\"nope\"}")
                .when().post("/api/auth/login")
                .then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        given().contentType("application/json").body("{\"username\":\"admin\"}")
                .when().post("/api/auth/login")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void me_answers_the_current_user() {
        given().auth().oauth2(login()).when().get("/api/auth/me")
                .then().statusCode(200).body("username", equalTo("admin")).body("role", equalTo("admin"));
    }

    @Test
    void after_logout_the_token_is_refused_here_and_at_the_proxy() {
        String token = login();
        given().auth().oauth2(token).when().post("/api/auth/logout").then().statusCode(204);

        given().auth().oauth2(token).when().get("/api/auth/me")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("TOKEN_REVOKED"));
        given().auth().oauth2(token).when().get("/api/data/files")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("TOKEN_REVOKED"));
    }

    @Test
    void the_proxy_refuses_a_missing_or_foreign_token_before_forwarding() {
        given().when().get("/api/data/files")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestTokens.signedByStranger("admin")).when().get("/api/jobs")
                .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().when().get("/api/auth/me").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }
}
