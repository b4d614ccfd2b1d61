package io.dataops.loader.mapping;

import io.dataops.loader.mapping.DuplicateCheck.Provenance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateCheckTest {

    @Test
    void the_same_row_of_the_same_file_in_a_later_run_is_no_duplicate() {
        assertThat(DuplicateCheck.duplicateReason("customer_code", "C1", new Provenance(7, 100, 2), 7, 101, 2)).isNull();
    }

    @Test
    void the_same_row_replayed_by_the_same_run_after_a_lost_ledger_row_is_no_duplicate() {
        assertThat(DuplicateCheck.duplicateReason("customer_code", "C1", new Provenance(7, 100, 2), 7, 100, 2)).isNull();
    }

    @Test
    void a_key_seen_earlier_in_the_same_run_is_a_duplicate_within_the_file() {
        assertThat(DuplicateCheck.duplicateReason("customer_code", "C1", new Provenance(7, 100, 2), 7, 100, 9))
                .isEqualTo("customer_code 'C1' appears earlier in this file (row 2)");
    }

    @Test
    void a_second_occurrence_stays_a_duplicate_when_the_file_is_run_again() {
        assertThat(DuplicateCheck.duplicateReason("customer_code", "C1", new Provenance(7, 100, 2), 7, 101, 9))
                .isEqualTo("customer_code 'C1' appears earlier in this file (row 2)");
    }

    @Test
    void a_key_loaded_from_another_file_is_a_duplicate_naming_that_file() {
        assertThat(DuplicateCheck.duplicateReason("customer_code", "C1", new Provenance(3, 50, 4), 7, 101, 2))
                .isEqualTo("customer_code 'C1' was already loaded from file 3 (row 4)");
    }
}
