package io.dataops.testing;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, metrics, OpenAPI and Swagger UI are served on the management port only, never on the public port that the
 * gateway routes to and clients reach without a token (README "What runs where", docs/adr/0023). Each service runs
 * it as a {@code @QuarkusTest} subclass with its usual test resources; nothing here is service-specific.
 */
public abstract class ManagementInterfaceContract {

    /** The port the management interface really listens on in this test run (configured as 0: a free one). */
    protected static int managementPort() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/metrics", "/q/openapi", "/q/openapi?format=json", "/q/swagger-ui",
            "/q/swagger-ui/", "/q/health", "/q/health/ready", "/q/health/live"})
    void the_public_port_serves_no_management_endpoint(String path) {
        Response answer = given().redirects().follow(false).when().get(path);

        assertThat(answer.statusCode()).as(path).isEqualTo(404);
        assertThat(answer.body().asString()).as(path)
                .doesNotContain("# TYPE", "jvm_memory", "openapi:", "\"openapi\"", "swagger", "\"checks\"");
        // no path exception for /q/ is left on the public port: the answer carries the strict policy like any other
        assertThat(answer.header("Content-Security-Policy")).as(path).contains("default-src 'self'");
        assertThat(answer.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
    }

    @Test
    void the_management_port_is_not_the_public_port() {
        assertThat(managementPort()).isPositive().isNotEqualTo(RestAssured.port);
    }

    @Test
    void the_management_port_answers_health_without_a_token() {
        given().port(managementPort()).when().get("/q/health/live").then().statusCode(200)
                .contentType("application/json");
        String readiness = given().port(managementPort()).when().get("/q/health/ready")
                .then().statusCode(200).extract().asString();
        assertThat(readiness).contains("\"status\": \"UP\"");
    }

    @Test
    void the_management_port_serves_prometheus_metrics() {
        String metrics = given().port(managementPort()).when().get("/q/metrics")
                .then().statusCode(200).extract().asString();
        assertThat(metrics).contains("# TYPE jvm_memory_used_bytes gauge");
    }

    @Test
    void the_management_port_serves_the_openapi_document_of_the_api_and_the_swagger_ui() {
        String document = given().port(managementPort()).queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        assertThat(document).contains("\"openapi\"").contains("\"/api/");
        String page = given().port(managementPort()).when().get("/q/swagger-ui/")
                .then().statusCode(200).extract().asString();
        assertThat(page).containsIgnoringCase("swagger");
    }
}
