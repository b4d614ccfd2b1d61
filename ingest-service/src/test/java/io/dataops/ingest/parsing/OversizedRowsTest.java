package io.dataops.ingest.parsing;

import io.dataops.model.events.SourceRow;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Rows and values beyond ingest's limits are row errors, and the rows after them are still read. Inputs are
 * generated as streams, never held whole: a 64 MiB row would have to be buffered by a reader without the limit.
 */
class OversizedRowsTest {
    private static final RecordLimits LIMITS = new RecordLimits(256 * 1024, 64 * 1024);

    /** {@code count} copies of {@code unit}, produced as they are read. */
    private static InputStream repeated(String unit, long count) {
        byte[] bytes = unit.getBytes(StandardCharsets.UTF_8);
        long total = count * bytes.length;
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position >= total ? -1 : bytes[(int) (position++ % bytes.length)] & 0xff;
            }

            @Override
            public int read(byte[] target, int off, int len) {
                if (position >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - position);
                for (int i = 0; i < n; i++) {
                    target[off + i] = bytes[(int) (position++ % bytes.length)];
                }
                return n;
            }
        };
    }

    private static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Reader concat(InputStream... parts) {
        return new InputStreamReader(new SequenceInputStream(Collections.enumeration(List.of(parts))), StandardCharsets.UTF_8);
    }

    private static List<SourceRow> readCsv(Reader source) throws Exception {
        List<SourceRow> rows = new ArrayList<>();
        try (CsvRowReader reader = new CsvRowReader(source, ',', LIMITS)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static List<SourceRow> readJson(Reader source) throws Exception {
        List<SourceRow> rows = new ArrayList<>();
        try (JsonRowReader reader = new JsonRowReader(source, LIMITS)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void a_csv_row_of_64_mib_is_a_record_too_large_error_and_the_rows_after_it_keep_their_line_numbers() throws Exception {
        List<SourceRow> rows = readCsv(concat(
                text("customer_code,name,email\nC1,Ann,a@x.io\nC2,\""),
                // a quoted field with line breaks in it, 64 MiB long: lines 3 to 3 + 1 Mi of the file
                repeated("abcdefghijklmnopqrstuvwxyz01234,line\nbreak,xyzzy-quoted-text-of-sixty-four", 1024 * 1024),
                text("\",b@x.io\nC3,Cy,c@x.io\n")));

        assertThat(rows).extracting(SourceRow::rowNumber, SourceRow::malformedType)
                // row C2 starts on line 3 and its field holds 1 Mi line breaks, so C3 is on the line after its last one
                .containsExactly(tuple(2L, null), tuple(3L, RecordLimits.RECORD_TOO_LARGE), tuple(3L + 1024 * 1024 + 1, null));
        assertThat(rows.get(1).values()).isNull();
        assertThat(rows.get(1).malformed()).contains("more than 262144 characters");
        assertThat(rows.get(2).values()).containsEntry("customer_code", "C3").containsEntry("email", "c@x.io");
    }

    @Test
    void a_csv_value_beyond_the_field_limit_is_a_field_too_large_error_naming_the_field() throws Exception {
        String wide = "w".repeat(64 * 1024 + 1);
        List<SourceRow> rows = readCsv(concat(text("customer_code,name,email\nC1," + wide + ",a@x.io\nC2,Bob,b@x.io\n")));

        assertThat(rows).extracting(SourceRow::rowNumber, SourceRow::malformedType)
                .containsExactly(tuple(2L, RecordLimits.FIELD_TOO_LARGE), tuple(3L, null));
        assertThat(rows.get(0).malformed()).isEqualTo(
                "Field 'name' has 65537 characters, more than the limit of 65536; the row was not read");
        assertThat(rows.get(0).raw()).startsWith("C1,www").hasSizeLessThanOrEqualTo(1003);
        assertThat(rows.get(1).values()).containsEntry("customer_code", "C2");
    }

    @Test
    void a_value_at_the_field_limit_is_read() throws Exception {
        String wide = "w".repeat(64 * 1024);
        List<SourceRow> rows = readCsv(concat(text("customer_code,name\nC1," + wide + "\n")));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.malformed()).isNull();
            assertThat(row.values().get("name")).hasSize(64 * 1024);
        });
    }

    @Test
    void a_json_element_of_64_mib_is_a_record_too_large_error_and_the_elements_after_it_are_read() throws Exception {
        List<SourceRow> rows = readJson(concat(
                text("[{\"customer_code\":\"C1\"},{\"customer_code\":\"C2\",\"notes\":\""),
                // braces and escaped quotes inside the string must not end the element
                repeated("}{ \\\" ]][ text of the note ", 2 * 1024 * 1024),
                text("\"},{\"customer_code\":\"C3\",\"name\":\"Cy\"}]")));

        assertThat(rows).extracting(SourceRow::rowNumber, SourceRow::malformedType)
                .containsExactly(tuple(1L, null), tuple(2L, RecordLimits.RECORD_TOO_LARGE), tuple(3L, null));
        assertThat(rows.get(2).values()).containsEntry("customer_code", "C3").containsEntry("name", "Cy");
    }

    @Test
    void an_ndjson_value_beyond_the_field_limit_is_a_field_too_large_error() throws Exception {
        String wide = "w".repeat(70_000);
        List<SourceRow> rows = readJson(concat(text("{\"customer_code\":\"C1\",\"name\":\"" + wide + "\"}\n"
                + "{\"customer_code\":\"C2\"}\n")));

        assertThat(rows).extracting(SourceRow::rowNumber, SourceRow::malformedType)
                .containsExactly(tuple(1L, RecordLimits.FIELD_TOO_LARGE), tuple(2L, null));
        assertThat(rows.get(0).malformed()).startsWith("Field 'name' has 70000 characters");
    }
}
