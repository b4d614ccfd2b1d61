package io.dataops.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Seed 13.2, enforced twice, against a table of its own: {@link #OPERATIONS} was written from the README's API table
 * and the permission matrix of docs/product-spec.md §13.2 ({@link #GRANTS}), not read from the code under test. The suite asserts that
 * every service's OpenAPI document declares exactly the table's operations with exactly its permissions (an
 * operation the table lacks, or one it names that the service lacks, fails), and then calls every operation of the
 * table for each role and without a token, at its service and through the gateway. An allowed call must answer the
 * table's success status on real objects (an uploaded and processed file, its job, a loaded customer and order, a
 * rule, a user), so a 400 or 404 never passes for "allowed"; a call that destroys something gets a throw-away object
 * of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolePermissionsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("gateway", 8080);
        SERVICES.put("ingest", 8081);
        SERVICES.put("validation", 8082);
        SERVICES.put("loader", 8083);
        SERVICES.put("job", 8084);
        SERVICES.put("report", 8085);
    }

    private static final String PUBLIC = "public";
    private static final String SIGNED_IN = "signed-in";
    private static final String NO_TOKEN = "no token";
    private static final List<String> ROLES = List.of("admin", "analyst", "viewer");

    /**
     * Every operation of the platform: the service that owns it, method and path as its OpenAPI document names them,
     * the status an allowed call answers (README), and who may call it: {@code public}, {@code signed-in} (any role)
     * or the one permission it needs (README's permission column).
     */
    private static final String OPERATIONS = """
            gateway     POST    /api/auth/login                     200  public
            gateway     POST    /api/auth/refresh                   200  public
            gateway     GET     /.well-known/jwks.json              200  public
            gateway     POST    /api/auth/logout                    204  signed-in
            gateway     GET     /api/auth/me                        200  signed-in
            gateway     GET     /api/users                          200  users:manage
            gateway     POST    /api/users                          201  users:manage
            gateway     GET     /api/users/{id}                     200  users:manage
            gateway     PUT     /api/users/{id}                     200  users:manage
            gateway     DELETE  /api/users/{id}                     204  users:manage
            gateway     GET     /api/audit                          200  audit:read
            ingest      POST    /api/data/upload                    201  files:create
            ingest      GET     /api/data/files                     200  files:read
            ingest      GET     /api/data/files/{id}                200  files:read
            ingest      DELETE  /api/data/files/{id}                204  files:delete
            ingest      POST    /api/data/files/{id}/process        202  files:process
            ingest      GET     /api/data/files/{id}/preview        200  files:read
            validation  GET     /api/data/files/{id}/errors         200  files:read
            validation  GET     /api/data/files/{id}/errors/export  200  data:export
            validation  GET     /api/data/files/{id}/quality        200  files:read
            validation  GET     /api/data/errors                    200  data:read
            validation  GET     /api/data/errors/export             200  data:export
            validation  GET     /api/rules                          200  files:read
            validation  GET     /api/rules/types                    200  files:read
            validation  GET     /api/rules/{id}                     200  files:read
            validation  POST    /api/rules                          201  rules:manage
            validation  PUT     /api/rules/{id}                     200  rules:manage
            validation  DELETE  /api/rules/{id}                     204  rules:manage
            loader      GET     /api/data/customers                 200  data:read
            loader      GET     /api/data/customers/{id}            200  data:read
            loader      GET     /api/data/orders                    200  data:read
            loader      GET     /api/data/orders/{id}               200  data:read
            job         POST    /api/jobs                           201  jobs:create
            job         GET     /api/jobs                           200  jobs:read
            job         GET     /api/jobs/{id}                      200  jobs:read
            job         POST    /api/jobs/{id}/cancel               200  jobs:cancel
            job         GET     /api/jobs/{id}/events               200  jobs:read
            report      GET     /api/dashboard/stats                200  reports:read
            """;

    /** README's role list: admin everything; analyst files read/create/process, jobs read/create, reports read/create, data read/export; viewer read only. */
    private static final Map<String, Set<String>> GRANTS = Map.of(
            "analyst", Set.of("files:read", "files:create", "files:process", "jobs:read", "jobs:create",
                    "reports:read", "reports:create", "data:read", "data:export"),
            "viewer", Set.of("files:read", "jobs:read", "reports:read", "data:read"));

    private static final String CUSTOMERS_HEADER = "customer_code,name,email,phone,country,segment,credit_limit\n";
    private static final String USER_PASSWORD = "Role-walk-password-42";
    private static final RestAssuredConfig PATIENT = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 60_000).setParam("http.connection.timeout", 10_000));

    record Operation(String service, String method, String path, int success, String access) {
        boolean allows(String role) {
            return switch (access) {
                case PUBLIC, SIGNED_IN -> true;
                default -> role.equals("admin") || GRANTS.get(role).contains(access);
            };
        }

        String key() {
            return method + " " + path;
        }

        String name() {
            return service + ": " + key() + " (" + access + ")";
        }
    }

    /** A request ready to send: its path with real ids, and its body if it has one. */
    record Call(String path, String contentType, Object body, boolean multipart) {
        static Call at(String path) {
            return new Call(path, null, null, false);
        }

        static Call json(String path, Object body) {
            return new Call(path, "application/json", body, false);
        }
    }

    private final String stamp = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private final AtomicInteger counter = new AtomicInteger();
    private final List<Long> rulesToRemove = new ArrayList<>();
    private RoleSessions sessions;
    private String admin;
    private long fileId;
    private long jobId;
    private long customerId;
    private long orderId;
    private long ruleId;
    private Map<String, Object> ruleBody;
    private long userId;

    @BeforeAll
    void signInAndCreateTheObjectsTheCallsUse() {
        sessions = RoleSessions.shared();
        admin = sessions.token("admin");
        // a processed customers file with one bad e-mail (one error to list and export), and an orders file
        // referring to one of its customers
        String a = "RW" + stamp + "A";
        fileId = upload("role_walk_customers.csv", CUSTOMERS_HEADER
                + a + ",Role Walk A,rwa" + stamp + "@example.com,+1-555-0100,USA,SMB,100.00\n"
                + "RW" + stamp + "B,Role Walk B,not-an-email,+1-555-0101,USA,SMB,200.00\n", "text/csv");
        jobId = processAndAwait(fileId, "{\"target_table\":\"customers\",\"validation_rules\":{\"email_format\":[\"email\"]}}");
        customerId = asAdmin().queryParam("source_file_id", fileId).when().get("/api/data/customers")
                .then().statusCode(200).body("total", equalTo(1)).extract().jsonPath().getLong("items[0].id");
        long ordersFile = upload("role_walk_orders.json", "[{\"order_number\":\"RW" + stamp + "-1\",\"customer_code\":\"" + a
                + "\",\"order_date\":\"2024-01-15\",\"items\":[{\"product\":\"Widget\",\"qty\":2,\"price\":5.00}],"
                + "\"total_amount\":10.00,\"status\":\"completed\"}]", "application/json");
        processAndAwait(ordersFile, "{\"target_table\":\"orders\"}");
        orderId = asAdmin().queryParam("source_file_id", ordersFile).when().get("/api/data/orders")
                .then().statusCode(200).body("total", equalTo(1)).extract().jsonPath().getLong("items[0].id");
        ruleBody = newRuleBody();
        ruleId = asAdmin().contentType("application/json").body(ruleBody).when().post("/api/rules")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        rulesToRemove.add(ruleId);
        userId = newUser();
    }

    @AfterAll
    void removeTheRulesItMade() {
        // inactive, but a later suite counting rules should not meet them
        for (long rule : rulesToRemove) {
            asAdmin().when().delete("/api/rules/" + rule);
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicNode> every_openapi_document_declares_exactly_the_operations_and_permissions_of_the_table() {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        for (Operation op : operations()) {
            expected.computeIfAbsent(op.service(), s -> new TreeMap<>()).put(op.key(), op.access());
        }
        return SERVICES.entrySet().stream().<DynamicNode>map(service -> dynamicTest(service.getKey(), () ->
                assertThat(documented(service.getKey(), service.getValue()))
                        .as("operation -> permission in %s's OpenAPI document", service.getKey())
                        .isEqualTo(expected.get(service.getKey()))));
    }

    @TestFactory
    @Order(2)
    Stream<DynamicNode> every_operation_answers_each_role_as_the_permission_matrix_says() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (Operation op : operations()) {
            List<DynamicNode> cases = new ArrayList<>();
            List<String> routes = op.service().equals("gateway") ? List.of("gateway") : List.of("direct", "via gateway");
            for (String route : routes) {
                int port = PlatformProcesses.port(route.equals("direct") ? SERVICES.get(op.service()) : SERVICES.get("gateway"));
                if (op.access().equals(PUBLIC)) {
                    cases.add(dynamicTest(route + ", " + NO_TOKEN + ": " + op.success(),
                            () -> assertAnswer(op, route, NO_TOKEN, send(op, port, null), op.success(), null)));
                    continue;
                }
                cases.add(dynamicTest(route + ", " + NO_TOKEN + ": 401",
                        () -> assertAnswer(op, route, NO_TOKEN, send(op, port, null), 401, "UNAUTHORIZED")));
                for (String role : ROLES) {
                    boolean allowed = op.allows(role);
                    cases.add(dynamicTest(route + ", " + role + ": " + (allowed ? op.success() : 403), () -> {
                        // logout spends its token: it gets one of its own
                        String token = op.path().equals("/api/auth/logout") ? sessions.freshToken(role) : sessions.token(role);
                        assertAnswer(op, route, role, send(op, port, token), allowed ? op.success() : 403,
                                allowed ? null : "FORBIDDEN");
                    }));
                }
            }
            nodes.add(dynamicContainer(op.name(), cases.stream()));
        }
        return nodes.stream();
    }

    /**
     * The required behaviour for the path-spelling bypass (docs/security.md) (fixed on another branch at the time of
     * writing): {@code //api/...}, {@code /./api/...} and {@code /%61pi/...}, sent as they are on a raw socket (an
     * HTTP client may normalise them), must not answer better than the canonical path does: each answers 400 or
     * exactly what the canonical spelling answers, for a call without a token, with a logged-out token, and for a
     * viewer calling an admin's operation, at the gateway and at the service behind it.
     */
    @TestFactory
    @Order(3)
    Stream<DynamicNode> path_spelling_variants_grant_no_more_than_the_canonical_path() {
        List<DynamicNode> nodes = new ArrayList<>();
        String gateway = "gateway";
        String loggedOut = sessions.freshToken("viewer");
        given().baseUri(sessions.gateway()).auth().oauth2(loggedOut).when().post("/api/auth/logout").then().statusCode(204);
        String viewer = sessions.token("viewer");
        // the path is made per request: a call that wrongly succeeds destroys only its own throw-away object
        record Probe(String who, String token, String service, String method, String template, Supplier<String> path,
                     int canonical) {
            Probe(String who, String token, String service, String method, String path, int canonical) {
                this(who, token, service, method, path, () -> path, canonical);
            }
        }
        List<Probe> probes = new ArrayList<>();
        for (String service : List.of(gateway, "loader")) {
            probes.add(new Probe(NO_TOKEN, null, service, "GET", "/api/data/customers", 401));
            probes.add(new Probe("logged-out token", loggedOut, service, "GET", "/api/data/customers", 401));
        }
        for (String service : List.of(gateway, "job")) {
            probes.add(new Probe(NO_TOKEN, null, service, "GET", "/api/jobs", 401));
            probes.add(new Probe("logged-out token", loggedOut, service, "GET", "/api/jobs", 401));
            probes.add(new Probe("viewer", viewer, service, "POST", "/api/jobs/{id}/cancel",
                    () -> "/api/jobs/" + newJob() + "/cancel", 403));
        }
        for (String service : List.of(gateway, "ingest")) {
            probes.add(new Probe("viewer", viewer, service, "DELETE", "/api/data/files/{id}",
                    () -> "/api/data/files/" + throwAwayFile(), 403));
        }
        probes.add(new Probe(NO_TOKEN, null, gateway, "GET", "/api/auth/me", 401));
        probes.add(new Probe("logged-out token", loggedOut, gateway, "GET", "/api/auth/me", 401));
        probes.add(new Probe("viewer", viewer, gateway, "GET", "/api/users", 403));
        probes.add(new Probe("viewer", viewer, gateway, "GET", "/api/audit", 403));
        for (Probe probe : probes) {
            int port = PlatformProcesses.port(SERVICES.get(probe.service()));
            String where = probe.service().equals(gateway) ? "gateway" : "direct at " + probe.service();
            List<DynamicNode> cases = new ArrayList<>();
            cases.add(dynamicTest("canonical: " + probe.canonical(), () -> assertThat(
                    rawStatus(port, probe.method(), probe.path().get(), probe.token())).isEqualTo(probe.canonical())));
            for (String spelling : List.of("//api/", "/./api/", "/%61pi/")) {
                cases.add(dynamicTest(spelling + "...: 400 or " + probe.canonical(), () -> {
                    String path = probe.path().get().replaceFirst("^/api/", spelling);
                    assertThat(rawStatus(port, probe.method(), path, probe.token()))
                            .as("%s %s %s", probe.method(), path, probe.who()).isIn(400, probe.canonical());
                }));
            }
            nodes.add(dynamicContainer(where + ", " + probe.who() + ": " + probe.method() + " " + probe.template(),
                    cases.stream()));
        }
        return nodes.stream();
    }

    private static List<Operation> operations() {
        return OPERATIONS.lines().map(String::trim).filter(line -> !line.isEmpty()).map(line -> {
            String[] f = line.split("\\s+");
            return new Operation(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4]);
        }).toList();
    }

    private static void assertAnswer(Operation op, String route, String caller, Response answer, int status, String code) {
        String what = op.name() + " " + route + " as " + caller + ": " + answer.statusCode() + " " + abbreviate(answer.asString());
        assertThat(answer.statusCode()).as(what).isEqualTo(status);
        if (answer.statusCode() >= 400) {
            assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
            assertThat(answer.jsonPath().getString("code")).as(what).isEqualTo(code);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    private Response send(Operation op, int port, String token) {
        Call call = prepare(op);
        RequestSpecification request = given().config(PATIENT).baseUri("http://localhost:" + port).redirects().follow(false);
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (call.multipart()) {
            request.multiPart("file", "role_walk_" + counter.incrementAndGet() + ".csv",
                    ((String) call.body()).getBytes(StandardCharsets.UTF_8), "text/csv");
        } else if (call.body() != null) {
            request.contentType(call.contentType()).body(call.body());
        }
        return request.when().request(op.method(), call.path());
    }

    /** The real request behind each operation; a call that destroys or spends something gets its own object. */
    private Call prepare(Operation op) {
        String files = "/api/data/files/" + fileId;
        return switch (op.key()) {
            case "POST /api/auth/login" -> Call.json(op.path(), Map.of("username", "suite-viewer", "password",
                    RoleSessions.USER_PASSWORD));
            case "POST /api/auth/refresh" -> Call.json(op.path(), Map.of("refresh_token", freshRefreshToken()));
            case "GET /.well-known/jwks.json", "GET /api/auth/me", "GET /api/users", "GET /api/audit",
                 "GET /api/data/files", "GET /api/data/errors", "GET /api/rules", "GET /api/rules/types",
                 "GET /api/data/customers", "GET /api/data/orders", "GET /api/jobs", "GET /api/dashboard/stats" ->
                    Call.at(op.path());
            case "POST /api/auth/logout" -> Call.at(op.path());
            case "POST /api/users" -> Call.json(op.path(), newUserBody());
            case "GET /api/users/{id}" -> Call.at("/api/users/" + userId);
            case "PUT /api/users/{id}" -> Call.json("/api/users/" + userId, Map.of("is_active", true));
            case "DELETE /api/users/{id}" -> Call.at("/api/users/" + newUser());
            case "POST /api/data/upload" -> new Call(op.path(), null, CUSTOMERS_HEADER + newCustomerRow(), true);
            case "GET /api/data/files/{id}", "GET /api/data/files/{id}/preview", "GET /api/data/files/{id}/errors",
                 "GET /api/data/files/{id}/errors/export", "GET /api/data/files/{id}/quality" ->
                    Call.at(op.path().replace("/api/data/files/{id}", files));
            case "DELETE /api/data/files/{id}" -> Call.at("/api/data/files/" + throwAwayFile());
            case "POST /api/data/files/{id}/process" -> Call.json("/api/data/files/" + throwAwayFile() + "/process",
                    Map.of("target_table", "customers"));
            case "GET /api/data/errors/export" -> Call.at(op.path() + "?file_id=" + fileId);
            case "GET /api/rules/{id}" -> Call.at("/api/rules/" + ruleId);
            case "POST /api/rules" -> Call.json(op.path(), newRuleBody());
            case "PUT /api/rules/{id}" -> Call.json("/api/rules/" + ruleId, ruleBody);
            case "DELETE /api/rules/{id}" -> Call.at("/api/rules/" + newRule());
            case "GET /api/data/customers/{id}" -> Call.at("/api/data/customers/" + customerId);
            case "GET /api/data/orders/{id}" -> Call.at("/api/data/orders/" + orderId);
            case "POST /api/jobs" -> Call.json(op.path(), Map.of("job_name", "role walk", "job_type", "role_walk"));
            case "GET /api/jobs/{id}", "GET /api/jobs/{id}/events" -> Call.at(op.path().replace("{id}", Long.toString(jobId)));
            case "POST /api/jobs/{id}/cancel" -> Call.at("/api/jobs/" + newJob() + "/cancel");
            default -> throw new AssertionError("No real request written for " + op.key() + ": add one to prepare()");
        };
    }

    private RequestSpecification asAdmin() {
        return given().config(PATIENT).baseUri(sessions.gateway()).auth().oauth2(admin);
    }

    private long upload(String name, String content, String type) {
        return asAdmin().multiPart("file", name, content.getBytes(StandardCharsets.UTF_8), type)
                .when().post("/api/data/upload").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private long processAndAwait(long file, String body) {
        long job = asAdmin().contentType("application/json").body(body).when().post("/api/data/files/" + file + "/process")
                .then().statusCode(202).extract().jsonPath().getLong("job_id");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                asAdmin().when().get("/api/jobs/" + job).then().statusCode(200).body("status", equalTo("completed")));
        return job;
    }

    private String newCustomerRow() {
        int n = counter.incrementAndGet();
        return "RW" + stamp + "N" + n + ",Throw Away " + n + ",rw" + stamp + "n" + n + "@example.com,,USA,SMB,1.00\n";
    }

    private long throwAwayFile() {
        return upload("role_walk_throw_away.csv", CUSTOMERS_HEADER + newCustomerRow(), "text/csv");
    }

    private long newJob() {
        return asAdmin().contentType("application/json").body(Map.of("job_name", "role walk", "job_type", "role_walk"))
                .when().post("/api/jobs").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private Map<String, Object> newUserBody() {
        String username = "rw-" + stamp + "-" + counter.incrementAndGet();
        return Map.of("username", username, "email", username + "@example.com", "password", USER_PASSWORD, "role", "viewer");
    }

    private long newUser() {
        return asAdmin().contentType("application/json").body(newUserBody()).when().post("/api/users")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /**
     * An inactive rule no other rule of this walk shares (a field holds one rule per type), so it never changes what a
     * run validates. Rules made by an allowed POST are removed after the walk.
     */
    private Map<String, Object> newRuleBody() {
        int n = counter.incrementAndGet();
        List<String> fields = List.of("name", "email", "phone", "country", "segment", "customer_code", "credit_limit");
        String field = fields.get(n % fields.size());
        // the type cycles every fields.size() rules, so (field, type) never repeats within 7 x 3 rules
        int type = (n / fields.size()) % 3;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("target", "customers");
        body.put("field", field);
        switch (type) {
            case 0 -> {
                body.put("rule_type", "length");
                body.put("parameters", Map.of("max", 4000));
            }
            case 1 -> {
                body.put("rule_type", "regex");
                body.put("parameters", Map.of("pattern", "(?s).*"));
            }
            default -> {
                body.put("rule_type", "enum");
                body.put("parameters", Map.of("values", List.of("role walk " + n)));
            }
        }
        body.put("active", false);
        return body;
    }

    private long newRule() {
        long id = asAdmin().contentType("application/json").body(newRuleBody()).when().post("/api/rules")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        rulesToRemove.add(id);
        return id;
    }

    private String freshRefreshToken() {
        return given().config(PATIENT).baseUri(sessions.gateway()).contentType("application/json")
                .body(Map.of("username", "suite-viewer", "password", RoleSessions.USER_PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract().jsonPath().getString("refresh_token");
    }

    /**
     * Operation -> who may call it, as the service's OpenAPI document declares it, in the table's words. The document
     * is served on the service's management port, its public port plus 1000 (docs/adr/0023).
     */
    private static Map<String, String> documented(String service, int basePort) {
        String document = given().baseUri("http://127.0.0.1:" + PlatformProcesses.port(basePort + 1000))
                .queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString();
        try {
            JsonNode root = JSON.readTree(document);
            JsonNode globalSecurity = root.path("security");
            Map<String, String> operations = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                    Map.Entry<String, JsonNode> method = methods.next();
                    if (!Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method.getKey())) {
                        continue;
                    }
                    JsonNode op = method.getValue();
                    JsonNode security = op.has("security") ? op.get("security") : globalSecurity;
                    Set<String> scopes = new TreeSet<>();
                    boolean required = false;
                    for (JsonNode requirement : security) {
                        for (Iterator<JsonNode> schemes = requirement.elements(); schemes.hasNext(); ) {
                            required = true;
                            schemes.next().forEach(scope -> scopes.add(scope.asText()));
                        }
                    }
                    String access = !required ? PUBLIC : scopes.isEmpty() ? SIGNED_IN : String.join(" or ", scopes);
                    operations.put(method.getKey().toUpperCase() + " " + path.getKey(), access);
                }
            }
            return operations;
        } catch (IOException e) {
            throw new IllegalStateException("OpenAPI document of " + service + " is not JSON", e);
        }
    }

    /**
     * The status line's code for a request whose target goes out exactly as written: java.net.http and REST Assured
     * may normalise {@code //} and {@code /./}, which is the very thing under test.
     */
    private static int rawStatus(int port, String method, String target, String token) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n");
            if (token != null) {
                request.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (!method.equals("GET")) {
                request.append("Content-Length: 0\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(statusLine).as("status line of %s %s", method, target).startsWith("HTTP/1.1 ");
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
