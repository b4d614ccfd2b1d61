package io.dataops.loader.mapping;

import io.dataops.loader.mapping.DuplicateCheck.Provenance;
import io.dataops.loader.mapping.KeyClaims.Action;
import io.dataops.loader.mapping.KeyClaims.Decision;
import io.dataops.model.events.LoadMode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** File 7, run (job) 100 unless a test says otherwise. */
class KeyClaimsTest {

    private static KeyClaims claims(Map<String, Provenance> stored, LoadMode mode) {
        return new KeyClaims("customer_code", stored, 7, 100, mode);
    }

    @Test
    void a_key_nobody_holds_is_inserted() {
        assertThat(claims(Map.of(), LoadMode.INSERT).decide(2, "C1").action()).isEqualTo(Action.INSERT);
    }

    @Test
    void a_key_repeated_in_the_batch_is_a_duplicate_of_its_lower_row() {
        KeyClaims claims = claims(Map.of(), LoadMode.INSERT);
        claims.decide(3, "C1");

        Decision higher = claims.decide(9, "C1");

        assertThat(higher.action()).isEqualTo(Action.DUPLICATE);
        assertThat(higher.reason()).isEqualTo("customer_code 'C1' appears earlier in this file (row 3)");
        assertThat(higher.duplicateOfRow()).isEqualTo(3L);
    }

    @Test
    void a_key_stored_by_a_lower_row_of_the_run_makes_this_row_the_duplicate() {
        Decision decision = claims(Map.of("C1", new Provenance(7, 100, 2)), LoadMode.INSERT).decide(9, "C1");

        assertThat(decision.action()).isEqualTo(Action.DUPLICATE);
        assertThat(decision.reason()).isEqualTo("customer_code 'C1' appears earlier in this file (row 2)");
        assertThat(decision.duplicateOfRow()).isEqualTo(2L);
    }

    @Test
    void a_lower_row_displaces_a_higher_row_the_same_run_stored_which_gets_the_message_a_run_in_order_gives_it() {
        Decision decision = claims(Map.of("C1", new Provenance(7, 100, 900)), LoadMode.INSERT).decide(2, "C1");

        assertThat(decision.action()).isEqualTo(Action.OVERWRITE);
        assertThat(decision.stored()).isEqualTo(new Provenance(7, 100, 900));
        assertThat(decision.displaced().rowNumber()).isEqualTo(900);
        assertThat(decision.displaced().reason()).isEqualTo("customer_code 'C1' appears earlier in this file (row 2)");
    }

    @Test
    void a_higher_row_an_earlier_run_of_the_file_stored_is_not_displaced() {
        Decision decision = claims(Map.of("C1", new Provenance(7, 99, 900)), LoadMode.UPSERT).decide(2, "C1");

        assertThat(decision.action()).isEqualTo(Action.DUPLICATE);
        assertThat(decision.reason())
                .isEqualTo("customer_code 'C1' was already loaded from this file by an earlier run (row 900)");
        assertThat(decision.duplicateOfRow()).isEqualTo(900L);
    }

    @Test
    void the_same_row_of_the_file_again_changes_nothing() {
        assertThat(claims(Map.of("C1", new Provenance(7, 99, 2)), LoadMode.INSERT).decide(2, "C1").action())
                .isEqualTo(Action.UNCHANGED);
        assertThat(claims(Map.of("C1", new Provenance(7, 100, 2)), LoadMode.UPSERT).decide(2, "C1").action())
                .isEqualTo(Action.UNCHANGED);
    }

    @Test
    void another_files_key_is_a_duplicate_on_insert_and_an_update_on_upsert_and_no_in_file_duplicate() {
        Map<String, Provenance> stored = Map.of("C1", new Provenance(3, 50, 4));

        Decision insert = claims(stored, LoadMode.INSERT).decide(2, "C1");
        Decision upsert = claims(stored, LoadMode.UPSERT).decide(2, "C1");

        assertThat(insert.action()).isEqualTo(Action.DUPLICATE);
        assertThat(insert.reason()).isEqualTo("customer_code 'C1' was already loaded from file 3 (row 4)");
        assertThat(insert.duplicateOfRow()).isNull();
        assertThat(upsert.action()).isEqualTo(Action.OVERWRITE);
        assertThat(upsert.displaced()).isNull();
    }

    @Test
    void after_an_upsert_a_higher_row_of_the_batch_with_the_same_key_is_an_in_file_duplicate() {
        KeyClaims claims = claims(Map.of("C1", new Provenance(3, 50, 4)), LoadMode.UPSERT);
        claims.decide(2, "C1");

        Decision higher = claims.decide(5, "C1");

        assertThat(higher.action()).isEqualTo(Action.DUPLICATE);
        assertThat(higher.duplicateOfRow()).isEqualTo(2L);
    }

    @Test
    void a_refused_row_gives_its_key_back_to_a_higher_row_of_the_batch() {
        KeyClaims claims = claims(Map.of("C1", new Provenance(7, 100, 900)), LoadMode.INSERT);
        Decision lower = claims.decide(2, "C1");
        claims.refused(lower);

        Decision next = claims.decide(5, "C1");

        assertThat(next.action()).isEqualTo(Action.OVERWRITE);
        assertThat(next.displaced().rowNumber()).isEqualTo(900);
        assertThat(next.displaced().reason()).isEqualTo("customer_code 'C1' appears earlier in this file (row 5)");
    }
}
