package io.dataops.platform.messaging;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a consuming stage keeps about jobs and files beyond its batches: the CANCELLED_JOBS table every stage owns
 * (docs/adr/0012), the BATCH_DELIVERIES count that stops a batch crashing the stage forever, and the clean-up when a
 * file is deleted. A subclass names only the statements that forget a file
 * in its own schema. Connections join the caller's transaction. A job once cancelled stays cancelled, so positive
 * answers are remembered in memory as well.
 */
public abstract class StageHousekeeping {
    private final DataSource dataSource;
    private final Set<Long> knownCancelled = ConcurrentHashMap.newKeySet();

    protected StageHousekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Statements with one parameter, the file id, that delete what this stage keeps about a deleted file, in an
     * order the foreign keys accept; each must be idempotent.
     */
    protected abstract List<String> forgetFileStatements();

    /** Records the cancellation once; a redelivered JobCancelled finds the row and writes nothing. */
    public void cancelled(long jobId, long fileId) {
        if (isCancelled(jobId)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO cancelled_jobs (job_id, file_id) VALUES (?, ?)")) {
            s.setLong(1, jobId);
            s.setLong(2, fileId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the cancellation of job " + jobId, e);
        }
    }

    public boolean isCancelled(long jobId) {
        if (knownCancelled.contains(jobId)) {
            return true;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM cancelled_jobs WHERE job_id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                boolean cancelled = r.next();
                if (cancelled) {
                    knownCancelled.add(jobId);
                }
                return cancelled;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Counts one more delivery of a run's batch ({@code batchNo} 0: its closing marker) and answers how many there
     * have been. Committed on its own before the batch is processed, so a delivery that kills the process (out of
     * memory, a crash in a driver) still counts when the batch comes again after the restart. A redelivery after an
     * ordinary restart counts too, which is why the limit allows a few.
     */
    public int delivered(long jobId, int batchNo, long fileId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("MERGE INTO batch_deliveries d USING (SELECT CAST(? AS NUMBER(19))"
                    + " AS job_id, CAST(? AS NUMBER(10)) AS batch_no, CAST(? AS NUMBER(19)) AS file_id FROM dual) n"
                    + " ON (d.job_id = n.job_id AND d.batch_no = n.batch_no)"
                    + " WHEN MATCHED THEN UPDATE SET d.deliveries = d.deliveries + 1"
                    + " WHEN NOT MATCHED THEN INSERT (job_id, batch_no, file_id, deliveries) VALUES (n.job_id, n.batch_no, n.file_id, 1)")) {
                s.setLong(1, jobId);
                s.setInt(2, batchNo);
                s.setLong(3, fileId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT deliveries FROM batch_deliveries WHERE job_id = ? AND batch_no = ?")) {
                s.setLong(1, jobId);
                s.setInt(2, batchNo);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getInt(1) : 1;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count a delivery of batch " + batchNo + " of job " + jobId, e);
        }
    }

    /** Everything this stage keeps about a deleted file; deleting twice deletes nothing more. */
    public void forget(long fileId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM batch_deliveries WHERE file_id = ?")) {
                s.setLong(1, fileId);
                s.executeUpdate();
            }
            for (String sql : forgetFileStatements()) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setLong(1, fileId);
                    s.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget file " + fileId, e);
        }
    }
}
