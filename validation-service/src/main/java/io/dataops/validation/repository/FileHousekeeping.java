package io.dataops.validation.repository;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CANCELLED_JOBS, and forgetting a deleted file (its DATA_ERRORS, ledgers and KNOWN_FILES row). Callers hold the
 * transaction. A job once cancelled stays cancelled, so positive answers are remembered in memory as well.
 */
@ApplicationScoped
public class FileHousekeeping {
    private final DataSource dataSource;
    private final Set<Long> knownCancelled = ConcurrentHashMap.newKeySet();

    public FileHousekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
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

    /** Everything this service keeps about a deleted file; deleting twice deletes nothing more. */
    public void forget(long fileId) {
        try (Connection c = dataSource.getConnection()) {
            // recorded_rejects and file_keys know jobs, not files: reach them through the file's runs first
            for (String sql : new String[]{
                    "DELETE FROM recorded_rejects WHERE job_id IN (SELECT job_id FROM validated_batches WHERE file_id = ?)",
                    "DELETE FROM file_keys WHERE job_id IN (SELECT job_id FROM run_rules WHERE file_id = ?)",
                    "DELETE FROM run_rules WHERE file_id = ?",
                    "DELETE FROM file_quality WHERE file_id = ?",
                    "DELETE FROM data_errors WHERE source_file_id = ?",
                    "DELETE FROM validated_batches WHERE file_id = ?",
                    "DELETE FROM known_files WHERE file_id = ?"}) {
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
