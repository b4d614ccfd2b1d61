package io.dataops.platform.closing;

import io.dataops.platform.closing.ClosingRule.Verdict;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 * The gate on a real H2 database in Oracle mode, its row locks taken by concurrent threads as by two replicas: a run
 * is closed by exactly one arrival whatever the order and the timing (docs/adr/0024-one-file-across-partitions.md).
 * The table is the one each stage's migration creates.
 */
class ClosingGateTest {
    private static final AtomicLong JOBS = new AtomicLong(100);
    private static JdbcDataSource db;

    @BeforeAll
    static void database() throws SQLException {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:closing-gate;MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE run_closings (job_id NUMBER(19) NOT NULL, gate VARCHAR2(16 CHAR) NOT NULL,"
                    + " file_id NUMBER(19) NOT NULL, expected NUMBER(19), marker VARCHAR2(4000 CHAR),"
                    + " claimed_by VARCHAR2(64 CHAR), closed_at TIMESTAMP,"
                    + " CONSTRAINT pk_run_closings PRIMARY KEY (job_id, gate))");
            s.execute("CREATE TABLE ledger (job_id NUMBER(19) NOT NULL, batch_no NUMBER(10) NOT NULL,"
                    + " CONSTRAINT pk_ledger PRIMARY KEY (job_id, batch_no))");
        }
    }

    private final ClosingGate gate = new ClosingGate(db, "rows", "SELECT COUNT(*) FROM ledger WHERE job_id = ?");

    private static void committed(long job, int batchNo) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO ledger (job_id, batch_no) VALUES (" + job + ", " + batchNo + ")");
        }
    }

    private ClosingGate.Outcome batch(long job, int batchNo) {
        return gate.arrive(job, 9, "batch " + batchNo, null);
    }

    private ClosingGate.Outcome end(long job, int batches) {
        return gate.arrive(job, 9, "end", new ClosingGate.Marker(batches, "marker of " + batches));
    }

    @Test
    void batches_in_reverse_order_after_the_marker_close_the_run_at_the_last_one_with_the_stored_marker() throws SQLException {
        long job = JOBS.incrementAndGet();
        assertThat(end(job, 3).verdict()).isEqualTo(Verdict.WAIT);
        committed(job, 3);
        assertThat(batch(job, 3).verdict()).isEqualTo(Verdict.WAIT);
        committed(job, 2);
        assertThat(batch(job, 2).verdict()).isEqualTo(Verdict.WAIT);
        committed(job, 1);

        ClosingGate.Outcome last = batch(job, 1);

        assertThat(last.verdict()).isEqualTo(Verdict.CLOSE);
        assertThat(last.marker()).isEqualTo("marker of 3");
    }

    @Test
    void a_marker_after_every_batch_closes_the_run() throws SQLException {
        long job = JOBS.incrementAndGet();
        committed(job, 1);
        assertThat(batch(job, 1).verdict()).isEqualTo(Verdict.WAIT);

        assertThat(end(job, 1).verdict()).isEqualTo(Verdict.CLOSE);
    }

    @Test
    void two_batches_committed_before_either_arrives_close_the_run_once_when_they_arrive_at_the_same_time()
            throws Exception {
        long job = JOBS.incrementAndGet();
        end(job, 2);
        committed(job, 1);
        committed(job, 2);
        CyclicBarrier together = new CyclicBarrier(2);

        List<Verdict> verdicts = race(List.of(
                () -> { together.await(); return batch(job, 1).verdict(); },
                () -> { together.await(); return batch(job, 2).verdict(); }));

        assertThat(verdicts).containsExactlyInAnyOrder(Verdict.CLOSE, Verdict.DONE);
    }

    @Test
    void runs_whose_batches_and_marker_commit_and_arrive_concurrently_are_each_closed_exactly_once() throws Exception {
        for (int run = 0; run < 30; run++) {
            long job = JOBS.incrementAndGet();
            CyclicBarrier together = new CyclicBarrier(5);
            List<Callable<Verdict>> arrivals = new ArrayList<>();
            for (int b = 1; b <= 4; b++) {
                int batchNo = b;
                arrivals.add(() -> {
                    together.await();
                    committed(job, batchNo);
                    return batch(job, batchNo).verdict();
                });
            }
            arrivals.add(() -> {
                together.await();
                return end(job, 4).verdict();
            });

            List<Verdict> verdicts = race(arrivals);

            assertThat(verdicts).as("run %d", run).filteredOn(v -> v == Verdict.CLOSE).hasSize(1);
        }
    }

    @Test
    void the_claimers_redelivered_message_closes_again_until_the_closing_is_recorded_and_no_other_message_does()
            throws SQLException {
        long job = JOBS.incrementAndGet();
        end(job, 2);
        committed(job, 1);
        committed(job, 2);
        assertThat(batch(job, 2).verdict()).isEqualTo(Verdict.CLOSE);

        assertThat(batch(job, 1).verdict()).isEqualTo(Verdict.DONE);
        assertThat(end(job, 2).verdict()).isEqualTo(Verdict.DONE);
        assertThat(batch(job, 2).verdict()).isEqualTo(Verdict.CLOSE);

        gate.closed(job);

        assertThat(batch(job, 2).verdict()).isEqualTo(Verdict.DONE);
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
