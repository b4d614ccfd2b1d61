package io.dataops.platform.closing;

import io.dataops.platform.closing.ClosingRule.Verdict;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The RUN_CLOSINGS row of one closing of a run in a stage's own schema, and the short transaction in which each of the
 * run's messages arrives at it (docs/adr/0024-one-file-across-partitions.md): lock the row (SELECT ... FOR UPDATE;
 * the first arrival inserts it), store the closing marker if this is it, count the stage's ledger, decide with
 * {@link ClosingRule}, and record the claim. The caller calls {@link #arrive} after its own work committed, does the
 * closing work when told to, then calls {@link #closed}; it acknowledges the message only after that, so a claimer
 * that dies is redelivered and closes again (the closing events carry totals: a repeat is harmless).
 * <p>
 * Plain JDBC with a transaction of its own, so it must not be called inside another transaction. The same SQL runs on
 * H2 (row locks of the MVStore engine, waiting up to its LOCK_TIMEOUT) and Oracle.
 * <pre>
 * RUN_CLOSINGS (job_id, gate, file_id, expected, marker, claimed_by, closed_at), primary key (job_id, gate)
 * </pre>
 */
public final class ClosingGate {
    private final DataSource dataSource;
    private final String gate;
    private final String ledgerCount;

    /**
     * @param gate        which closing of a run this is, for a stage with more than one ("rows", "load")
     * @param ledgerCount a query with one parameter, the job id, counting the stage's committed ledger entries in the
     *                    unit the closing marker announces
     */
    public ClosingGate(DataSource dataSource, String gate, String ledgerCount) {
        this.dataSource = dataSource;
        this.gate = gate;
        this.ledgerCount = ledgerCount;
    }

    /** The closing marker's part: how many ledger entries complete the run, and the marker itself as text. */
    public record Marker(long expected, String text) {
    }

    /** An arrival's verdict and, when it is to close, the stored closing marker. */
    public record Outcome(Verdict verdict, String marker) {
        public boolean closes() {
            return verdict == Verdict.CLOSE;
        }
    }

    /**
     * One message of a run arrives, after its own work committed.
     *
     * @param arrival the message's identity, the same on every delivery ("batch 7", "end")
     * @param marker  the closing marker's part when this message is the marker, otherwise null
     */
    public Outcome arrive(long jobId, long fileId, String arrival, Marker marker) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Outcome outcome = arrive(c, jobId, fileId, arrival, marker);
                c.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Job " + jobId + ": could not pass the " + gate + " closing gate", e);
        }
    }

    private Outcome arrive(Connection c, long jobId, long fileId, String arrival, Marker marker) throws SQLException {
        Row row = lock(c, jobId);
        if (row == null) {
            insert(c, jobId, fileId);
            row = lock(c, jobId);
        }
        if (marker != null && row.expected == null) {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE run_closings SET expected = ?, marker = ? WHERE job_id = ? AND gate = ?")) {
                s.setLong(1, marker.expected());
                s.setString(2, marker.text());
                s.setLong(3, jobId);
                s.setString(4, gate);
                s.executeUpdate();
            }
            row = new Row(marker.expected(), marker.text(), row.claimedBy, row.closed);
        }
        Verdict verdict = ClosingRule.decide(row.expected, count(c, jobId), row.claimedBy, row.closed, arrival);
        if (verdict == Verdict.CLOSE && row.claimedBy == null) {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE run_closings SET claimed_by = ? WHERE job_id = ? AND gate = ?")) {
                s.setString(1, arrival);
                s.setLong(2, jobId);
                s.setString(3, gate);
                s.executeUpdate();
            }
        }
        return new Outcome(verdict, verdict == Verdict.CLOSE ? row.marker : null);
    }

    /** The closing work is done: later arrivals (redeliveries) find the run closed and do nothing. */
    public void closed(long jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "UPDATE run_closings SET closed_at = SYSTIMESTAMP WHERE job_id = ? AND gate = ?")) {
            s.setLong(1, jobId);
            s.setString(2, gate);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Job " + jobId + ": could not record its " + gate + " closing", e);
        }
    }

    private record Row(Long expected, String marker, String claimedBy, boolean closed) {
    }

    private Row lock(Connection c, long jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT expected, marker, claimed_by, closed_at FROM run_closings"
                + " WHERE job_id = ? AND gate = ? FOR UPDATE")) {
            s.setLong(1, jobId);
            s.setString(2, gate);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                long expected = r.getLong(1);
                return new Row(r.wasNull() ? null : expected, r.getString(2), r.getString(3), r.getTimestamp(4) != null);
            }
        }
    }

    /** A concurrent first arrival may insert it too: it waits for the other's commit and finds the row there. */
    private void insert(Connection c, long jobId, long fileId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO run_closings (job_id, gate, file_id, expected) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, jobId);
            s.setString(2, gate);
            s.setLong(3, fileId);
            s.setNull(4, Types.NUMERIC);
            s.executeUpdate();
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    private long count(Connection c, long jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ledgerCount)) {
            s.setLong(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** ORA-00001 and H2's 23505 both arrive as SQLState class 23 (integrity constraint violation). */
    private static boolean isDuplicateKey(SQLException e) {
        return e instanceof java.sql.SQLIntegrityConstraintViolationException
                || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }
}
