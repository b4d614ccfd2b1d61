package io.dataops.ingest.parsing;

import io.dataops.model.events.SourceRow;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRowReaderTest {

    private static List<SourceRow> readAll(Reader source) throws Exception {
        List<SourceRow> rows = new ArrayList<>();
        try (CsvRowReader reader = new CsvRowReader(source, ',')) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void maps_trimmed_lower_cased_header_names_and_skips_the_byte_order_mark() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/customers_with_bom_crlf_quotes_and_short_row.csv").toURI());
        List<SourceRow> rows = readAll(Files.newBufferedReader(file, StandardCharsets.UTF_8));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).values()).containsExactly(
                org.assertj.core.api.Assertions.entry("customer_code", "C1"),
                org.assertj.core.api.Assertions.entry("name", "Doe, John"),
                org.assertj.core.api.Assertions.entry("email", "j@x.io"));
    }

    @Test
    void keeps_quoted_line_breaks_and_quotes_inside_one_field_and_numbers_rows_by_file_line() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/customers_with_bom_crlf_quotes_and_short_row.csv").toURI());
        List<SourceRow> rows = readAll(Files.newBufferedReader(file, StandardCharsets.UTF_8));

        assertThat(rows.get(1).values().get("name")).isEqualTo("Multi\r\nline \"quoted\"");
        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(2L, 3L, 5L);
    }

    @Test
    void marks_a_row_with_too_few_fields_as_malformed_instead_of_failing_the_file() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/customers_with_bom_crlf_quotes_and_short_row.csv").toURI());
        List<SourceRow> rows = readAll(Files.newBufferedReader(file, StandardCharsets.UTF_8));

        assertThat(rows.get(2).malformed()).isEqualTo("Expected 3 fields as in the header, found 2");
        assertThat(rows.get(0).malformed()).isNull();
    }

    @Test
    void reproduces_the_raw_row_with_csv_quoting() throws Exception {
        List<SourceRow> rows = readAll(new StringReader("a,b\n\"x,1\",y\nplain,\"q\"\"uote\"\n"));

        assertThat(rows.get(0).raw()).isEqualTo("\"x,1\",y");
        assertThat(rows.get(1).raw()).isEqualTo("plain,\"q\"\"uote\"");
    }

    @Test
    void a_file_with_only_a_header_has_no_rows() throws Exception {
        assertThat(readAll(new StringReader("a,b\n"))).isEmpty();
    }
}
