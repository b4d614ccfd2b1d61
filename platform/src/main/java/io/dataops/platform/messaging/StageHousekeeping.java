package io.dataops.platform.messaging;

import io.dataops.model.events.PipelineEvent;

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
 * answers are remembered in memory as well. As a {@link PipelineEventHandler} it records JobCancelled and forgets
 * the file of FileDeleted.
 */
public abstract class StageHousekeeping implements PipelineEventHandler {
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

    /** JobCancelled and FileDeleted are every stage's business; a subclass may follow more events. */
    @Override
    public void apply(PipelineEvent event) {
        if (event instanceof PipelineEvent.JobCancelled cancelled) {
            cancelled(cancelled.jobId(), cancelled.fileId());
        } else if (event instanceof PipelineEvent.FileDeleted deleted) {
            forget(deleted.fileId());
        }
    }

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
     * <p>
     * A first delivery, the hot path, costs one INSERT; only a redelivery, whose row is already there, reads and
     * updates the count. Two replicas never hold one batch at once (a batch lives in one partition), so the
     * duplicate key can only mean an earlier delivery.
     */
    public int delivered(long jobId, int batchNo, long fileId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO batch_deliveries (job_id, batch_no, file_id, deliveries) VALUES (?, ?, ?, 1)")) {
                s.setLong(1, jobId);
                s.setInt(2, batchNo);
                s.setLong(3, fileId);
                s.executeUpdate();
                return 1;
            } catch (SQLException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE batch_deliveries SET deliveries = deliveries + 1 WHERE job_id = ? AND batch_no = ?")) {
                s.setLong(1, jobId);
                s.setInt(2, batchNo);
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

    /** ORA-00001 and H2's 23505 both arrive as SQLState class 23 (integrity constraint violation). */
    private static boolean isDuplicateKey(SQLException e) {
        return e instanceof java.sql.SQLIntegrityConstraintViolationException
                || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
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
