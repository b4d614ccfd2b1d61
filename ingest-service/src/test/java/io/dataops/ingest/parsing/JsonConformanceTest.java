package io.dataops.ingest.parsing;

import io.dataops.model.events.SourceRow;
import io.dataops.model.problem.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a JSON file gives, case by case, from docs/input-formats.md ("JSON") and RFC 8259: the rows read (exact values),
 * the row errors (element number and type) and, for a file that is not JSON rows, the code, line and column it stops
 * at. Every case also checks that nothing is dropped: each element read is a row or a row error, in order.
 * {@link JsonCases} is shared with the tests that run the same inputs through preview and a processed job.
 */
class JsonConformanceTest {

    static Stream<Arguments> cases() {
        return JsonCases.ALL.stream().map(c -> Arguments.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reads_the_file_as_the_input_formats_document_says(String name, JsonCases.Case expected) {
        JsonCases.Reading reading = JsonCases.read(expected.json());
        List<SourceRow> rows = reading.rows();
        InvalidJsonException fault = reading.fault();

        assertThat(rows).extracting(JsonCases::outcome).as("rows of %s", expected.json())
                .containsExactlyElementsOf(expected.rows());
        // every element read is there, numbered 1, 2, 3... in the file's order: nothing skipped without a row error
        assertThat(rows).extracting(SourceRow::rowNumber)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, rows.size()).boxed().toList());
        if (expected.fault() == null) {
            assertThat(fault).as("fault of %s", expected.json()).isNull();
        } else {
            assertThat(fault).as("fault of %s", expected.json()).isNotNull();
            assertThat(new Object[]{fault.code(), fault.line(), fault.column()})
                    .containsExactly(expected.fault().code(), expected.fault().line(), expected.fault().column());
        }
    }

    @Test
    void numbers_reach_the_row_exactly_as_written() throws Exception {
        List<SourceRow> rows = new ArrayList<>();
        try (JsonRowReader reader = new JsonRowReader(new StringReader(
                "[{\"big\":12345678901234567890123,\"fine\":0.1000000000000000000001,\"e\":1.50E+3,\"neg\":-0,"
                        + "\"nested\":{\"n\":12345678901234567890123.000}}]"))) {
            reader.forEachRemaining(rows::add);
        }
        assertThat(rows.get(0).values()).containsEntry("big", "12345678901234567890123")
                .containsEntry("fine", "0.1000000000000000000001").containsEntry("e", "1.50E+3")
                .containsEntry("neg", "-0").containsEntry("nested", "{\"n\":12345678901234567890123.000}");
        assertThat(rows.get(0).raw()).isEqualTo("{\"big\":12345678901234567890123,\"fine\":0.1000000000000000000001,"
                + "\"e\":1.50E+3,\"neg\":-0,\"nested\":{\"n\":12345678901234567890123.000}}");
    }

    @Test
    void nesting_is_read_to_the_documented_depth_and_refused_one_level_beyond() {
        // the top-level array is level 1, the row object level 2, then 62 more levels of arrays: 64 in all
        String deepest = "[{\"d\":" + "[".repeat(62) + "]".repeat(62) + "}]";
        String tooDeep = "[{\"d\":" + "[".repeat(63) + "]".repeat(63) + "}]";

        assertThat(JsonCases.read(deepest).rows()).extracting(r -> r.values().get("d"))
                .containsExactly("[".repeat(62) + "]".repeat(62));
        InvalidJsonException fault = JsonCases.read(tooDeep).fault();
        assertThat(fault.code()).isEqualTo(ErrorCode.JSON_TOO_DEEP);
        // the 65th opening bracket: 6 characters of '[{"d":' then 62 brackets, so column 7 + 62
        assertThat(new long[]{fault.line(), fault.column()}).containsExactly(1, 69);
    }

    @Test
    void a_string_or_array_element_longer_than_a_record_is_a_record_too_large_error_and_the_next_element_is_read() {
        String json = "[\"" + "s".repeat(500) + "\", [" + "1,".repeat(300) + "1], {\"a\":\"" + "v".repeat(60) + "\"}, {\"a\":1}]";

        JsonCases.Reading reading = JsonCases.read(json, new RecordLimits(100, 50));

        assertThat(reading.fault()).isNull();
        assertThat(reading.rows()).extracting(JsonCases::outcome).containsExactly(RecordLimits.RECORD_TOO_LARGE,
                RecordLimits.RECORD_TOO_LARGE, RecordLimits.FIELD_TOO_LARGE, "{a=1}");
    }

    @Test
    void a_bare_number_element_longer_than_any_token_may_be_stops_the_file_with_its_position() {
        // records are 100 characters here, so the parser takes tokens of up to 1000 (its floor); this number has 1001
        JsonCases.Reading reading = JsonCases.read("[{\"a\":1},\n" + "7".repeat(1001) + "]", new RecordLimits(100, 50));

        assertThat(reading.rows()).extracting(JsonCases::outcome).containsExactly("{a=1}");
        assertThat(reading.fault().code()).isEqualTo(ErrorCode.JSON_VALUE_TOO_LONG);
        assertThat(reading.fault().line()).isEqualTo(2);
    }
}
