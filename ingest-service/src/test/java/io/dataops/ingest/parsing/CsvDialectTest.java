package io.dataops.ingest.parsing;

import io.dataops.model.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvDialectTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "#", value = {
            "a,b,c#,", "a;b;c#;", "a|b|c#|", "a\\tb\\tc#tab", "single#,", "\"x;y\",b,c#,", "a;b,c;d#;"})
    void detects_the_delimiter_from_the_header_outside_quotes(String header, String expected) throws Exception {
        assertThat(CsvDialect.detectDelimiter(new StringReader(header.replace("\\t", "\t") + "\n1,2,3\n")))
                .isEqualTo(CsvDialect.delimiter(expected));
    }

    @Test
    void names_tab_and_the_usual_encodings_and_refuses_others_with_the_field_named() {
        assertThat(CsvDialect.delimiter("tab")).isEqualTo('\t');
        assertThat(CsvDialect.delimiter(null)).isNull();
        assertThat(CsvDialect.encoding("Windows-1252").name()).isEqualTo("windows-1252");
        assertThat(CsvDialect.encoding(null)).isEqualTo(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CsvDialect.encoding("ebcdic")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("encoding"));
        assertThatThrownBy(() -> CsvDialect.delimiter("#")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("delimiter"));
    }
}
