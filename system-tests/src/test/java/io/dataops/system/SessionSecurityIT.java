package io.dataops.system;

import io.dataops.model.security.Roles;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 against the running stack: the confirmed holes (path spelling after logout, a demoted admin's older
 * token) through the gateway and at a service directly, and the owner-only var directory of ./dataops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionSecurityIT {
    private static final int GATEWAY = 8080;
    private static final int LOADER = 8083;
    private static final String PASSWORD = "session-security-password-1";
    private PlatformProcesses platform;
    private RoleSessions sessions;

    @BeforeAll
    void start() {
        platform = PlatformProcesses.shared();
        sessions = RoleSessions.shared();
    }

    @Test
    void after_logout_no_spelling_of_the_path_gets_the_token_through_gateway_or_service() throws IOException {
        String token = sessions.freshToken(Roles.VIEWER);
        given().baseUri(sessions.gateway()).auth().oauth2(token).when().post("/api/auth/logout").then().statusCode(204);
        for (int base : List.of(GATEWAY, LOADER)) {
            for (String spelling : List.of("//api/data/customers", "/./api/data/customers", "/%61pi/data/customers")) {
                String answer = rawGet(PlatformProcesses.port(base), spelling, token);
                assertThat(answer).as(base + spelling).startsWith("HTTP/1.1 400").contains("PATH_NOT_CANONICAL");
            }
            assertThat(rawGet(PlatformProcesses.port(base), "/api/data/customers", token)).as(base + " canonical")
                    .startsWith("HTTP/1.1 401").contains("TOKEN_REVOKED");
        }
    }

    @Test
    void a_demoted_admin_cannot_promote_themselves_back_with_an_older_token() {
        String name = "demoted-" + UUID.randomUUID().toString().substring(0, 8);
        long id = given().baseUri(sessions.gateway()).auth().oauth2(sessions.token(Roles.ADMIN)).contentType("application/json")
                .body(Map.of("username", name, "email", name + "@example.com", "password", PASSWORD, "role", "admin"))
                .when().post("/api/users").then().statusCode(201).extract().jsonPath().getLong("id");
        String older = login(name);

        given().baseUri(sessions.gateway()).auth().oauth2(sessions.token(Roles.ADMIN)).contentType("application/json")
                .body(Map.of("role", "viewer")).when().put("/api/users/" + id).then().statusCode(200);

        given().baseUri(sessions.gateway()).auth().oauth2(older).contentType("application/json")
                .body(Map.of("role", "admin")).when().put("/api/users/" + id)
                .then().statusCode(401).contentType("application/problem+json").body("code", org.hamcrest.Matchers.equalTo("TOKEN_REVOKED"));
        given().baseUri("http://localhost:" + PlatformProcesses.port(LOADER)).auth().oauth2(older)
                .when().get("/api/data/customers")
                .then().statusCode(401).body("code", org.hamcrest.Matchers.equalTo("TOKEN_REVOKED"));
        JsonPath user = given().baseUri(sessions.gateway()).auth().oauth2(sessions.token(Roles.ADMIN))
                .when().get("/api/users/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(user.getString("role")).isEqualTo("viewer");
        given().baseUri(sessions.gateway()).auth().oauth2(login(name)).when().get("/api/auth/me")
                .then().statusCode(200).body("role", org.hamcrest.Matchers.equalTo("viewer"));
    }

    @Test
    void dataops_keeps_its_var_directory_to_its_owner() throws IOException {
        Path var = platform.workDir();
        Set<PosixFilePermission> ownerOnlyDir = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        for (Path dir : List.of(var, var.resolve("keys"), var.resolve("data"), var.resolve("log"))) {
            assertThat(Files.getPosixFilePermissions(dir)).as(dir.toString()).isEqualTo(ownerOnlyDir);
        }
        assertThat(Files.getPosixFilePermissions(var.resolve("keys").resolve("jwt-private.pem")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        try (var logs = Files.list(var.resolve("log"))) {
            for (Path log : logs.toList()) {
                assertThat(Files.getPosixFilePermissions(log)).as(log.toString())
                        .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
            }
        }
    }

    private String login(String username) {
        return given().baseUri(sessions.gateway()).contentType("application/json")
                .body(Map.of("username", username, "password", PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    /** A plain socket: HTTP clients may normalise {@code //api} or {@code /./api} before sending. */
    private static String rawGet(int port, String target, String token) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
