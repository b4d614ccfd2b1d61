package io.dataops.ingest.parsing;

import io.dataops.model.events.SourceRow;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ReadFaultsTest {

    @Test
    void a_json_syntax_error_is_told_with_its_line_and_column_and_the_rows_read_before_it() throws Exception {
        String json = "[{\"customer_code\":\"J1\"},\n{\"customer_code\":\"J2\"},\n{\"customer_code\": oops}]";
        List<SourceRow> rows = new ArrayList<>();
        Throwable fault;
        try (JsonRowReader reader = new JsonRowReader(new StringReader(json))) {
            fault = catchThrowable(() -> {
                while (reader.hasNext()) {
                    rows.add(reader.next());
                }
            });
        }
        assertThat(rows).extracting(r -> r.values().get("customer_code")).containsExactly("J1", "J2");
        assertThat(fault).isInstanceOf(InvalidJsonException.class);

        String message = ReadFaults.describe(fault, rows.size());
        assertThat(message).startsWith("The file could not be read after 2 rows: JSON_SYNTAX_ERROR at line 3, column 19: ")
                .contains("'oops'")
                .endsWith("the rows before it were kept, the rest of the file was not read");
    }

    @Test
    void undecodable_bytes_point_at_the_encoding_setting() {
        String message = ReadFaults.describe(new UncheckedIOException(new MalformedInputException(1)), 1);
        assertThat(message).isEqualTo("The file could not be read after 1 row: bytes the file's encoding cannot decode"
                + " (choose the encoding when processing); the rows before it were kept, the rest of the file was not read");
    }
}
