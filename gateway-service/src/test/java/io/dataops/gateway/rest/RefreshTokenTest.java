package io.dataops.gateway.rest;

import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

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
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class RefreshTokenTest {

    private static io.restassured.response.ValidatableResponse refresh(String refreshToken) {
        return from(freshIp()).contentType("application/json")
                .body("{\"refresh_token\":\"" + refreshToken + "\"}")
                .when().post("/api/auth/refresh").then();
    }

    @Test
    void login_hands_out_a_refresh_token_valid_for_seven_days() {
        String user = freshName("fresh");
        createUser(adminToken(), user, "viewer");
        JsonPath session = login(user, PASSWORD);
        assertThat(session.getString("refresh_token")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(session.getLong("refresh_expires_in")).isEqualTo(7 * 24 * 3600L);
    }

    @Test
    void a_refresh_token_buys_a_new_pair_once_and_the_new_access_token_works() {
        String user = freshName("rotate");
        createUser(adminToken(), user, "analyst");
        JsonPath first = login(user, PASSWORD);

        JsonPath second = refresh(first.getString("refresh_token")).statusCode(200)
                .body("token_type", equalTo("bearer"))
                .body("user.username", equalTo(user))
                .body("refresh_token", not(equalTo(first.getString("refresh_token"))))
                .extract().jsonPath();
        given().auth().oauth2(second.getString("access_token")).when().get("/api/auth/me")
                .then().statusCode(200).body("username", equalTo(user)).body("role", equalTo("analyst"));

        JsonPath third = refresh(second.getString("refresh_token")).statusCode(200).extract().jsonPath();
        assertThat(third.getString("access_token")).isNotEqualTo(second.getString("access_token"));
    }

    @Test
    void a_spent_refresh_token_coming_back_revokes_its_whole_family() {
        String user = freshName("reuse");
        createUser(adminToken(), user, "viewer");
        String original = login(user, PASSWORD).getString("refresh_token");
        JsonPath rotatedPair = refresh(original).statusCode(200).extract().jsonPath();
        String rotated = rotatedPair.getString("refresh_token");
        String liveAccess = rotatedPair.getString("access_token");
        given().auth().oauth2(liveAccess).when().get("/api/auth/me").then().statusCode(200);

        refresh(original).statusCode(401).contentType("application/problem+json").body("code", equalTo("TOKEN_REVOKED"));
        // the thief's replay also ends the legitimate client's newer token of the same login
        refresh(rotated).statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        // and every access token of the user alive before the reuse: either party may hold one (docs/adr/0015-session-ends-path-spelling-trusted-proxies.md)
        given().auth().oauth2(liveAccess).when().get("/api/auth/me")
                .then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        given().auth().oauth2(liveAccess).when().get("/api/data/files")
                .then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));

        // another login of the same user is a family of its own and unaffected
        String other = login(user, PASSWORD).getString("refresh_token");
        refresh(other).statusCode(200);
    }

    @Test
    void an_unknown_or_missing_refresh_token_is_refused() {
        refresh("not-a-token-we-issued").statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().contentType("application/json").body("{}").when().post("/api/auth/refresh")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void logout_with_the_refresh_token_ends_the_login_behind_it() {
        String user = freshName("logout");
        createUser(adminToken(), user, "viewer");
        JsonPath session = login(user, PASSWORD);

        given().auth().oauth2(session.getString("access_token")).contentType("application/json")
                .body("{\"refresh_token\":\"" + session.getString("refresh_token") + "\"}")
                .when().post("/api/auth/logout").then().statusCode(204);

        refresh(session.getString("refresh_token")).statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
    }

    @Test
    void a_deactivated_user_cannot_refresh() {
        String admin = adminToken();
        String user = freshName("gone");
        long id = createUser(admin, user, "viewer");
        String refreshToken = login(user, PASSWORD).getString("refresh_token");

        given().auth().oauth2(admin).contentType("application/json").body("{\"is_active\":false}")
                .when().put("/api/users/" + id).then().statusCode(200).body("is_active", equalTo(false));

        // deactivation revokes every refresh token of the user
        refresh(refreshToken).statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
    }
}
