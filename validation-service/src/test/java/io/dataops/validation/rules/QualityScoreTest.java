package io.dataops.validation.rules;

import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.TargetTables;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
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

    @Test
    void distinct_keys_are_the_keyed_rows_less_the_loaders_in_file_duplicates() {
        // 10 rows with a key, of which the loader rejected 2 because a lower row of the file holds their key
        assertThat(QualityScore.distinctKeysOf(10, 2)).isEqualTo(8);
        assertThat(QualityScore.distinctKeysOf(0, 0)).isZero();
    }

    @Test
    void a_row_counts_as_a_key_when_its_key_is_not_blank_and_validation_did_not_find_it_repeated() {
        SourceRow keyed = SourceRow.of(2, Map.of("customer_code", "C1", "name", "Ann"), "raw");
        assertThat(QualityScore.countsAsKey(TargetTables.CUSTOMERS, keyed, List.of())).isTrue();
        // an error on another field does not matter: the loader never sees the row, the key still counts
        assertThat(QualityScore.countsAsKey(TargetTables.CUSTOMERS, keyed, List.of(
                new RowError(2, "email", "x", ErrorType.FORMAT, "Invalid email format")))).isTrue();
        assertThat(QualityScore.countsAsKey(TargetTables.CUSTOMERS, keyed, List.of(new RowError(2, "customer_code", "C1",
                ErrorType.DUPLICATE, "customer_code 'C1' already appears at row 1 of this file")))).isFalse();
        assertThat(QualityScore.countsAsKey(TargetTables.CUSTOMERS,
                SourceRow.of(3, Map.of("customer_code", "  ", "name", "Bo"), "raw"), List.of())).isFalse();
        assertThat(QualityScore.countsAsKey(TargetTables.CUSTOMERS,
                new SourceRow(4, Map.of(), "a,b", "2 fields, 7 expected"), List.of())).isFalse();
    }
}
