package io.dataops.ingest.rest;

import io.dataops.ingest.service.RowEmitter;
import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.SourceRow;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV files as a user meets them: uploaded, previewed, and processed onto Kafka. Each case must give the same rows
 * (exact values) and row errors in the preview and in the row batches, or the same code, position and sentence in the
 * preview's 400 problem and in the failed file's error; and every row read is in a batch and in the count the run
 * reports (docs/input-formats.md, "CSV").
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class CsvFilesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> COLUMNS = List.of("customer_code", "name", "email");
    private static final String HEADER = "customer_code,name,email\r\n";

    @Inject
    RowEmitter emitter;

    /** Rows as "line: [values in column order]" or "line: ERROR_TYPE"; a rejection as its code, line and column. */
    record Case(String name, String csv, List<String> rows, String code, long line, long column) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case reads(String name, String csv, String... rows) {
        return new Case(name, csv, List.of(rows), null, 0, 0);
    }

    static Case rejects(String name, String csv, String code, long line, long column, String... rowsBefore) {
        return new Case(name, csv, List.of(rowsBefore), code, line, column);
    }

    static Stream<Case> cases() {
        return Stream.of(
                reads("a CR LF inside a quoted field arrives as CR LF", HEADER + "C1,\"x\r\ny\",a@x.io\r\n",
                        "2: [C1, x\\r\\ny, a@x.io]"),
                reads("an LF inside a quoted field arrives as LF", HEADER + "C1,\"x\ny\",a@x.io\r\n",
                        "2: [C1, x\\ny, a@x.io]"),
                reads("quoted delimiters and doubled quotes arrive as the text they stand for",
                        HEADER + "C1,\"Doe, \"\"JD\"\" John\",a@x.io\r\n", "2: [C1, Doe, \"JD\" John, a@x.io]"),
                reads("an empty field and an empty quoted field both arrive empty", HEADER + "C1,,\"\"\r\n",
                        "2: [C1, , ]"),
                reads("spaces around fields arrive as written", HEADER + " C1 , Ann ,a@x.io\r\n", "2: [ C1 ,  Ann , a@x.io]"),
                reads("the last row needs no line break", HEADER + "C1,Ann,a@x.io\r\nC2,Bob,b@x.io",
                        "2: [C1, Ann, a@x.io]", "3: [C2, Bob, b@x.io]"),
                reads("LF and lone CR line breaks separate rows too", "customer_code,name,email\nC1,Ann,a@x.io\rC2,Bob,b@x.io\r",
                        "2: [C1, Ann, a@x.io]", "3: [C2, Bob, b@x.io]"),
                reads("blank lines are skipped and rows keep their file line", HEADER + "\r\nC1,Ann,a@x.io\r\n\r\n",
                        "3: [C1, Ann, a@x.io]"),
                reads("a byte order mark and header case and spaces do not change the columns",
                        "\uFEFFCustomer_Code, Name ,EMAIL\r\nC1,Ann,a@x.io\r\n", "2: [C1, Ann, a@x.io]"),
                reads("rows with too few or too many fields are malformed rows and the rows after them arrive",
                        HEADER + "C1,Ann\r\nC2,Bob,b@x.io,extra\r\nC3,Cy,c@x.io\r\n",
                        "2: MALFORMED_ROW", "3: MALFORMED_ROW", "4: [C3, Cy, c@x.io]"),
                reads("a stray quote is a row error and the rows after it arrive", HEADER + "C1,An\"n,a@x.io\r\nC2,Bob,b@x.io\r\n",
                        "2: STRAY_QUOTE", "3: [C2, Bob, b@x.io]"),
                reads("text after a closing quote is a row error and the rows after it arrive",
                        HEADER + "C1,\"Ann\"e,a@x.io\r\nC2,Bob,b@x.io\r\n", "2: TEXT_AFTER_QUOTE", "3: [C2, Bob, b@x.io]"),
                rejects("a quote open to the end of the file fails it at the quote and the rows before it arrive",
                        HEADER + "C1,Ann,a@x.io\r\nC2,\"Bob,b@x.io\r\nC3,Cy,c@x.io\r\n", "CSV_UNTERMINATED_QUOTE", 3, 4,
                        "2: [C1, Ann, a@x.io]"),
                rejects("an empty header name fails the file", "customer_code,,email\r\nC1,Ann,a@x.io\r\n",
                        "CSV_EMPTY_HEADER", 1, 15),
                rejects("a repeated header name fails the file", "customer_code,name,Customer_Code\r\nC1,Ann,C1\r\n",
                        "CSV_DUPLICATE_HEADER", 1, 20),
                rejects("a stray quote in the header fails the file", "customer_code,na\"me,email\r\nC1,Ann,a@x.io\r\n",
                        "CSV_MALFORMED_HEADER", 1, 17));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_csv_file_gives_the_same_rows_errors_and_faults_in_preview_and_processing(Case c) {
        long fileId = given().auth().oauth2(TestTokens.forRole("analyst"))
                .multiPart("file", "conformance.csv", c.csv().getBytes(StandardCharsets.UTF_8), "text/csv")
                .when().post("/api/data/upload").then().statusCode(201).extract().jsonPath().getLong("id");

        var preview = given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("rows", 100)
                .when().get("/api/data/files/" + fileId + "/preview").then();
        long jobId = 830_000_000L + fileId;
        QueuedRuns.queue(jobId, fileId, ",");
        emitter.submit(jobId);

        if (c.code() == null) {
            JsonPath body = preview.statusCode(200).extract().jsonPath();
            assertThat(body.getList("columns")).containsExactlyElementsOf(COLUMNS);
            List<Map<String, Object>> previewRows = body.getList("rows");
            assertThat(previewRows.stream().map(CsvFilesTest::describe).toList()).containsExactlyElementsOf(c.rows());

            List<FileRowsMessage> sent = io.dataops.testing.RowMessages.inFileOrder(
                    TestKafka.readUntil(Topics.FILE_ROWS_UPLOADED, forJob(jobId), io.dataops.testing.RowMessages::complete, WAIT));
            List<SourceRow> rows = rowsOf(sent);
            assertThat(rows.stream().map(CsvFilesTest::describe).toList()).containsExactlyElementsOf(c.rows());
            RowsEnd end = (RowsEnd) sent.get(sent.size() - 1);
            assertThat(end.rowCount()).as("rows counted by the closing marker").isEqualTo(c.rows().size());
            assertThat(end.batchCount()).isEqualTo(sent.size() - 1);
        } else {
            String expectedStart = c.code() + " at line " + c.line() + ", column " + c.column() + ": ";
            JsonPath problem = preview.statusCode(400).contentType("application/problem+json").extract().jsonPath();
            assertThat(problem.getString("code")).isEqualTo(c.code());
            assertThat(problem.getLong("line")).isEqualTo(c.line());
            assertThat(problem.getLong("column")).isEqualTo(c.column());
            String detail = problem.getString("detail");
            assertThat(detail).startsWith(expectedStart);

            List<ConsumerRecord<String, String>> failed = TestKafka.readUntil(Topics.PIPELINE_EVENTS,
                    r -> r.value().contains("\"FileFailed\"") && r.value().contains("\"jobId\":" + jobId),
                    found -> !found.isEmpty(), WAIT);
            String reason = ((PipelineEvent.FileFailed) EventCodec.decode(failed.get(0).value(), PipelineEvent.class)).reason();
            // the job's error carries the preview's sentence, and says how many rows went on before it
            assertThat(reason).isEqualTo("The file could not be read after " + c.rows().size()
                    + (c.rows().size() == 1 ? " row: " : " rows: ") + detail
                    + "; the rows before it were kept, the rest of the file was not read");
            // every batch is on the broker before FileFailed is sent
            List<FileRowsMessage> sent = io.dataops.testing.RowMessages.inFileOrder(
                    TestKafka.readFor(Topics.FILE_ROWS_UPLOADED, forJob(jobId), Duration.ofSeconds(1)));
            assertThat(sent).noneMatch(m -> m instanceof RowsEnd);
            assertThat(rowsOf(sent).stream().map(CsvFilesTest::describe).toList()).containsExactlyElementsOf(c.rows());
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("viewer"))
                    .when().get("/api/data/files/" + fileId).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("failed"))
                    .body("error_message", org.hamcrest.Matchers.equalTo(reason)));
        }
    }

    private static java.util.function.Predicate<ConsumerRecord<String, String>> forJob(long jobId) {
        return r -> r.value().contains("\"jobId\":" + jobId + ",");
    }

    private static List<SourceRow> rowsOf(List<FileRowsMessage> sent) {
        List<SourceRow> rows = new ArrayList<>();
        sent.stream().filter(m -> m instanceof RowBatch).forEach(m -> rows.addAll(((RowBatch) m).rows()));
        return rows;
    }

    private static String describe(SourceRow row) {
        if (row.malformed() != null) {
            return row.rowNumber() + ": " + (row.malformedType() == null ? "MALFORMED_ROW" : row.malformedType());
        }
        assertThat(row.values().keySet()).containsExactlyElementsOf(COLUMNS);
        return row.rowNumber() + ": " + COLUMNS.stream().map(row.values()::get).map(CsvFilesTest::visible).toList();
    }

    @SuppressWarnings("unchecked")
    private static String describe(Map<String, Object> row) {
        Number line = (Number) row.get("row_number");
        if (row.get("malformed") != null) {
            Object type = row.get("malformed_type");
            return line + ": " + (type == null ? "MALFORMED_ROW" : type);
        }
        Map<String, String> values = (Map<String, String>) row.get("values");
        assertThat(values.keySet()).containsExactlyInAnyOrderElementsOf(COLUMNS);
        return line + ": " + COLUMNS.stream().map(values::get).map(CsvFilesTest::visible).toList();
    }

    private static String visible(String value) {
        return value.replace("\r", "\\r").replace("\n", "\\n");
    }
}
