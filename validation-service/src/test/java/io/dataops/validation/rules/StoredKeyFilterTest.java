package io.dataops.validation.rules;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StoredKeyFilterTest {

    @Test
    void every_added_key_may_be_stored_across_layers_and_few_others_do() {
        StoredKeyFilter filter = new StoredKeyFilter(0);
        int keys = StoredKeyFilter.FIRST_LAYER * 5; // three layers
        for (int i = 0; i < keys; i++) {
            filter.add("customer_code", "C" + i);
        }
        for (int i = 0; i < keys; i++) {
            assertThat(filter.mayBeStored("customer_code", "C" + i)).as("key %d", i).isTrue();
        }
        int falsePositives = 0;
        for (int i = keys; i < keys * 2; i++) {
            if (filter.mayBeStored("customer_code", "C" + i)) {
                falsePositives++;
            }
        }
        // 0.5 % per layer, three layers: well under 2 % of the values never added
        assertThat(falsePositives).isLessThan(keys * 2 / 100);
    }

    @Test
    void fields_are_kept_apart() {
        StoredKeyFilter filter = new StoredKeyFilter(0);
        filter.add("email", "a@example.com");
        assertThat(filter.mayBeStored("email", "a@example.com")).isTrue();
        assertThat(filter.mayBeStored("customer_code", "a@example.com")).isFalse();
    }

    @Test
    void only_values_that_may_be_stored_are_worth_a_lookup_and_long_values_are_tested_in_their_stored_form() {
        StoredKeyFilter filter = new StoredKeyFilter(0);
        String longValue = "x".repeat(FileKeyIndex.MAX_KEY_LENGTH + 1);
        filter.batchDone(1, List.of(new FileKeyIndex.Key("code", "A", 2), new FileKeyIndex.Key("code",
                FileKeyIndex.keyOf(longValue), 3)));

        Map<String, Set<String>> wanted = filter.mayBeStored(Map.of("code", Set.of("A", "B", longValue)));

        assertThat(wanted.get("code")).containsExactlyInAnyOrder("A", longValue);
    }

    @Test
    void covers_the_next_batch_and_redeliveries_but_not_a_batch_past_a_gap() {
        StoredKeyFilter fresh = new StoredKeyFilter(0);
        assertThat(fresh.covers(1)).isTrue();
        assertThat(fresh.covers(2)).as("batch 1 stored by someone else").isFalse();

        StoredKeyFilter rebuilt = new StoredKeyFilter(4);
        assertThat(rebuilt.covers(5)).isTrue();
        assertThat(rebuilt.covers(3)).as("a redelivery").isTrue();
        assertThat(rebuilt.covers(7)).as("batches 5 and 6 stored elsewhere").isFalse();

        rebuilt.batchDone(5, List.of());
        rebuilt.batchDone(6, List.of());
        assertThat(rebuilt.covers(7)).isTrue();
        rebuilt.batchDone(2, List.of());
        assertThat(rebuilt.covers(7)).as("a redelivered batch does not move the mark back").isTrue();
    }
}
