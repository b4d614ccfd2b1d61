package io.dataops.platform.closing;

import org.junit.jupiter.api.Test;

import static io.dataops.platform.closing.ClosingRule.Verdict.CLOSE;
import static io.dataops.platform.closing.ClosingRule.Verdict.DONE;
import static io.dataops.platform.closing.ClosingRule.Verdict.WAIT;
import static io.dataops.platform.closing.ClosingRule.decide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who closes a run (docs/adr/0024-one-file-across-partitions.md): the arrival that completes it, once. */
class ClosingRuleTest {

    @Test
    void a_batch_before_the_closing_marker_waits_even_when_it_is_the_last_batch() {
        assertThat(decide(null, 3, null, false, "batch 3")).isEqualTo(WAIT);
    }

    @Test
    void a_batch_that_leaves_batches_missing_waits() {
        assertThat(decide(3L, 2, null, false, "batch 1")).isEqualTo(WAIT);
    }

    @Test
    void the_arrival_that_finds_every_announced_batch_closes() {
        assertThat(decide(3L, 3, null, false, "batch 2")).isEqualTo(CLOSE);
        assertThat(decide(3L, 3, null, false, "end")).isEqualTo(CLOSE);
    }

    @Test
    void a_run_of_no_batches_closes_on_its_marker() {
        assertThat(decide(0L, 0, null, false, "end")).isEqualTo(CLOSE);
    }

    @Test
    void another_arrival_after_the_claim_leaves_the_closing_to_the_claimer() {
        assertThat(decide(3L, 3, "batch 2", false, "batch 3")).isEqualTo(DONE);
        assertThat(decide(3L, 3, "batch 2", false, "end")).isEqualTo(DONE);
    }

    @Test
    void the_claimers_own_message_delivered_again_closes_again_while_the_closing_is_not_recorded() {
        assertThat(decide(3L, 3, "batch 2", false, "batch 2")).isEqualTo(CLOSE);
    }

    @Test
    void nothing_closes_a_closed_run_again_not_even_the_claimers_message() {
        assertThat(decide(3L, 3, "batch 2", true, "batch 2")).isEqualTo(DONE);
        assertThat(decide(3L, 3, "batch 2", true, "end")).isEqualTo(DONE);
    }

    @Test
    void more_ledger_entries_than_announced_is_an_error_not_a_closing() {
        assertThatThrownBy(() -> decide(2L, 3, null, false, "batch 3")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 entries").hasMessageContaining("announced 2");
    }
}
