package io.dataops.validation.rules;

import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.TargetTables;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QualityScoreTest {

    @Test
    void the_score_is_the_mean_of_completeness_validity_and_uniqueness() {
        // 10 rows x 7 columns, 63 cells filled, 8 valid rows, 9 distinct customer codes
        QualityScore q = QualityScore.of(10, 70, 63, 8, 9);
        assertThat(q.completeness()).isEqualByComparingTo("0.9");
        assertThat(q.validity()).isEqualByComparingTo("0.8");
        assertThat(q.uniqueness()).isEqualByComparingTo("0.9");
        assertThat(q.score()).isEqualTo(new BigDecimal("0.8667"));
    }

    @Test
    void a_file_without_rows_scores_one() {
        assertThat(QualityScore.of(0, 0, 0, 0, 0).score()).isEqualByComparingTo("1");
    }

    @Test
    void blank_cells_and_malformed_rows_count_as_empty() {
        assertThat(QualityScore.filledCells(TargetTables.CUSTOMERS, SourceRow.of(2, Map.of("customer_code", "C1",
                "name", " ", "email", "a@x.io", "unknown_column", "x"), "raw"))).isEqualTo(2);
        assertThat(QualityScore.filledCells(TargetTables.CUSTOMERS, new SourceRow(3, Map.of(), "a,b", "2 fields, 7 expected")))
                .isZero();
    }
}
