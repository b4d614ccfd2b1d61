package io.dataops.system;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * CSV as docs/input-formats.md ("CSV") promises it, through the gateway and every stage: a value with a quoted CR LF
 * is loaded with its CR LF, a row with a stray quote and a ragged row are row errors, every row is counted; a quote
 * left open to the end fails the job with its code and position, and the row before it is loaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvInputIT {
    private static final String PROCESS_BODY = "{\"target_table\": \"customers\"}";

    private final String gateway = "http://localhost:" + PlatformProcesses.port(8080);
    private String token;

    @BeforeAll
    void startPlatform() {
        PlatformProcesses.shared();
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        token = given().baseUri(gateway).contentType("application/json")
                .body(Map.of("username", "admin", "password", PlatformProcesses.ADMIN_PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    private long upload(String name, String csv) {
        return given().baseUri(gateway).auth().oauth2(token)
                .multiPart("file", name, csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .when().post("/api/data/upload").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private long process(long fileId) {
        return given().baseUri(gateway).auth().oauth2(token).contentType("application/json").body(PROCESS_BODY)
                .when().post("/api/data/files/" + fileId + "/process")
                .then().statusCode(202).extract().jsonPath().getLong("job_id");
    }

    private JsonPath awaitJob(long jobId, String status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                        .then().statusCode(200).body("status", equalTo(status)));
        return given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId).then().extract().jsonPath();
    }

    @Test
    void a_quoted_crlf_is_loaded_as_written_and_misplaced_quotes_and_ragged_rows_are_counted_errors() {
        long fileId = upload("csv_conformance.csv", "customer_code,name,email\r\n"
                + "CSV1,\"Line one\r\nline two\",csv1@x.io\r\n"
                + "CSV2,Ann \"The\" Doe,csv2@x.io\r\n"
                + "CSV3,\"Bob\"by,csv3@x.io\r\n"
                + "CSV4,Cy\r\n"
                + "CSV5,\"Doe, \"\"JD\"\"\",csv5@x.io");
        long jobId = process(fileId);

        awaitJob(jobId, "completed");
        given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId).then()
                .body("progress.rows_read", equalTo(5)).body("progress.rows_loaded", equalTo(2))
                .body("progress.rows_rejected", equalTo(3));

        JsonPath errors = given().baseUri(gateway).auth().oauth2(token).queryParam("sort", "row_number")
                .when().get("/api/data/files/" + fileId + "/errors").then().statusCode(200)
                .body("total", equalTo(3)).extract().jsonPath();
        assertThat(errors.getList("items.row_number", Integer.class)).containsExactly(4, 5, 6);
        assertThat(errors.getList("items.error_type", String.class))
                .containsExactly("STRAY_QUOTE", "TEXT_AFTER_QUOTE", "MALFORMED_ROW");
        assertThat(errors.getString("items[0].error_message")).startsWith("A quote at line 4, column 10 ");

        JsonPath customers = given().baseUri(gateway).auth().oauth2(token).queryParam("source_file_id", fileId)
                .queryParam("sort", "customer_code").when().get("/api/data/customers")
                .then().statusCode(200).body("total", equalTo(2)).extract().jsonPath();
        assertThat(customers.getList("items.customer_code", String.class)).containsExactly("CSV1", "CSV5");
        assertThat(customers.getString("items[0].name")).isEqualTo("Line one\r\nline two");
        assertThat(customers.getString("items[1].name")).isEqualTo("Doe, \"JD\"");
    }

    @Test
    void a_quote_left_open_fails_the_job_at_its_position_in_preview_and_processing_and_keeps_the_row_before() {
        long fileId = upload("csv_unterminated.csv", "customer_code,name,email\r\n"
                + "CSV11,Kept,csv11@x.io\r\n"
                + "CSV12,\"Never closed,csv12@x.io\r\n"
                + "CSV13,Swallowed,csv13@x.io\r\n");

        String detail = given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + fileId + "/preview")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("CSV_UNTERMINATED_QUOTE")).body("line", equalTo(3)).body("column", equalTo(7))
                .extract().jsonPath().getString("detail");
        long jobId = process(fileId);

        JsonPath job = awaitJob(jobId, "failed");
        assertThat(job.getString("error_message"))
                .isEqualTo("The file could not be read after 1 row: " + detail
                        + "; the rows before it were kept, the rest of the file was not read")
                .contains("CSV_UNTERMINATED_QUOTE at line 3, column 7");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(gateway).auth().oauth2(token)
                .queryParam("source_file_id", fileId).when().get("/api/data/customers")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].customer_code", equalTo("CSV11")));
    }
}
