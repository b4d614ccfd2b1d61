package io.dataops.loader.repository;

import io.dataops.model.events.RowsRejected.RejectedRow;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * LOADED_BATCHES and LOAD_REJECTS: which batches of a job are in the target tables and which of their rows could
 * not be, written in the same transaction as the rows.
 */
@ApplicationScoped
public class LoadLedger {
    private final DataSource dataSource;

    public LoadLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Totals(int batches, long rowsOffered, long rowsLoaded, long rowsRejected) {
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

    public void record(long jobId, int batchNo, long fileId, int offered, int loaded, List<RejectedRow> rejects) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO loaded_batches (job_id, batch_no, file_id,"
                    + " rows_offered, rows_loaded) VALUES (?, ?, ?, ?, ?)")) {
                s.setLong(1, jobId);
                s.setInt(2, batchNo);
                s.setLong(3, fileId);
                s.setInt(4, offered);
                s.setInt(5, loaded);
                s.executeUpdate();
            }
            if (rejects.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO load_rejects (job_id, batch_no, row_number,"
                    + " field_name, field_value, error_type, error_message, raw_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (RejectedRow reject : rejects) {
                    s.setLong(1, jobId);
                    s.setInt(2, batchNo);
                    s.setLong(3, reject.rowNumber());
                    // clipped to the columns: a value refused as too large can be larger than field_value holds
                    s.setString(4, clip(reject.field(), 50));
                    s.setString(5, clip(reject.value(), 500));
                    s.setString(6, reject.errorType());
                    s.setString(7, clip(reject.message(), 1000));
                    s.setString(8, reject.raw());
                    s.addBatch();
                }
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<RejectedRow> rejects(long jobId, int batchNo) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT row_number, field_name, field_value, error_type,"
                     + " error_message, raw_data FROM load_rejects WHERE job_id = ? AND batch_no = ? ORDER BY row_number")) {
            s.setLong(1, jobId);
            s.setInt(2, batchNo);
            List<RejectedRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new RejectedRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Totals totals(long jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(rows_offered), 0),"
                     + " COALESCE(SUM(rows_loaded), 0), (SELECT COUNT(*) FROM load_rejects WHERE job_id = ?)"
                     + " FROM loaded_batches WHERE job_id = ?")) {
            s.setLong(1, jobId);
            s.setLong(2, jobId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Totals(r.getInt(1), r.getLong(2), r.getLong(3), r.getLong(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
