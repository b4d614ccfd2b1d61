package io.dataops.gateway.rest;

import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.dataops.gateway.rest.GatewayApi.PASSWORD;
import static io.dataops.gateway.rest.GatewayApi.adminToken;
import static io.dataops.gateway.rest.GatewayApi.createUser;
import static io.dataops.gateway.rest.GatewayApi.freshName;
import static io.dataops.gateway.rest.GatewayApi.login;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class UserResourceTest {

    private static String body(String username, String email, String password, String role) {
        return "{\"username\":\"" + username + "\",\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"role\":\"" + role + "\"}";
    }

    private static long adminId(String admin) {
        return given().auth().oauth2(admin).when().get("/api/auth/me").then().statusCode(200)
                .extract().jsonPath().getLong("id");
    }

    @Test
    void an_admin_creates_reads_updates_and_deletes_a_user() {
        String admin = adminToken();
        String name = freshName("crud");
        long id = given().auth().oauth2(admin).contentType("application/json")
                .body(body(name, name + "@example.com", PASSWORD, "analyst"))
                .when().post("/api/users")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/users/"))
                .body("username", equalTo(name))
                .body("email", equalTo(name + "@example.com"))
                .body("role", equalTo("analyst"))
                .body("is_active", equalTo(true))
                .body("password", nullValue())
                .body("password_hash", nullValue())
                .extract().jsonPath().getLong("id");

        given().auth().oauth2(admin).when().get("/api/users/" + id)
                .then().statusCode(200).body("username", equalTo(name)).body("role", equalTo("analyst"));

        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"role\":\"viewer\",\"email\":\"" + name + "@example.org\"}")
                .when().put("/api/users/" + id)
                .then().statusCode(200).body("role", equalTo("viewer")).body("email", equalTo(name + "@example.org"));

        // the new password works, the old one no longer does
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"password\":\"another-long-secret-42\"}")
                .when().put("/api/users/" + id).then().statusCode(200);
        login(name, "another-long-secret-42");

        given().auth().oauth2(admin).when().delete("/api/users/" + id).then().statusCode(204);
        given().auth().oauth2(admin).when().get("/api/users/" + id)
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void an_underscore_in_a_search_matches_only_an_underscore() {
        String admin = adminToken();
        String tag = freshName("like");
        long underscore = createUser(admin, tag + "a_b", "viewer");
        createUser(admin, tag + "axb", "viewer");
        given().auth().oauth2(admin).queryParam("search", tag + "a_b").when().get("/api/users")
                .then().statusCode(200).body("items.id", contains((int) underscore));
        given().auth().oauth2(admin).queryParam("search", tag + "%b").when().get("/api/users")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void the_list_pages_and_filters_by_search_role_and_activity() {
        String admin = adminToken();
        String tag = freshName("list");
        long analyst = createUser(admin, tag + "-a", "analyst");
        long viewer = createUser(admin, tag + "-v", "viewer");
        given().auth().oauth2(admin).contentType("application/json").body("{\"is_active\":false}")
                .when().put("/api/users/" + viewer).then().statusCode(200);

        given().auth().oauth2(admin).queryParam("search", tag).when().get("/api/users")
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.username", containsInAnyOrder(tag + "-a", tag + "-v"));
        given().auth().oauth2(admin).queryParam("search", tag.toUpperCase() + "-A@EXAMPLE").when().get("/api/users")
                .then().statusCode(200).body("items.id", contains((int) analyst));
        given().auth().oauth2(admin).queryParam("search", tag).queryParam("role", "viewer").when().get("/api/users")
                .then().statusCode(200).body("items.id", contains((int) viewer));
        given().auth().oauth2(admin).queryParam("search", tag).queryParam("is_active", true).when().get("/api/users")
                .then().statusCode(200).body("items.id", contains((int) analyst));
        given().auth().oauth2(admin).queryParam("search", tag).queryParam("limit", 1).queryParam("page", 2)
                .when().get("/api/users")
                .then().statusCode(200).body("total", equalTo(2)).body("pages", equalTo(2)).body("page", equalTo(2))
                .body("items.id", contains((int) viewer));
        given().auth().oauth2(admin).queryParam("role", "superuser").when().get("/api/users")
                .then().statusCode(400).body("errors.field", hasItem("role"));
    }

    @Test
    void a_weak_password_an_unknown_role_and_a_bad_email_get_field_errors() {
        String admin = adminToken();
        String name = freshName("weak");
        given().auth().oauth2(admin).contentType("application/json")
                .body(body(name, name + "@example.com", "short1", "viewer"))
                .when().post("/api/users")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST"))
                .body("errors.field", contains("password"))
                .body("errors[0].message", equalTo("must be at least 12 characters long"));
        given().auth().oauth2(admin).contentType("application/json")
                .body(body(name, name + "@example.com", "xx-" + name + "-xx-long", "viewer"))
                .when().post("/api/users")
                .then().statusCode(400).body("errors.message", contains("must not contain the username"));
        given().auth().oauth2(admin).contentType("application/json")
                .body(body(name, "not-an-email", PASSWORD, "superuser"))
                .when().post("/api/users")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("email", "role"));
        given().auth().oauth2(admin).queryParam("search", name).when().get("/api/users")
                .then().statusCode(200).body("total", equalTo(0));

        long id = createUser(admin, name, "viewer");
        given().auth().oauth2(admin).contentType("application/json").body("{\"role\":\"root\",\"password\":\"tiny\"}")
                .when().put("/api/users/" + id)
                .then().statusCode(400).body("errors.field", containsInAnyOrder("role", "password"));
        given().auth().oauth2(admin).when().get("/api/users/" + id).then().body("role", equalTo("viewer"));
    }

    @Test
    void a_taken_username_or_email_is_a_conflict() {
        String admin = adminToken();
        String name = freshName("dup");
        createUser(admin, name, "viewer");
        given().auth().oauth2(admin).contentType("application/json")
                .body(body(name, "other-" + name + "@example.com", PASSWORD, "viewer"))
                .when().post("/api/users").then().statusCode(409).body("code", equalTo("CONFLICT"));
        given().auth().oauth2(admin).contentType("application/json")
                .body(body(name + "x", name.toUpperCase() + "@EXAMPLE.COM", PASSWORD, "viewer"))
                .when().post("/api/users").then().statusCode(409).body("code", equalTo("CONFLICT"));
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"email\":\"admin@example.com\"}")
                .when().put("/api/users/" + createUser(admin, name + "y", "viewer"))
                .then().statusCode(409).body("code", equalTo("CONFLICT"));
    }

    @Test
    void an_admin_cannot_demote_deactivate_or_delete_themselves() {
        String admin = adminToken();
        long self = adminId(admin);
        given().auth().oauth2(admin).contentType("application/json").body("{\"role\":\"viewer\"}")
                .when().put("/api/users/" + self).then().statusCode(409).body("code", equalTo("CONFLICT"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"is_active\":false}")
                .when().put("/api/users/" + self).then().statusCode(409).body("code", equalTo("CONFLICT"));
        given().auth().oauth2(admin).when().delete("/api/users/" + self)
                .then().statusCode(409).body("code", equalTo("CONFLICT"));
        given().auth().oauth2(admin).when().get("/api/users/" + self)
                .then().statusCode(200).body("role", equalTo("admin")).body("is_active", equalTo(true));
    }

    @Test
    void viewers_and_analysts_get_403_and_no_token_gets_401() {
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/users")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(TestTokens.forRole("analyst")).contentType("application/json")
                .body(body("sneaky-user", "sneaky@example.com", PASSWORD, "admin"))
                .when().post("/api/users").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        given().when().get("/api/users").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().when().delete("/api/users/1").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void deactivating_a_user_stops_their_token_at_once_here_and_at_the_proxy() {
        String admin = adminToken();
        String name = freshName("deact");
        long id = createUser(admin, name, "analyst");
        String token = login(name, PASSWORD).getString("access_token");
        given().auth().oauth2(token).when().get("/api/auth/me").then().statusCode(200);

        given().auth().oauth2(admin).contentType("application/json").body("{\"is_active\":false}")
                .when().put("/api/users/" + id).then().statusCode(200);

        given().auth().oauth2(token).when().get("/api/auth/me")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(token).when().get("/api/data/files")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}")
                .header("X-Forwarded-For", GatewayApi.freshIp())
                .when().post("/api/auth/login").then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));

        // reactivated, the user logs in again, but the token from before the deactivation stays dead (docs/adr/0015-session-ends-path-spelling-trusted-proxies.md)
        given().auth().oauth2(admin).contentType("application/json").body("{\"is_active\":true}")
                .when().put("/api/users/" + id).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/auth/me")
                .then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        given().auth().oauth2(token).when().get("/api/data/files")
                .then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        String fresh = login(name, PASSWORD).getString("access_token");
        given().auth().oauth2(fresh).when().get("/api/auth/me").then().statusCode(200);
        // forwarded now: the test routes point at a closed port, so the proxy answers 502
        given().auth().oauth2(fresh).when().get("/api/data/files").then().statusCode(502);
    }

    /** Issue 12: admin A demotes admin B; B's token from before still said admin and B promoted themselves back. */
    @Test
    void a_demoted_admin_cannot_use_an_older_token_to_promote_themselves_back() {
        String adminA = adminToken();
        String name = freshName("demoted");
        long b = createUser(adminA, name, "admin");
        String oldToken = login(name, PASSWORD).getString("access_token");
        given().auth().oauth2(oldToken).when().get("/api/users/" + b).then().statusCode(200);

        given().auth().oauth2(adminA).contentType("application/json").body("{\"role\":\"viewer\"}")
                .when().put("/api/users/" + b).then().statusCode(200).body("role", equalTo("viewer"));

        given().auth().oauth2(oldToken).contentType("application/json").body("{\"role\":\"admin\"}")
                .when().put("/api/users/" + b)
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("TOKEN_REVOKED"));
        given().auth().oauth2(oldToken).when().get("/api/data/files")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("TOKEN_REVOKED"));
        given().auth().oauth2(adminA).when().get("/api/users/" + b).then().statusCode(200).body("role", equalTo("viewer"));

        // a login right after the change (same second, most likely) works, with the new role
        String fresh = login(name, PASSWORD).getString("access_token");
        given().auth().oauth2(fresh).when().get("/api/auth/me").then().statusCode(200).body("role", equalTo("viewer"));
        given().auth().oauth2(fresh).contentType("application/json").body("{\"role\":\"admin\"}")
                .when().put("/api/users/" + b).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void a_password_change_ends_the_users_live_tokens_and_the_new_password_logs_in() {
        String admin = adminToken();
        String name = freshName("pwchange");
        long id = createUser(admin, name, "analyst");
        String oldToken = login(name, PASSWORD).getString("access_token");
        String newPassword = "another-correct-horse-staple";

        given().auth().oauth2(admin).contentType("application/json").body("{\"password\":\"" + newPassword + "\"}")
                .when().put("/api/users/" + id).then().statusCode(200);

        given().auth().oauth2(oldToken).when().get("/api/auth/me")
                .then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        given().auth().oauth2(oldToken).when().get("/api/jobs")
                .then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        String fresh = login(name, newPassword).getString("access_token");
        given().auth().oauth2(fresh).when().get("/api/auth/me").then().statusCode(200);
    }

    @Test
    void an_email_change_leaves_the_users_tokens_alone() {
        String admin = adminToken();
        String name = freshName("mailchange");
        long id = createUser(admin, name, "viewer");
        String token = login(name, PASSWORD).getString("access_token");
        given().auth().oauth2(admin).contentType("application/json").body("{\"email\":\"" + name + "@example.org\"}")
                .when().put("/api/users/" + id).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/auth/me").then().statusCode(200);
    }

    @Test
    void a_deleted_users_token_stops_at_the_proxy() {
        String admin = adminToken();
        String name = freshName("del");
        long id = createUser(admin, name, "viewer");
        String token = login(name, PASSWORD).getString("access_token");
        given().auth().oauth2(admin).when().delete("/api/users/" + id).then().statusCode(204);
        given().auth().oauth2(token).when().get("/api/jobs")
                .then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(admin).queryParam("search", name).when().get("/api/users")
                .then().statusCode(200).body("total", equalTo(0));
    }
}
