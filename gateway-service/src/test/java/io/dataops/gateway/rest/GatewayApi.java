package io.dataops.gateway.rest;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/**
 * Requests the gateway tests share. Every login comes from its own X-Forwarded-For address, so the per-IP login
 * limit of one test never reaches another.
 */
final class GatewayApi {
    static final String ADMIN_PASSWORD = "test-root-password-7";
    static final String PASSWORD = "correct-horse-battery-staple";

    static String freshIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    static String freshName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification from(String ip) {
        return given().header("X-Forwarded-For", ip + ", 192.0.2.1").header("User-Agent", "gateway-test/1.0");
    }

    static JsonPath login(String username, String password) {
        return from(freshIp()).contentType("application/json")
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .when().post("/api/auth/login")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    private static String adminToken;

    /** One admin login for the whole run: admin logins and requests count against the admin's own limits. */
    static synchronized String adminToken() {
        if (adminToken == null) {
            adminToken = login("admin", ADMIN_PASSWORD).getString("access_token");
        }
        return adminToken;
    }

    /** Creates a user through the API and answers its id. */
    static long createUser(String adminToken, String username, String role) {
        return from(freshIp()).auth().oauth2(adminToken).contentType("application/json")
                .body("{\"username\":\"" + username + "\",\"email\":\"" + username + "@example.com\",\"password\":\""
                        + PASSWORD + "\",\"role\":\"" + role + "\"}")
                .when().post("/api/users")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private GatewayApi() {
    }
}
