package io.dataops.validation.service;

import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.validation.repository.RunRuleStore.RunRuleSnapshot;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas validating the first batches of one run at the same moment, each having resolved the rules itself (a
 * rule edited in between makes their two resolutions differ): the run ends with one snapshot, the same for both, on
 * the real database (docs/adr/0024-one-file-across-partitions.md).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class RunRulesRaceTest {
    private static final AtomicLong JOBS = new AtomicLong(6_000_000_000L + System.currentTimeMillis() % 1_000_000 * 100);

    @Inject
    RunRules runRules;

    @Test
    void two_replicas_resolving_a_runs_first_batches_at_once_both_get_the_snapshot_stored_first() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            long job = JOBS.incrementAndGet();
            RunRuleSnapshot before = new RunRuleSnapshot("[{\"field\":\"email\",\"rule_type\":\"email\"}]",
                    LocalDate.of(2026, 12, 2));
            RunRuleSnapshot after = new RunRuleSnapshot("[]", LocalDate.of(2026, 12, 2));
            CyclicBarrier together = new CyclicBarrier(2);

            List<RunRuleSnapshot> seen = race(List.of(
                    () -> runRules.snapshotFor(job, 1, "customers", () -> { await(together); return before; }),
                    () -> runRules.snapshotFor(job, 1, "customers", () -> { await(together); return after; })));

            assertThat(seen.get(0)).as("attempt %d", attempt).isEqualTo(seen.get(1)).isIn(before, after);
            assertThat(runRules.snapshotFor(job, 1, "customers", () -> after)).isEqualTo(seen.get(0));
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(t -> futures.add(threads.submit(t)));
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
