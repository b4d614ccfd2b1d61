package io.dataops.system;

import io.dataops.model.security.Roles;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * One real login per role on the running platform (admin from configuration, an analyst and a viewer created through
 * /api/users), shared by the security suites. Further access tokens come from the refresh endpoint, so tokens that a
 * test spends (logout) never cost a login and the login rate limits stay out of the way.
 */
final class RoleSessions {
    private static RoleSessions shared;
    static final String USER_PASSWORD = "Sec-suite-password-42";

    private final String gateway = "http://localhost:" + PlatformProcesses.port(8080);
    private final Map<String, String> accessTokens = new HashMap<>();
    private final Map<String, String> refreshTokens = new HashMap<>();
    private final Map<String, Long> userIds = new HashMap<>();

    static synchronized RoleSessions shared() {
        if (shared == null) {
            PlatformProcesses.shared();
            RoleSessions sessions = new RoleSessions();
            sessions.login(Roles.ADMIN, "admin", PlatformProcesses.ADMIN_PASSWORD);
            for (String role : new String[]{Roles.ANALYST, Roles.VIEWER}) {
                String username = "suite-" + role;
                sessions.ensureUser(username, role);
                sessions.login(role, username, USER_PASSWORD);
            }
            shared = sessions;
        }
        return shared;
    }

    String gateway() {
        return gateway;
    }

    /** The role's current access token (from its login or the last refresh). */
    synchronized String token(String role) {
        return accessTokens.get(role);
    }

    /** A new access token of the role, through the rotating refresh token: for requests that spend their token. */
    synchronized String freshToken(String role) {
        JsonPath refreshed = given().baseUri(gateway).contentType("application/json")
                .body(Map.of("refresh_token", refreshTokens.get(role)))
                .when().post("/api/auth/refresh").then().statusCode(200).extract().jsonPath();
        refreshTokens.put(role, refreshed.getString("refresh_token"));
        return refreshed.getString("access_token");
    }

    long userId(String role) {
        return userIds.get(role);
    }

    private void ensureUser(String username, String role) {
        String admin = accessTokens.get(Roles.ADMIN);
        Response created = given().baseUri(gateway).auth().oauth2(admin).contentType("application/json")
                .body(Map.of("username", username, "email", username + "@example.com", "password", USER_PASSWORD,
                        "role", role))
                .when().post("/api/users");
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new IllegalStateException("Cannot create " + username + ": " + created.statusCode() + " " + created.asString());
        }
    }

    private void login(String role, String username, String password) {
        // the stack trusts no proxy (a client cannot pick its address), so these sign-ins all come from 127.0.0.1:
        // PlatformProcesses raises the login limits, which HostileInputIT and the gateway's own tests prove
        JsonPath session = given().baseUri(gateway).contentType("application/json")
                .body(Map.of("username", username, "password", password))
                .when().post("/api/auth/login").then().statusCode(200).extract().jsonPath();
        accessTokens.put(role, session.getString("access_token"));
        refreshTokens.put(role, session.getString("refresh_token"));
        userIds.put(role, session.getLong("user.id"));
    }
}
