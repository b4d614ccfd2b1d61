package io.dataops.model.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellTest {

    @Test
    void a_cell_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote() {
        assertThat(CsvCell.formulaSafe("=HYPERLINK(\"http://x.example\",\"y\")"))
                .isEqualTo("'=HYPERLINK(\"http://x.example\",\"y\")");
        assertThat(CsvCell.formulaSafe("+1")).isEqualTo("'+1");
        assertThat(CsvCell.formulaSafe("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCell.formulaSafe("@SUM(1)")).isEqualTo("'@SUM(1)");
        assertThat(CsvCell.formulaSafe("\tx")).isEqualTo("'\tx");
        assertThat(CsvCell.formulaSafe("\rx")).isEqualTo("'\rx");
    }

    @Test
    void ordinary_text_empty_and_null_stay_as_they_are() {
        assertThat(CsvCell.formulaSafe("Ann = Bob")).isEqualTo("Ann = Bob");
        assertThat(CsvCell.formulaSafe("")).isEmpty();
        assertThat(CsvCell.formulaSafe(null)).isNull();
    }
}
