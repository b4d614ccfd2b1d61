package io.dataops.system;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The sample customers.csv of docs/product-spec.md §12.1 through the whole platform, started as separate processes by
 * ./dataops, driven only through the gateway. With the rules of §6.2, CUST006 (line 7) fails email_format and
 * CUST008 (line 9) fails positive_numbers; the other eight rows are loaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleCustomersEndToEndIT {
    private static final String PROCESS_BODY = """
            {"target_table": "customers",
             "validation_rules": {"required_fields": ["customer_code", "name"],
                                  "email_format": ["email"],
                                  "positive_numbers": ["credit_limit"]}}""";

    private PlatformProcesses platform;
    private final String gateway = "http://localhost:" + PlatformProcesses.port(8080);

    @BeforeAll
    void startPlatform() {
        platform = PlatformProcesses.shared();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private String login() {
        return given().baseUri(gateway).contentType("application/json")
                .body(Map.of("username", "admin", "password", PlatformProcesses.ADMIN_PASSWORD))
                .when().post("/api/auth/login")
                .then().statusCode(200).body("token_type", equalTo("bearer"))
                .extract().jsonPath().getString("access_token");
    }

    private long uploadSample(String token) {
        return given().baseUri(gateway).auth().oauth2(token)
                .multiPart("file", platform.sampleData("customers.csv").toFile(), "text/csv")
                .when().post("/api/data/upload")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private long process(String token, long fileId) {
        return given().baseUri(gateway).auth().oauth2(token).contentType("application/json").body(PROCESS_BODY)
                .when().post("/api/data/files/" + fileId + "/process")
                .then().statusCode(202).extract().jsonPath().getLong("job_id");
    }

    private void awaitJob(String token, long jobId, String status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                        .then().statusCode(200).body("status", equalTo(status)));
    }

    @Test
    @Order(1)
    void the_sample_file_loads_eight_customers_and_records_two_errors() {
        String token = login();

        JsonPath uploaded = given().baseUri(gateway).auth().oauth2(token)
                .multiPart("file", platform.sampleData("customers.csv").toFile(), "text/csv")
                .when().post("/api/data/upload")
                .then().statusCode(201).body("status", equalTo("uploaded")).body("original_name", equalTo("customers.csv"))
                .extract().jsonPath();
        long fileId = uploaded.getLong("id");

        JsonPath started = given().baseUri(gateway).auth().oauth2(token).contentType("application/json").body(PROCESS_BODY)
                .when().post("/api/data/files/" + fileId + "/process")
                .then().statusCode(202).body("status", equalTo("processing")).body("message", equalTo("Processing started"))
                .extract().jsonPath();
        long jobId = started.getLong("job_id");
        assertThat(started.getLong("file_id")).isEqualTo(fileId);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                        .then().statusCode(200).body("status", equalTo("completed")));

        given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                .then().body("progress.rows_read", equalTo(10)).body("progress.rows_valid", equalTo(8))
                .body("progress.rows_rejected", equalTo(2)).body("progress.rows_loaded", equalTo(8));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + fileId)
                        .then().statusCode(200).body("status", equalTo("completed")).body("row_count", equalTo(10)));

        JsonPath errors = given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + fileId + "/errors")
                .then().statusCode(200).body("total", equalTo(2)).extract().jsonPath();
        assertThat(errors.getList("items.row_number", Integer.class)).containsExactly(7, 9);
        assertThat(errors.getList("items.field_name", String.class)).containsExactly("email", "credit_limit");
        assertThat(errors.getList("items.error_type", String.class)).containsExactly("FORMAT", "RANGE");
        assertThat(errors.getList("items.field_value", String.class)).containsExactly("not-an-email", "-1000.00");

        JsonPath customers = given().baseUri(gateway).auth().oauth2(token).queryParam("source_file_id", fileId)
                .queryParam("limit", 50).when().get("/api/data/customers")
                .then().statusCode(200).body("total", equalTo(8)).extract().jsonPath();
        assertThat(customers.getList("items.customer_code", String.class)).containsExactly(
                "CUST001", "CUST002", "CUST003", "CUST004", "CUST005", "CUST007", "CUST009", "CUST010");
        assertThat(customers.getString("items.find { it.customer_code == 'CUST007' }.phone")).isNull();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(gateway).auth().oauth2(token).when().get("/api/dashboard/stats")
                        .then().statusCode(200)
                        .body("files.total", equalTo(1)).body("files.failed", equalTo(0))
                        .body("records.customers", equalTo(8)).body("errors.total", equalTo(2))
                        .body("jobs.running", equalTo(0)).body("jobs.queued", equalTo(0)));

        // upload and process were ingest-service's actions; its audit events reach the gateway's AUDIT_LOG via Kafka
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath audit = given().baseUri(gateway).auth().oauth2(token).queryParam("resource_type", "file")
                    .queryParam("limit", 100).when().get("/api/audit").then().statusCode(200).extract().jsonPath();
            String ofThisFile = "items.findAll { it.resource_id == " + fileId + " }";
            assertThat(audit.getList(ofThisFile + ".action", String.class))
                    .containsExactlyInAnyOrder("FILE_UPLOAD", "FILE_PROCESS");
            assertThat(audit.getList(ofThisFile + ".service", String.class)).containsOnly("ingest-service");
            assertThat(audit.getString("items.find { it.action == 'FILE_UPLOAD' && it.resource_id == " + fileId
                    + " }.new_value.sha256")).hasSize(64);
        });
    }

    @Test
    @Order(2)
    void the_same_sample_uploaded_again_as_a_new_file_loads_nothing_and_reports_eight_duplicates() {
        String token = login();
        long fileId = uploadSample(token);
        long jobId = process(token, fileId);
        awaitJob(token, jobId, "completed");

        given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                .then().body("progress.rows_read", equalTo(10)).body("progress.rows_rejected", equalTo(10))
                .body("progress.rows_valid", equalTo(0)).body("progress.rows_loaded", equalTo(0));
        // no waiting: the loader's duplicates are recorded before the job can complete (ADR 0007)
        given().baseUri(gateway).auth().oauth2(token).queryParam("limit", 50)
                .when().get("/api/data/files/" + fileId + "/errors")
                .then().statusCode(200).body("total", equalTo(10));
        JsonPath errors = given().baseUri(gateway).auth().oauth2(token).queryParam("limit", 50)
                .queryParam("error_type", "DUPLICATE").when().get("/api/data/files/" + fileId + "/errors")
                .then().extract().jsonPath();
        assertThat(errors.getList("items.row_number", Integer.class)).containsExactly(2, 3, 4, 5, 6, 8, 10, 11);
        assertThat(errors.getString("items[0].error_message")).startsWith("customer_code 'CUST001' was already loaded from file ");
        given().baseUri(gateway).auth().oauth2(token).queryParam("limit", 1).when().get("/api/data/customers")
                .then().body("total", equalTo(8));
    }

    @Test
    @Order(3)
    void reprocessing_the_first_file_changes_no_rows_and_finds_the_same_two_errors() {
        String token = login();
        long fileId = given().baseUri(gateway).auth().oauth2(token).queryParam("sort", "id").queryParam("limit", 1)
                .when().get("/api/data/files").then().extract().jsonPath().getLong("items[0].id");
        long jobId = process(token, fileId);
        awaitJob(token, jobId, "completed");

        given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                .then().body("progress.rows_read", equalTo(10)).body("progress.rows_rejected", equalTo(2))
                .body("progress.rows_loaded", equalTo(0));
        given().baseUri(gateway).auth().oauth2(token).queryParam("job_id", jobId)
                .when().get("/api/data/files/" + fileId + "/errors")
                .then().body("total", equalTo(2)).body("items.error_type", org.hamcrest.Matchers.contains("FORMAT", "RANGE"));
        given().baseUri(gateway).auth().oauth2(token).queryParam("limit", 1).when().get("/api/data/customers")
                .then().body("total", equalTo(8));
        given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                .then().body("job_type", equalTo("reprocess"));
        // the re-run loaded 0 new rows: the dashboard still counts the 8 rows the first run put in CUSTOMERS
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(gateway).auth().oauth2(token).when().get("/api/dashboard/stats")
                        .then().statusCode(200).body("records.customers", equalTo(8)).body("jobs.running", equalTo(0)));
    }

    @Test
    @Order(4)
    void without_a_token_the_gateway_and_a_service_reached_directly_both_answer_401_problem() {
        for (String url : List.of(gateway + "/api/data/files", gateway + "/api/jobs",
                "http://localhost:" + PlatformProcesses.port(8081) + "/api/data/files",
                "http://localhost:" + PlatformProcesses.port(8084) + "/api/jobs")) {
            given().when().get(url).then().statusCode(401)
                    .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        }
    }

    @Test
    @Order(5)
    void bad_input_through_the_gateway_gets_clear_problems() {
        String token = login();
        given().baseUri(gateway).auth().oauth2(token).multiPart("file", "notes.exe", new byte[]{1}, "application/octet-stream")
                .when().post("/api/data/upload")
                .then().statusCode(415).contentType("application/problem+json").body("code", equalTo("UNSUPPORTED_FORMAT"));
        given().baseUri(gateway).auth().oauth2(token).multiPart("file", "empty.csv", new byte[0], "text/csv")
                .when().post("/api/data/upload")
                .then().statusCode(400).body("code", equalTo("EMPTY_FILE"));
        given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/999999")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/999999")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    private long uploadOrders(String token) {
        return given().baseUri(gateway).auth().oauth2(token)
                .multiPart("file", platform.sampleData("orders.json").toFile(), "application/json")
                .when().post("/api/data/upload")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private long processOrders(String token, long fileId, String body) {
        return given().baseUri(gateway).auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/data/files/" + fileId + "/process")
                .then().statusCode(202).extract().jsonPath().getLong("job_id");
    }

    @Test
    @Order(6)
    void the_sample_orders_load_and_the_unknown_customer_is_a_reference_error_then_an_upsert_run_updates_them() {
        String token = login();
        long fileId = uploadOrders(token);
        long jobId = processOrders(token, fileId, "{\"target_table\": \"orders\"}");
        awaitJob(token, jobId, "completed");

        given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                .then().body("progress.rows_read", equalTo(3)).body("progress.rows_valid", equalTo(2))
                .body("progress.rows_rejected", equalTo(1)).body("progress.rows_loaded", equalTo(2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + fileId + "/errors")
                        .then().statusCode(200).body("total", equalTo(1)));
        JsonPath errors = given().baseUri(gateway).auth().oauth2(token)
                .when().get("/api/data/files/" + fileId + "/errors").then().extract().jsonPath();
        assertThat(errors.getInt("items[0].row_number")).isEqualTo(3);
        assertThat(errors.getString("items[0].error_type")).isEqualTo("REFERENCE");
        assertThat(errors.getString("items[0].field_name")).isEqualTo("customer_code");
        assertThat(errors.getString("items[0].field_value")).isEqualTo("INVALID");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(gateway).auth().oauth2(token).when().get("/api/dashboard/stats")
                        .then().statusCode(200).body("records.orders", equalTo(2)));

        upsertTheSampleOrdersFromAnotherFile(token);
    }

    /** The sample again as another file with "mode": "upsert": the two orders are updated, not DUPLICATE. One login
     * for both runs: the gateway's login limit counts every login of this class. */
    private void upsertTheSampleOrdersFromAnotherFile(String token) {
        long fileId = uploadOrders(token);
        long jobId = processOrders(token, fileId, "{\"target_table\": \"orders\", \"mode\": \"upsert\"}");
        awaitJob(token, jobId, "completed");

        given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                .then().body("progress.rows_read", equalTo(3)).body("progress.rows_loaded", equalTo(2))
                .body("progress.rows_rejected", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + fileId + "/errors")
                        .then().statusCode(200).body("total", equalTo(1)).body("items[0].error_type", equalTo("REFERENCE")));
    }
}
