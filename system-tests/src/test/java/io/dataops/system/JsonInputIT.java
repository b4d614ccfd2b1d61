package io.dataops.system;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * JSON files a new user might send, through the gateway and every stage (docs/input-formats.md, "JSON"): elements
 * that are not objects are row errors and the object after them is loaded; a syntax error fails the job with its
 * code and position, and the row before it is loaded. Customer codes JI... are this class's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(6)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JsonInputIT {
    private static final String PROCESS_BODY = "{\"target_table\": \"customers\"}";

    private PlatformProcesses platform;
    private final String gateway = "http://localhost:" + PlatformProcesses.port(8080);
    private String token;

    @BeforeAll
    void startPlatform() {
        platform = PlatformProcesses.shared();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        token = given().baseUri(gateway).contentType("application/json")
                .body(Map.of("username", "admin", "password", PlatformProcesses.ADMIN_PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    private long upload(String name, String json) {
        return given().baseUri(gateway).auth().oauth2(token)
                .multiPart("file", name, json.getBytes(StandardCharsets.UTF_8), "application/json")
                .when().post("/api/data/upload").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private JsonPath finishedJob(long fileId, String status) {
        long jobId = given().baseUri(gateway).auth().oauth2(token).contentType("application/json").body(PROCESS_BODY)
                .when().post("/api/data/files/" + fileId + "/process")
                .then().statusCode(202).extract().jsonPath().getLong("job_id");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                        .then().statusCode(200).body("status", equalTo(status)));
        return given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId).then().extract().jsonPath();
    }

    private void awaitCustomers(long fileId, String... codes) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(given().baseUri(gateway).auth().oauth2(token).queryParam("source_file_id", fileId)
                        .when().get("/api/data/customers").then().statusCode(200).extract().jsonPath()
                        .getList("items.customer_code", String.class)).containsExactly(codes));
    }

    @Test
    @Order(1)
    void numbers_before_a_customer_are_row_errors_and_the_customer_is_loaded() {
        long fileId = upload("numbers_then_a_customer.json",
                "[1, 2, {\"customer_code\":\"JI001\",\"name\":\"Ida Json\",\"email\":\"ida@example.com\"}]");

        given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + fileId + "/preview")
                .then().statusCode(200).body("rows.size()", equalTo(3))
                .body("rows[0].malformed_type", equalTo("NOT_AN_OBJECT"))
                .body("rows[2].values.customer_code", equalTo("JI001"));

        JsonPath job = finishedJob(fileId, "completed");
        assertThat(job.getInt("progress.rows_read")).isEqualTo(3);
        assertThat(job.getInt("progress.rows_rejected")).isEqualTo(2);
        assertThat(job.getInt("progress.rows_loaded")).isEqualTo(1);
        awaitCustomers(fileId, "JI001");

        JsonPath errors = given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + fileId + "/errors")
                .then().statusCode(200).body("total", equalTo(2)).extract().jsonPath();
        assertThat(errors.getList("items.row_number", Integer.class)).containsExactly(1, 2);
        assertThat(errors.getList("items.error_type", String.class)).containsOnly("NOT_AN_OBJECT");
    }

    @Test
    @Order(2)
    void a_syntax_error_fails_the_job_with_its_code_and_position_and_the_customer_before_it_is_loaded() {
        long fileId = upload("customer_then_a_syntax_error.json",
                "[{\"customer_code\":\"JI002\",\"name\":\"Kept Before\",\"email\":\"kept@example.com\"},\n[1 true]]");

        given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + fileId + "/preview")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("JSON_SYNTAX_ERROR"))
                .body("detail", org.hamcrest.Matchers.containsString("JSON_SYNTAX_ERROR at line 2, column 4: "));

        JsonPath job = finishedJob(fileId, "failed");
        assertThat(job.getString("error_message")).startsWith(
                "The file could not be read after 1 row: JSON_SYNTAX_ERROR at line 2, column 4: ");
        awaitCustomers(fileId, "JI002");
        given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + fileId)
                .then().statusCode(200).body("status", equalTo("failed"));
    }
}
