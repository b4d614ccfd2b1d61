package io.dataops.system;

import io.dataops.model.security.Permissions;
import io.dataops.model.security.Roles;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Issue 5's hostile suite against the running platform: forged and spent tokens, role escalation, SQL in query
 * parameters, hostile file names, oversized and malformed requests, CORS and security headers. Every attack must get
 * the right 4xx as problem+json with no internals in the body, and the tables must read the same afterwards.
 * docs/security.md lists each attack and its answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
    private static final Map<String, Integer> SERVICES = new LinkedHashMap<>();
    /** A cheap authenticated GET per service, each needing a permission every role has. */
    private static final Map<String, String> PROBES = new LinkedHashMap<>();
    private static final AtomicInteger CLIENT = new AtomicInteger();

    static {
        SERVICES.put("gateway", 8080);
        SERVICES.put("ingest", 8081);
        SERVICES.put("validation", 8082);
        SERVICES.put("loader", 8083);
        SERVICES.put("job", 8084);
        SERVICES.put("report", 8085);
        PROBES.put("gateway", "/api/auth/me");
        PROBES.put("ingest", "/api/data/files");
        PROBES.put("validation", "/api/data/errors");
        PROBES.put("loader", "/api/data/customers");
        PROBES.put("job", "/api/jobs");
        PROBES.put("report", "/api/dashboard/stats");
    }

    private PlatformProcesses platform;
    private RoleSessions sessions;
    private JwtForge forge;
    private long fileId;
    private Map<String, Object> snapshot;
    private Instant attacksStart;
    private static final List<String> SESSION_ACTIONS = List.of("LOGIN", "LOGIN_FAILED", "LOGOUT", "TOKEN_REFRESH",
            "REFRESH_TOKEN_REUSED");

    @BeforeAll
    void prepare() throws IOException {
        platform = PlatformProcesses.shared();
        sessions = RoleSessions.shared();
        forge = new JwtForge(platform.workDir().resolve("keys")).keyIdOf(sessions.token(Roles.ADMIN));
        Path csv = Files.createTempFile("hostile", ".csv");
        Files.writeString(csv, "customer_code,name,email\nH1,Target,t@example.com\n");
        long uploadsAudited = audited("FILE_UPLOAD");
        fileId = given().baseUri(sessions.gateway()).auth().oauth2(sessions.token(Roles.ADMIN))
                .multiPart("file", csv.toFile(), "text/csv").when().post("/api/data/upload")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        // services audit through Kafka: wait for this upload's row, so it cannot land among the attacks' rows
        await().atMost(Duration.ofSeconds(60)).until(() -> audited("FILE_UPLOAD") > uploadsAudited);
        attacksStart = Instant.now();
        snapshot = tables();
    }

    private long audited(String action) {
        return at("gateway").auth().oauth2(sessions.token(Roles.ADMIN)).queryParam("action", action).get("/api/audit")
                .then().statusCode(200).extract().jsonPath().getLong("total");
    }

    /** Audit rows written since the attacks began, other than the sign-ins, sign-outs and refreshes they did. */
    private List<Object> auditedChangesSinceAttacksBegan() {
        List<Map<String, Object>> rows = at("gateway").auth().oauth2(sessions.token(Roles.ADMIN))
                .queryParam("from", attacksStart.toString()).queryParam("limit", 500).get("/api/audit")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return rows.stream().filter(row -> !SESSION_ACTIONS.contains(String.valueOf(row.get("action"))))
                .map(row -> (Object) row).toList();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tokens
    // ---------------------------------------------------------------------------------------------------------

    /** Where a token is checked: through the gateway (own endpoint and proxied) and at each service directly. */
    private static List<Map.Entry<String, String>> targets() {
        List<Map.Entry<String, String>> targets = new ArrayList<>();
        targets.add(Map.entry("gateway " + PROBES.get("gateway"), "gateway"));
        targets.add(Map.entry("gateway -> ingest " + PROBES.get("ingest"), "gateway"));
        SERVICES.keySet().stream().filter(s -> !s.equals("gateway"))
                .forEach(s -> targets.add(Map.entry(s + " direct " + PROBES.get(s), s)));
        return targets;
    }

    private static String probePath(String targetName) {
        return targetName.contains("-> ingest") ? PROBES.get("ingest") : PROBES.get(targetName.split(" ")[0]);
    }

    private Map<String, Object> claims(String role) {
        return new LinkedHashMap<>(JwtForge.claimsOf(sessions.token(role)));
    }

    private Map<String, Object> claims(String role, Map<String, Object> changes) {
        Map<String, Object> claims = claims(role);
        claims.putAll(changes);
        return claims;
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> a_genuine_token_re_signed_by_the_platform_key_is_accepted_everywhere() {
        // the control: without it every refusal below could come from a broken forge instead of a working check
        String token = forge.platformSigned(claims(Roles.ANALYST));
        return targets().stream().map(t -> dynamicTest(t.getKey(), () ->
                assertThat(get(t.getValue(), probePath(t.getKey()), token).statusCode()).isEqualTo(200)));
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> forged_tokens_are_refused_with_401_everywhere() {
        Map<String, Function<JwtForge, String>> attacks = new LinkedHashMap<>();
        attacks.put("alg=none", f -> f.unsigned(claims(Roles.ADMIN)));
        attacks.put("HS256 signed with the public key", f -> f.hs256WithPublicKey(claims(Roles.ADMIN)));
        attacks.put("signed by another RSA key", f -> f.strangerSigned(claims(Roles.ADMIN)));
        attacks.put("expired", f -> f.platformSigned(claims(Roles.ANALYST,
                Map.of("iat", now() - 3600, "exp", now() - 600))));
        attacks.put("not yet valid (nbf in the future)", f -> f.platformSigned(claims(Roles.ANALYST,
                Map.of("nbf", now() + 3600))));
        attacks.put("issued in the future (iat and nbf)", f -> f.platformSigned(claims(Roles.ANALYST,
                Map.of("iat", now() + 3600, "nbf", now() + 3600, "exp", now() + 7200))));
        attacks.put("wrong issuer", f -> f.platformSigned(claims(Roles.ANALYST,
                Map.of("iss", "https://evil.example/gateway"))));
        attacks.put("wrong audience", f -> f.platformSigned(claims(Roles.ANALYST,
                Map.of("aud", "https://evil.example/api"))));
        attacks.put("tampered payload (viewer made admin, signature kept)", f -> {
            String viewer = sessions.token(Roles.VIEWER);
            return JwtForge.withPayload(viewer, claims(Roles.VIEWER, Map.of("role", Roles.ADMIN,
                    "groups", new ArrayList<>(Permissions.groupsFor(Roles.ADMIN)))));
        });
        attacks.put("not a JWT", f -> "not.a.jwt");
        List<DynamicTest> tests = new ArrayList<>();
        attacks.forEach((attack, make) -> {
            String token = make.apply(forge);
            for (Map.Entry<String, String> target : targets()) {
                tests.add(dynamicTest(attack + " at " + target.getKey(), () -> {
                    Response answer = get(target.getValue(), probePath(target.getKey()), token);
                    assertProblem(answer, 401, "UNAUTHORIZED");
                }));
            }
        });
        return tests.stream();
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> a_token_logged_out_is_refused_as_revoked_everywhere() {
        String token = sessions.freshToken(Roles.ANALYST);
        given().baseUri(sessions.gateway()).auth().oauth2(token).when().post("/api/auth/logout")
                .then().statusCode(204);
        return targets().stream().map(t -> dynamicTest(t.getKey(), () ->
                assertProblem(get(t.getValue(), probePath(t.getKey()), token), 401, "TOKEN_REVOKED")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Role escalation
    // ---------------------------------------------------------------------------------------------------------

    @Test
    @Order(10)
    void an_analyst_cannot_make_themselves_admin_nor_create_an_admin() {
        String analyst = sessions.token(Roles.ANALYST);
        long self = sessions.userId(Roles.ANALYST);
        assertProblem(at("gateway").auth().oauth2(analyst).contentType("application/json")
                .body(Map.of("role", Roles.ADMIN)).when().put("/api/users/" + self), 403, "FORBIDDEN");
        assertProblem(at("gateway").auth().oauth2(analyst).contentType("application/json")
                .body(Map.of("username", "mallory", "email", "m@example.com", "password", "Mallory-password-1",
                        "role", Roles.ADMIN)).when().post("/api/users"), 403, "FORBIDDEN");
        assertProblem(at("gateway").auth().oauth2(analyst).when().delete("/api/users/" + sessions.userId(Roles.VIEWER)),
                403, "FORBIDDEN");
        assertProblem(at("gateway").auth().oauth2(analyst).when().get("/api/audit"), 403, "FORBIDDEN");
        at("gateway").auth().oauth2(sessions.token(Roles.ADMIN)).when().get("/api/users/" + self)
                .then().statusCode(200).body("role", org.hamcrest.Matchers.equalTo(Roles.ANALYST));
    }

    @Test
    @Order(11)
    void a_viewer_cannot_delete_or_process_a_file_nor_start_a_job() {
        String viewer = sessions.token(Roles.VIEWER);
        for (String service : List.of("gateway", "ingest")) {
            assertProblem(at(service).auth().oauth2(viewer).when().delete("/api/data/files/" + fileId), 403, "FORBIDDEN");
            assertProblem(at(service).auth().oauth2(viewer).contentType("application/json")
                    .body("{\"target_table\": \"customers\"}").when().post("/api/data/files/" + fileId + "/process"),
                    403, "FORBIDDEN");
        }
        assertProblem(at("job").auth().oauth2(viewer).contentType("application/json")
                .body("{\"job_name\": \"x\", \"job_type\": \"file_processing\"}").when().post("/api/jobs"), 403, "FORBIDDEN");
        at("gateway").auth().oauth2(sessions.token(Roles.ADMIN)).when().get("/api/data/files/" + fileId)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("uploaded"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // SQL in query parameters
    // ---------------------------------------------------------------------------------------------------------

    private static final List<String> SORT_INJECTIONS = List.of("name;DROP TABLE users", "name desc, (select 1)",
            "id) union select password_hash from users--", "-id; delete from customers", "1 or 1=1");
    private static final List<String> TEXT_INJECTIONS = List.of("' OR '1'='1", "x' UNION SELECT password_hash FROM users --",
            "'; DROP TABLE data_files; --");

    @TestFactory
    @Order(20)
    Stream<DynamicTest> sql_in_a_sort_parameter_is_a_400_naming_the_sort_field() {
        List<String> lists = List.of("/api/data/files", "/api/jobs", "/api/data/customers", "/api/data/errors");
        List<DynamicTest> tests = new ArrayList<>();
        for (String path : lists) {
            for (String sort : SORT_INJECTIONS) {
                tests.add(dynamicTest(path + "?sort=" + sort, () -> {
                    Response answer = at("gateway").auth().oauth2(sessions.token(Roles.ADMIN)).queryParam("sort", sort)
                            .when().get(path);
                    assertProblem(answer, 400, "INVALID_REQUEST");
                    assertThat(answer.jsonPath().getList("errors.field", String.class)).containsExactly("sort");
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    @Order(21)
    Stream<DynamicTest> sql_in_search_and_filter_parameters_matches_nothing_or_is_a_400() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("/api/data/files", List.of("search", "status", "file_type"));
        parameters.put("/api/data/customers", List.of("search", "country", "segment"));
        parameters.put("/api/jobs", List.of("status", "job_type"));
        parameters.put("/api/data/errors", List.of("error_type", "field"));
        parameters.put("/api/users", List.of("search", "role"));
        parameters.put("/api/audit", List.of("action", "resource_type"));
        List<DynamicTest> tests = new ArrayList<>();
        parameters.forEach((path, names) -> names.forEach(name -> TEXT_INJECTIONS.forEach(value ->
                tests.add(dynamicTest(path + "?" + name + "=" + value, () -> {
                    Response answer = at("gateway").auth().oauth2(sessions.token(Roles.ADMIN)).queryParam(name, value)
                            .when().get(path);
                    assertNoInternals(answer);
                    if (answer.statusCode() == 200) {
                        // taken as a literal value: it matches no row, so the injection widened nothing
                        assertThat(answer.jsonPath().getLong("total")).as(answer.asString()).isZero();
                    } else {
                        assertProblem(answer, 400, "INVALID_REQUEST");
                    }
                })))));
        return tests.stream();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Oversized and malformed requests
    // ---------------------------------------------------------------------------------------------------------

    @Test
    @Order(30)
    void an_upload_above_the_configured_maximum_is_413_file_too_large_and_stores_nothing() throws IOException {
        Path big = Files.createTempFile("too-large", ".csv");
        try {
            byte[] line = "customer_code,name,email\n".repeat(40).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = Files.newOutputStream(big)) {
                for (long written = 0; written <= PlatformProcesses.MAX_FILE_SIZE; written += line.length) {
                    out.write(line);
                }
            }
            Response answer = at("gateway").auth().oauth2(sessions.token(Roles.ANALYST))
                    .multiPart("file", big.toFile(), "text/csv").when().post("/api/data/upload");
            assertProblem(answer, 413, "FILE_TOO_LARGE");
        } finally {
            Files.deleteIfExists(big);
        }
    }

    @Test
    @Order(31)
    void a_login_with_a_three_megabyte_password_is_refused_without_a_server_error() {
        String body = "{\"username\": \"nobody\", \"password\": \"" + "a".repeat(3_000_000) + "\"}";
        Response answer = login(body, "application/json");
        assertThat(answer.statusCode()).as(answer.asString()).isIn(400, 401, 413);
        assertProblem(answer, answer.statusCode(), null);
    }

    @TestFactory
    @Order(32)
    Stream<DynamicTest> headers_larger_than_the_server_reads_are_refused_by_every_service() {
        String huge = "a".repeat(40_000);
        return SERVICES.entrySet().stream().map(s -> dynamicTest(s.getKey(), () -> {
            String answer = statusLineOfOversizedRequest(PlatformProcesses.port(s.getValue()), PROBES.get(s.getKey()),
                    sessions.token(Roles.ADMIN), huge);
            assertThat(answer).matches("HTTP/1\\.[01] (431|400) .*|closed without an answer");
        }));
    }

    /**
     * On a raw socket: Vert.x answers 431 and closes while a fast client may still be writing the header, so the write
     * can fail with a broken pipe (an HTTP client then reports an error, not the 431). Either way the request was not
     * served; a 2xx status line would fail the assertion.
     */
    private static String statusLineOfOversizedRequest(int port, String path, String token, String padding) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nX-Padding: " + padding + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException refusedWhileWriting) {
                // the server stopped reading: what it sent before closing, if anything, is read below
            }
            try {
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                return line == null ? "closed without an answer" : line;
            } catch (java.net.SocketException reset) {
                return "closed without an answer";
            }
        }
    }

    @TestFactory
    @Order(33)
    Stream<DynamicTest> malformed_json_bodies_are_400_invalid_request() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, String> loginBodies = Map.of("truncated", "{\"username\":", "not JSON", "username=admin",
                "wrong types", "{\"username\": [\"admin\"], \"password\": 1}", "an array", "[]");
        loginBodies.forEach((what, body) -> tests.add(dynamicTest("login: " + what, () ->
                assertProblem(login(body, "application/json"), 400, "INVALID_REQUEST"))));
        tests.add(dynamicTest("login: form-encoded instead of JSON is 415", () ->
                assertProblem(login("username=admin&password=x", "application/x-www-form-urlencoded"), 415,
                        "UNSUPPORTED_FORMAT")));
        String admin = sessions.token(Roles.ADMIN);
        Map<String, String[]> writes = new LinkedHashMap<>();
        writes.put("create user: truncated", new String[]{"POST", "/api/users", "{\"username\": \"x\", "});
        writes.put("create user: wrong types", new String[]{"POST", "/api/users", "{\"username\": {\"a\": 1}, \"role\": []}"});
        writes.put("update user: truncated", new String[]{"PUT", "/api/users/" + sessions.userId(Roles.VIEWER), "{\"role\":"});
        writes.put("update user: is_active not a boolean", new String[]{"PUT", "/api/users/" + sessions.userId(Roles.VIEWER),
                "{\"is_active\": \"maybe\"}"});
        writes.put("process: truncated", new String[]{"POST", "/api/data/files/" + fileId + "/process", "{\"target_table\": "});
        writes.put("process: rules not an object", new String[]{"POST", "/api/data/files/" + fileId + "/process",
                "{\"target_table\": \"customers\", \"validation_rules\": 7}"});
        writes.put("create job: an array", new String[]{"POST", "/api/jobs", "[1, 2]"});
        writes.forEach((what, call) -> tests.add(dynamicTest(what, () -> assertProblem(at("gateway").auth().oauth2(admin)
                .contentType("application/json").body(call[2]).when().request(call[0], call[1]), 400, "INVALID_REQUEST"))));
        // docs/errors.md, "What errors holds": the field by its JSON path and what it must be
        tests.add(dynamicTest("process: a rule list given as true names the field and that it must be an array", () -> {
            Response answer = at("gateway").auth().oauth2(admin).contentType("application/json")
                    .body("{\"target_table\": \"customers\", \"validation_rules\": {\"email_format\": true}}")
                    .when().post("/api/data/files/" + fileId + "/process");
            assertProblem(answer, 400, "INVALID_REQUEST");
            assertThat(answer.jsonPath().getList("errors.field", String.class))
                    .containsExactly("validation_rules.email_format");
            assertThat(answer.jsonPath().getList("errors.message", String.class)).containsExactly("must be an array");
        }));
        return tests.stream();
    }

    // ---------------------------------------------------------------------------------------------------------
    // CORS and security headers
    // ---------------------------------------------------------------------------------------------------------

    @TestFactory
    @Order(40)
    Stream<DynamicTest> a_foreign_origin_gets_no_cors_grant_from_any_service() {
        return SERVICES.keySet().stream().map(service -> dynamicTest(service, () -> {
            Response preflight = at(service).header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization").when().options(PROBES.get(service));
            assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
            assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
            Response simple = at(service).header("Origin", "https://evil.example").auth()
                    .oauth2(sessions.token(Roles.ADMIN)).when().get(PROBES.get(service));
            assertThat(simple.header("Access-Control-Allow-Origin")).isNull();
        }));
    }

    @TestFactory
    @Order(41)
    Stream<DynamicTest> every_answer_carries_the_security_headers() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String service : SERVICES.keySet()) {
            tests.add(dynamicTest(service + ": 200", () -> assertSecurityHeaders(
                    at(service).auth().oauth2(sessions.token(Roles.ADMIN)).when().get(PROBES.get(service)))));
            tests.add(dynamicTest(service + ": 401", () -> assertSecurityHeaders(at(service).when().get(PROBES.get(service)))));
            tests.add(dynamicTest(service + ": 404", () -> assertSecurityHeaders(
                    at(service).auth().oauth2(sessions.token(Roles.ADMIN)).when().get("/api/no-such-thing"))));
        }
        return tests.stream();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Management endpoints: on the management port only, on loopback (docs/adr/0023)
    // ---------------------------------------------------------------------------------------------------------

    @TestFactory
    @Order(42)
    Stream<DynamicTest> health_metrics_and_api_docs_are_served_only_on_each_services_loopback_management_port() {
        List<String> managementPaths = List.of("/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/health/ready");
        List<DynamicTest> tests = new ArrayList<>();
        for (String service : SERVICES.keySet()) {
            tests.add(dynamicTest(service + ": not on the public port, with or without a token", () -> {
                for (String path : managementPaths) {
                    for (Response answer : List.of(at(service).when().get(path),
                            at(service).auth().oauth2(sessions.token(Roles.ADMIN)).when().get(path))) {
                        assertThat(answer.statusCode()).as(path).isEqualTo(404);
                        assertThat(answer.asString()).as(path).doesNotContain("# TYPE", "\"openapi\"", "openapi:",
                                "swagger", "\"checks\"");
                    }
                }
            }));
            int managementPort = PlatformProcesses.port(SERVICES.get(service) + 1000);
            tests.add(dynamicTest(service + ": on the management port, on loopback only", () -> {
                RequestSpecification management = given().baseUri("http://127.0.0.1:" + managementPort);
                assertThat(management.when().get("/q/health/ready").then().statusCode(200).extract().asString())
                        .contains("\"status\": \"UP\"");
                assertThat(management.when().get("/q/metrics").then().statusCode(200).extract().asString())
                        .contains("# TYPE jvm_memory_used_bytes gauge");
                for (InetAddress address : nonLoopbackAddressesOfThisMachine()) {
                    assertThat(acceptsConnections(address, managementPort)).as("%s:%d", address, managementPort).isFalse();
                }
            }));
        }
        return tests.stream();
    }

    private static List<InetAddress> nonLoopbackAddressesOfThisMachine() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address)
                        .forEach(addresses::add);
            }
        }
        return addresses;
    }

    private static boolean acceptsConnections(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static void assertSecurityHeaders(Response answer) {
        assertThat(answer.header("X-Content-Type-Options")).as("X-Content-Type-Options").isEqualToIgnoringCase("nosniff");
        assertThat(answer.header("X-Frame-Options")).as("X-Frame-Options").isEqualToIgnoringCase("DENY");
        assertThat(answer.header("Referrer-Policy")).as("Referrer-Policy").isNotBlank();
        assertThat(answer.header("Content-Security-Policy")).as("Content-Security-Policy").contains("frame-ancestors 'none'");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Nothing changed
    // ---------------------------------------------------------------------------------------------------------

    @Test
    @Order(90)
    void after_every_attack_the_tables_read_as_before() {
        assertThat(tables()).isEqualTo(snapshot);
        // an audited change would arrive through Kafka a moment later: none may arrive
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(auditedChangesSinceAttacksBegan()).isEmpty());
    }

    /** Runs after the snapshot check: a sanitized upload is a legitimate change. */
    @Test
    @Order(100)
    void traversal_and_control_characters_in_file_names_are_stored_sanitized() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("../../etc/passwd.csv", "passwd.csv");
        expected.put("..\\..\\windows\\customers.csv", "customers.csv");
        expected.put("a\u0000b.csv", "ab.csv");
        expected.put("tab\there\u001b[31m.csv", "tabhere_31m.csv");
        for (Map.Entry<String, String> name : expected.entrySet()) {
            Response answer = rawUpload(name.getKey());
            assertThat(answer.statusCode()).as(name.getKey() + ": " + answer.asString()).isEqualTo(201);
            String stored = answer.jsonPath().getString("filename");
            assertThat(answer.jsonPath().getString("original_name")).isEqualTo(name.getValue());
            assertThat(stored).doesNotContain("/", "\\", "..").matches("[\\p{L}\\p{N}._ -]+");
        }
        // a line break ends the multipart header: what follows it is never part of the name
        Response crlf = rawUpload("x.csv\r\nSet-Cookie: a=b");
        assertThat(crlf.statusCode()).isIn(201, 400);
        if (crlf.statusCode() == 201) {
            assertThat(crlf.jsonPath().getString("original_name")).matches("[\\p{L}\\p{N}._ -]+");
            assertThat(crlf.header("Set-Cookie")).isNull();
        } else {
            assertProblem(crlf, 400, null);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private Map<String, Object> tables() {
        String admin = sessions.token(Roles.ADMIN);
        Map<String, Object> state = new LinkedHashMap<>();
        for (String list : List.of("/api/users", "/api/data/files", "/api/jobs")) {
            state.put(list, at("gateway").auth().oauth2(admin).queryParam("limit", 500).get(list).then()
                    .statusCode(200).extract().jsonPath().getList("items"));
        }
        state.put("errors", at("gateway").auth().oauth2(admin).get("/api/data/errors").then().statusCode(200)
                .extract().jsonPath().getLong("total"));
        state.put("customers", at("gateway").auth().oauth2(admin).get("/api/data/customers").then().statusCode(200)
                .extract().jsonPath().getLong("total"));
        return state;
    }

    private RequestSpecification at(String service) {
        return given().baseUri("http://localhost:" + PlatformProcesses.port(SERVICES.get(service)));
    }

    private Response get(String service, String path, String token) {
        return at(service).header("Authorization", "Bearer " + token).when().get(path);
    }

    private Response login(String body, String contentType) {
        // a fresh client address each time: the per-IP login limit must not answer in place of the parser
        return at("gateway").header("X-Forwarded-For", "10.66.0." + CLIENT.incrementAndGet())
                .contentType(contentType).body(body).when().post("/api/auth/login");
    }

    /** A multipart request written by hand, so control characters reach the server exactly as given. */
    private Response rawUpload(String fileName) throws IOException {
        String boundary = "hostile-boundary-" + System.nanoTime();
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\ncustomer_code,name\r\nS1,Sanitized\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return at("gateway").auth().oauth2(sessions.token(Roles.ANALYST))
                .contentType("multipart/form-data; boundary=" + boundary).body(body).when().post("/api/data/upload");
    }

    static void assertProblem(Response answer, int status, String code) {
        assertThat(answer.statusCode()).as("status of " + answer.asString()).isEqualTo(status);
        assertThat(answer.contentType()).as("content type of a %d", status).startsWith("application/problem+json");
        if (code != null) {
            assertThat(answer.jsonPath().getString("code")).as(answer.asString()).isEqualTo(code);
        } else {
            assertThat(answer.jsonPath().getString("code")).as(answer.asString()).isNotBlank();
        }
        assertNoInternals(answer);
    }

    /** No stack trace, class name or SQL text of ours in any body. */
    static void assertNoInternals(Response answer) {
        assertThat(answer.asString()).doesNotContain("Exception", "\tat ", "Caused by", "io.dataops.", "java.",
                "org.hibernate", "org.h2", "SQLState", "ORA-", "jakarta.", "io.quarkus", "io.vertx");
    }
}
