package io.dataops.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.model.security.Permissions;
import io.dataops.model.security.Roles;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Seed 13.2, enforced twice: every operation of every service, read from the service's own OpenAPI document (so an
 * endpoint added later is walked too), is called for each role and without a token, directly at its service and
 * through the gateway. The permission an operation needs is the scope list Quarkus writes into its security
 * requirement from {@code @RolesAllowed}; an operation that names none and is not on the public list fails.
 * Path ids are ids that do not exist and bodies are empty, so nothing is changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(2)
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

    /** Reachable without a token, on purpose. Anything else must name a permission or at least require a login. */
    private static final List<Pattern> PUBLIC = List.of(
            Pattern.compile("POST /api/auth/login"),
            Pattern.compile("POST /api/auth/refresh"),
            Pattern.compile("GET .*/jwks(\\.json)?"),
            Pattern.compile("GET /q/(health|openapi).*"));
    private static final long MISSING_ID = 9_100_000_001L;
    private static final String NO_TOKEN = "no token";

    private RoleSessions sessions;

    record Operation(String service, String method, String path, Set<String> permissions, boolean declared,
                     String bodyType) {
        boolean isPublic() {
            return PUBLIC.stream().anyMatch(p -> p.matcher(method + " " + path).matches());
        }

        /** Empty permissions with a security requirement: any signed-in user (@Authenticated). */
        boolean allows(String role) {
            return permissions.isEmpty() || Permissions.groupsFor(role).stream().anyMatch(permissions::contains);
        }

        String name() {
            return service + ": " + method + " " + path;
        }
    }

    @BeforeAll
    void signIn() {
        sessions = RoleSessions.shared();
    }

    @TestFactory
    Stream<DynamicNode> every_operation_answers_each_role_as_the_permission_matrix_says() {
        List<Operation> operations = new ArrayList<>();
        SERVICES.forEach((service, port) -> operations.addAll(operationsOf(service, port)));
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicTest("the OpenAPI documents list every service's operations", () -> {
            for (String service : SERVICES.keySet()) {
                assertThat(operations).as(service).anyMatch(op -> op.service().equals(service));
            }
            // the endpoints of seed 6.1 that exist today; a document that lost its operations must not pass quietly
            assertThat(operations).extracting(o -> o.method() + " " + o.path()).contains(
                    "POST /api/auth/login", "GET /api/auth/me", "GET /api/users", "DELETE /api/users/{id}",
                    "POST /api/data/upload", "GET /api/data/files", "POST /api/data/files/{id}/process",
                    "GET /api/data/files/{id}/errors", "GET /api/data/customers", "GET /api/data/orders",
                    "GET /api/jobs", "POST /api/jobs",
                    "GET /api/dashboard/stats", "GET /api/audit");
        }));
        for (Operation op : operations) {
            nodes.add(dynamicContainer(op.name(), casesOf(op)));
        }
        return nodes.stream();
    }

    private Stream<DynamicNode> casesOf(Operation op) {
        List<DynamicNode> cases = new ArrayList<>();
        cases.add(dynamicTest("names a permission or is public", () -> assertThat(op.declared() || op.isPublic())
                .as("%s has no @RolesAllowed permission (nor @Authenticated) and is not on the public list", op.name())
                .isTrue()));
        if (!op.declared() && !op.isPublic()) {
            return cases.stream();
        }
        List<String> routes = op.service().equals("gateway") ? List.of("gateway") : List.of("direct", "via gateway");
        for (String route : routes) {
            int port = route.equals("direct") ? SERVICES.get(op.service()) : SERVICES.get("gateway");
            if (op.isPublic()) {
                cases.add(dynamicTest(route + ", " + NO_TOKEN + ": open", () -> {
                    Response answer = call(op, port, null);
                    assertThat(answer.statusCode()).as(op.name()).isNotIn(401, 403).isLessThan(500);
                    assertProblemIfError(answer);
                }));
                continue;
            }
            cases.add(dynamicTest(route + ", " + NO_TOKEN + ": 401", () -> {
                Response answer = call(op, port, null);
                assertThat(answer.statusCode()).as(op.name() + " " + route + " without a token").isEqualTo(401);
                assertProblemIfError(answer);
                assertThat(answer.jsonPath().getString("code")).isIn("UNAUTHORIZED");
            }));
            for (String role : Roles.ALL) {
                boolean allowed = op.allows(role);
                cases.add(dynamicTest(route + ", " + role + ": " + (allowed ? "allowed" : "403"), () -> {
                    // a request that spends its token (logout) gets its own
                    String token = op.path().startsWith("/api/auth/") ? sessions.freshToken(role) : sessions.token(role);
                    Response answer = call(op, port, token);
                    if (allowed) {
                        assertThat(answer.statusCode()).as(op.name() + " " + route + " as " + role + ": " + answer.asString())
                                .isNotIn(401, 403).isLessThan(500);
                    } else {
                        assertThat(answer.statusCode()).as(op.name() + " " + route + " as " + role + ": " + answer.asString())
                                .isEqualTo(403);
                        assertThat(answer.jsonPath().getString("code")).isEqualTo("FORBIDDEN");
                    }
                    assertProblemIfError(answer);
                }));
            }
        }
        return cases.stream();
    }

    private static void assertProblemIfError(Response answer) {
        if (answer.statusCode() >= 400) {
            assertThat(answer.contentType()).as("content type of a %d", answer.statusCode())
                    .startsWith("application/problem+json");
            assertThat(answer.jsonPath().getString("code")).as("code of " + answer.asString()).isNotBlank();
        }
    }

    private Response call(Operation op, int basePort, String token) {
        RequestSpecification request = given().baseUri("http://localhost:" + PlatformProcesses.port(basePort))
                .redirects().follow(false);
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (op.bodyType() != null) {
            if (op.bodyType().startsWith("multipart/")) {
                // a form without the file part: refused as a bad request, nothing stored
                request.multiPart("note", "not a file");
            } else if (op.bodyType().contains("json")) {
                request.contentType("application/json").body("{}");
            } else {
                request.contentType(op.bodyType()).body("");
            }
        }
        String path = op.path().replaceAll("\\{[^}]+}", Long.toString(MISSING_ID));
        return request.when().request(op.method(), path);
    }

    private static List<Operation> operationsOf(String service, int basePort) {
        String document = given().baseUri("http://localhost:" + PlatformProcesses.port(basePort))
                .queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString();
        try {
            JsonNode root = JSON.readTree(document);
            JsonNode globalSecurity = root.path("security");
            List<Operation> operations = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                    Map.Entry<String, JsonNode> method = methods.next();
                    if (!Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                        continue;
                    }
                    JsonNode op = method.getValue();
                    JsonNode security = op.has("security") ? op.get("security") : globalSecurity;
                    Set<String> permissions = new TreeSet<>();
                    boolean declared = false;
                    for (JsonNode requirement : security) {
                        for (Iterator<JsonNode> schemes = requirement.elements(); schemes.hasNext(); ) {
                            declared = true;
                            schemes.next().forEach(scope -> permissions.add(scope.asText()));
                        }
                    }
                    Iterator<String> types = op.path("requestBody").path("content").fieldNames();
                    String bodyType = types.hasNext() ? types.next() : null;
                    operations.add(new Operation(service, method.getKey().toUpperCase(), path.getKey(), permissions,
                            declared, bodyType));
                }
            }
            return operations;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("OpenAPI document of " + service + " is not JSON", e);
        }
    }
}
