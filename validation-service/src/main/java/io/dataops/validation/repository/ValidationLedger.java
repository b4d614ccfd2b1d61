package io.dataops.validation.repository;

import io.dataops.model.events.RowsRejected;
import io.dataops.validation.rules.RowError;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The processed-batch ledger (VALIDATED_BATCHES) and the DATA_ERRORS inserts that go with it, in plain JDBC
 * batches. Callers hold the transaction: ledger row and error rows commit together or not at all.
 */
@ApplicationScoped
public class ValidationLedger {
    private final DataSource dataSource;

    public ValidationLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Totals(int batches, long rowsRead, long rowsValid, long rowsRejected) {
    }

    public boolean contains(long jobId, int batchNo) {
        try (Connection c = dataSource.getConnection()) {
            return hasBatch(c, "validated_batches", jobId, batchNo);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void record(long jobId, long fileId, int batchNo, int read, int valid, List<RowError> errors,
                       Map<Long, String> rawRows) {
        try (Connection c = dataSource.getConnection()) {
            insertErrors(c, fileId, jobId, errors.stream().map(e -> new RowsRejected.RejectedRow(e.rowNumber(), e.field(),
                    e.value(), e.type().name(), e.message(), rawRows.get(e.rowNumber()))).toList());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO validated_batches (job_id, batch_no, file_id,"
                    + " rows_read, rows_valid, rows_rejected) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, jobId);
                s.setInt(2, batchNo);
                s.setLong(3, fileId);
                s.setInt(4, read);
                s.setInt(5, valid);
                s.setInt(6, read - valid);
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record batch " + batchNo + " of job " + jobId, e);
        }
    }

    /** Records the loader's rejects of one batch once; a repeated report finds its ledger row and writes nothing. */
    public boolean recordLoaderRejects(RowsRejected rejected) {
        try (Connection c = dataSource.getConnection()) {
            if (hasBatch(c, "recorded_rejects", rejected.jobId(), rejected.batchNo())) {
                return false;
            }
            insertErrors(c, rejected.fileId(), rejected.jobId(), rejected.rows());
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO recorded_rejects (job_id, batch_no, rows_rejected) VALUES (?, ?, ?)")) {
                s.setLong(1, rejected.jobId());
                s.setInt(2, rejected.batchNo());
                s.setInt(3, rejected.rows().size());
                s.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the loader's rejects of batch " + rejected.batchNo()
                    + " of job " + rejected.jobId(), e);
        }
    }

    /** {@code ledger} is one of this class's own table names, never request text. */
    private static boolean hasBatch(Connection c, String ledger, long jobId, int batchNo) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + ledger + " WHERE job_id = ? AND batch_no = ?")) {
            s.setLong(1, jobId);
            s.setInt(2, batchNo);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** DATA_ERRORS rows, one JDBC batch; rule errors and the loader's rejects have the same shape. */
    private static void insertErrors(Connection c, long fileId, long jobId, List<RowsRejected.RejectedRow> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO data_errors (source_file_id, job_id, row_number,"
                + " raw_data, error_type, error_message, field_name, field_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (RowsRejected.RejectedRow row : rows) {
                s.setLong(1, fileId);
                s.setLong(2, jobId);
                s.setLong(3, row.rowNumber());
                s.setString(4, row.raw());
                s.setString(5, row.errorType());
                s.setString(6, clip(row.message(), 1000));
                s.setString(7, clip(row.field(), 50));
                s.setString(8, clip(row.value(), 500));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public Totals totals(long jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(rows_read), 0),"
                     + " COALESCE(SUM(rows_valid), 0), COALESCE(SUM(rows_rejected), 0) FROM validated_batches WHERE job_id = ?")) {
            s.setLong(1, jobId);
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
