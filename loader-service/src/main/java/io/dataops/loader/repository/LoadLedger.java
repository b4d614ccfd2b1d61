package io.dataops.loader.repository;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** LOADED_BATCHES: which batches of a job are in the target tables, written in the same transaction as the rows. */
@ApplicationScoped
public class LoadLedger {
    private final DataSource dataSource;

    public LoadLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Totals(int batches, long rowsOffered, long rowsLoaded) {
    }

    public boolean contains(long jobId, int batchNo) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM loaded_batches WHERE job_id = ? AND batch_no = ?")) {
            s.setLong(1, jobId);
            s.setInt(2, batchNo);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void record(long jobId, int batchNo, long fileId, int offered, int loaded) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO loaded_batches (job_id, batch_no, file_id,"
                     + " rows_offered, rows_loaded) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, jobId);
            s.setInt(2, batchNo);
            s.setLong(3, fileId);
            s.setInt(4, offered);
            s.setInt(5, loaded);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Totals totals(long jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(rows_offered), 0),"
                     + " COALESCE(SUM(rows_loaded), 0) FROM loaded_batches WHERE job_id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Totals(r.getInt(1), r.getLong(2), r.getLong(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
