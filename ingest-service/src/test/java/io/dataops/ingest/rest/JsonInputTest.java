package io.dataops.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.ingest.parsing.JsonCases;
import io.dataops.ingest.service.RowEmitter;
import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON conformance table through the service: the preview answers each case's rows or its fault's code and
 * position as a 400 problem, and a processed run puts exactly those rows on the broker, then the closing marker
 * with their count, or a FileFailed naming the code, the position and the rows sent before it. No case may lose a
 * row: the rows on the broker are the rows the table expects, numbered 1, 2, 3...
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class JsonInputTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every input of the reported bugs, and at least one case of each kind of outcome. */
    private static final Set<String> THROUGH_THE_SERVICE = Set.of(
            "scalars_before_an_object", "a_missing_comma_after_a_number", "a_missing_value_between_commas",
            "a_second_decimal_point", "a_misspelt_literal", "a_syntax_error_on_the_third_line",
            "an_array_of_objects", "an_empty_array", "objects_one_a_line", "every_escape",
            "an_escaped_surrogate_pair_and_the_same_emoji_as_text", "long_numbers_kept_as_written",
            "exponents_kept_as_written", "a_nested_value_as_its_compact_json", "an_element_of_every_kind_but_object",
            "a_name_twice_in_one_object", "a_trailing_comma_in_the_array", "a_leading_zero", "not_a_number",
            "single_quotes", "a_line_comment", "an_escaped_low_surrogate_alone", "the_end_of_the_file_inside_the_array",
            "a_second_array", "a_top_level_number");

    @Inject
    RowEmitter emitter;

    static Stream<JsonCases.Case> cases() {
        List<JsonCases.Case> picked = JsonCases.ALL.stream().filter(c -> THROUGH_THE_SERVICE.contains(c.name())).toList();
        assertThat(picked).hasSameSizeAs(THROUGH_THE_SERVICE);
        return picked.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void preview_answers_the_rows_or_the_fault_with_its_code_and_position(JsonCases.Case expected) throws Exception {
        long fileId = upload(expected);

        Response preview = given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("rows", 100)
                .when().get("/api/data/files/" + fileId + "/preview");

        if (expected.fault() == null) {
            assertThat(preview.statusCode()).isEqualTo(200);
            JsonNode rows = JSON.readTree(preview.asString()).get("rows");
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).get("row_number").asLong()).isEqualTo(i + 1);
                outcomes.add(outcome(rows.get(i)));
            }
            assertThat(outcomes).containsExactlyElementsOf(expected.rows());
        } else {
            // a syntax error is never told as an encoding error: the code and position a run fails with
            assertThat(preview.statusCode()).isEqualTo(400);
            assertThat(preview.contentType()).startsWith("application/problem+json");
            assertThat(preview.jsonPath().getString("code")).isEqualTo(expected.fault().code().name());
            assertThat(preview.jsonPath().getString("detail")).contains(position(expected));
            assertThat(preview.jsonPath().getList("errors")).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_run_sends_every_row_read_and_ends_with_their_count_or_the_fault(JsonCases.Case expected) {
        long fileId = upload(expected);
        long jobId = 840_000_000L + fileId;
        QueuedRuns.queue(jobId, fileId, null);

        emitter.submit(jobId);

        List<FileRowsMessage> sent;
        if (expected.fault() == null) {
            sent = io.dataops.testing.RowMessages.inFileOrder(TestKafka.readUntil(Topics.FILE_ROWS_UPLOADED,
                    r -> ofJob(r, jobId), io.dataops.testing.RowMessages::complete, WAIT));
            RowsEnd end = (RowsEnd) sent.get(sent.size() - 1);
            assertThat(end.rowCount()).isEqualTo(expected.rows().size());
            assertThat(end.batchCount()).isEqualTo(sent.size() - 1);
        } else {
            PipelineEvent.FileFailed failed = (PipelineEvent.FileFailed) TestKafka.readUntil(Topics.PIPELINE_EVENTS,
                            r -> ofJob(r, jobId) && r.value().contains("FileFailed"), kept -> !kept.isEmpty(), WAIT)
                    .stream().map(r -> EventCodec.decode(r.value(), PipelineEvent.class)).findFirst().orElseThrow();
            int before = expected.rows().size();
            assertThat(failed.reason()).startsWith("The file could not be read after " + before
                            + (before == 1 ? " row: " : " rows: ") + expected.fault().code() + position(expected))
                    .endsWith("the rows before it were kept, the rest of the file was not read");
            // every batch went to the broker before the failure was told
            sent = io.dataops.testing.RowMessages.inFileOrder(
                    TestKafka.readFor(Topics.FILE_ROWS_UPLOADED, r -> ofJob(r, jobId), Duration.ofSeconds(2)));
            assertThat(sent).noneMatch(m -> m instanceof RowsEnd);
        }
        List<io.dataops.model.events.SourceRow> rows = sent.stream().filter(m -> m instanceof RowBatch)
                .flatMap(m -> ((RowBatch) m).rows().stream()).toList();
        assertThat(rows).extracting(JsonCases::outcome).containsExactlyElementsOf(expected.rows());
        assertThat(rows).extracting(io.dataops.model.events.SourceRow::rowNumber).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, rows.size()).boxed().toList());
    }

    private static String position(JsonCases.Case expected) {
        return " at line " + expected.fault().line() + ", column " + expected.fault().column() + ": ";
    }

    private static boolean ofJob(ConsumerRecord<String, String> record, long jobId) {
        return record.value().contains("\"jobId\":" + jobId + ",");
    }

    /** As {@link JsonCases#outcome}: the values in the file's order, or the row error's type. */
    private static String outcome(JsonNode row) {
        if (row.hasNonNull("values")) {
            Map<String, String> values = new LinkedHashMap<>();
            row.get("values").properties().forEach(field ->
                    values.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asText()));
            return values.toString();
        }
        return row.get("malformed_type").asText();
    }

    private static long upload(JsonCases.Case input) {
        return given().auth().oauth2(TestTokens.forRole("analyst"))
                .multiPart("file", input.name() + ".json", input.json().getBytes(StandardCharsets.UTF_8), "application/json")
                .when().post("/api/data/upload").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
