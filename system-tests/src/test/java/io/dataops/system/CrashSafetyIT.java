package io.dataops.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * SIGKILLs validation-service and then loader-service in the middle of a 200,000-row file, starts each again with
 * ./dataops, and checks that the run ends exactly as an undisturbed run of this file must: every row read once,
 * the 4,000 rows with a bad email (every 50th) recorded once each, the other 196,000 loaded once each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(4)
class CrashSafetyIT {
    private static final int ROWS = 200_000;
    private static final int BAD_EVERY = 50;

    private PlatformProcesses platform;
    private final String gateway = "http://localhost:" + PlatformProcesses.port(8080);

    @BeforeAll
    void startPlatform() {
        platform = PlatformProcesses.shared();
    }

    private Path generate() throws IOException {
        Path file = platform.workDir().resolve("crash_customers_200k.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("customer_code,name,email,phone,country,segment,credit_limit\n");
            for (int i = 0; i < ROWS; i++) {
                String email = i % BAD_EVERY == 0 ? "no-at-sign" : "k" + i + "@example.com";
                out.write("K" + String.format("%08d", i) + ",Customer " + i + "," + email + ",+1-555-0100,USA,SMB,"
                        + (i % 1000) + ".00\n");
            }
        }
        return file;
    }

    private String login() {
        return given().baseUri(gateway).contentType("application/json")
                .body(Map.of("username", "admin", "password", PlatformProcesses.ADMIN_PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    private JsonPath job(String token, long jobId) {
        return given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void killing_validation_then_loader_mid_file_ends_with_the_rows_errors_and_counts_of_an_undisturbed_run() throws IOException {
        String token = login();
        long fileId = given().baseUri(gateway).auth().oauth2(token).multiPart("file", generate().toFile(), "text/csv")
                .when().post("/api/data/upload").then().statusCode(201).extract().jsonPath().getLong("id");
        long jobId = given().baseUri(gateway).auth().oauth2(token).contentType("application/json")
                .body("{\"target_table\":\"customers\",\"validation_rules\":{\"required_fields\":[\"customer_code\",\"name\"],"
                        + "\"email_format\":[\"email\"],\"positive_numbers\":[\"credit_limit\"]}}")
                .when().post("/api/data/files/" + fileId + "/process").then().statusCode(202)
                .extract().jsonPath().getLong("job_id");

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> job(token, jobId).getLong("progress.rows_valid") >= 30_000);
        platform.kill("validation");
        platform.start("validation");

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
                .until(() -> job(token, jobId).getLong("progress.rows_loaded") >= 100_000);
        assertThat(job(token, jobId).getString("status")).isEqualTo("running");
        platform.kill("loader");
        platform.start("loader");

        await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed".equals(job(token, jobId).getString("status")));
        JsonPath done = job(token, jobId);
        assertThat(done.getLong("progress.rows_read")).isEqualTo(ROWS);
        assertThat(done.getLong("progress.rows_rejected")).isEqualTo(ROWS / BAD_EVERY);
        assertThat(done.getLong("progress.rows_valid")).isEqualTo(ROWS - ROWS / BAD_EVERY);
        assertThat(done.getLong("progress.rows_loaded")).isEqualTo(ROWS - ROWS / BAD_EVERY);

        given().baseUri(gateway).auth().oauth2(token).queryParam("source_file_id", fileId).queryParam("limit", 1)
                .when().get("/api/data/customers").then().body("total", equalTo(ROWS - ROWS / BAD_EVERY));

        Set<Long> errorRows = new HashSet<>();
        int errorCount = 0;
        for (int page = 1; ; page++) {
            JsonPath errors = given().baseUri(gateway).auth().oauth2(token).queryParam("limit", 500).queryParam("page", page)
                    .when().get("/api/data/files/" + fileId + "/errors").then().statusCode(200).extract().jsonPath();
            var rows = errors.getList("items.row_number", Long.class);
            assertThat(errors.getList("items.error_type", String.class)).containsOnly("FORMAT");
            errorRows.addAll(rows);
            errorCount += rows.size();
            if (page >= errors.getInt("pages")) {
                break;
            }
        }
        Set<Long> expected = LongStream.range(0, ROWS).filter(i -> i % BAD_EVERY == 0).map(i -> i + 2)
                .boxed().collect(Collectors.toSet());
        assertThat(errorCount).as("each bad row recorded exactly once").isEqualTo(ROWS / BAD_EVERY);
        assertThat(errorRows).isEqualTo(expected);
    }
}
