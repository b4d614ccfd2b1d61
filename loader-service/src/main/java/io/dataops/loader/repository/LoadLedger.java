package io.dataops.loader.repository;

import io.dataops.model.events.RowsRejected.RejectedRow;
import io.dataops.platform.config.ReplicaName;
import io.dataops.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.List;

/**
 * LOADED_BATCHES and LOAD_REJECTS: which batches of a job are in the target tables and which of their rows could
 * not be, written in the same transaction as the rows.
 */
@ApplicationScoped
public class LoadLedger {
    private final Sql sql;
    private final String replica;

    public LoadLedger(DataSource dataSource, ReplicaName replica) {
        this.sql = new Sql(dataSource);
        this.replica = replica.value();
    }

    /**
     * A run's totals. {@code rowsLoaded} counts each stored row once: a row displaced by a lower row of the same file
     * is subtracted again. {@code inFileDuplicates} counts the rows rejected as DUPLICATE because another row of the
     * same file holds the natural key (a lower one, or one an earlier run of the file stored).
     */
    public record Totals(int batches, long rowsOffered, long rowsLoaded, long rowsRejected, long inFileDuplicates) {
    }

    /** A row the batch could not load; {@code duplicateOfRow}: the row of the same file holding its key, if that is why. */
    public record Reject(RejectedRow row, Long duplicateOfRow) {
    }

    public boolean contains(long jobId, int batchNo) {
        return sql.exists("SELECT 1 FROM loaded_batches WHERE job_id = ? AND batch_no = ?", jobId, batchNo);
    }

    /**
     * @param loaded    rows now stored by this batch
     * @param displaced rows of the same run, stored by other batches, that this batch displaced (their rejects are
     *                  among {@code rejects})
     */
    public void record(long jobId, int batchNo, long fileId, int offered, int loaded, int displaced,
                       List<Reject> rejects) {
        sql.update("INSERT INTO loaded_batches (job_id, batch_no, file_id, rows_offered, rows_loaded, rows_displaced,"
                + " handled_by) VALUES (?, ?, ?, ?, ?, ?, ?)", jobId, batchNo, fileId, offered, loaded, displaced, replica);
        // A JDBC batch, not a multi-row INSERT: rejects are the exception, and a multi-row INSERT cannot carry the
        // CLOB in Oracle (CAST does not convert to LOB types). H2 2.4 sends a batch as one message (TCP protocol 21).
        // Clipped to the columns: a value refused as too large can be larger than field_value holds.
        sql.batch("INSERT INTO load_rejects (job_id, batch_no, row_number, field_name, field_value, error_type,"
                        + " error_message, raw_data, duplicate_of_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rejects,
                reject -> new Object[]{jobId, batchNo, reject.row().rowNumber(), clip(reject.row().field(), 50),
                        clip(reject.row().value(), 500), reject.row().errorType(), clip(reject.row().message(), 1000),
                        reject.row().raw(), reject.duplicateOfRow()});
    }

    public List<RejectedRow> rejects(long jobId, int batchNo) {
        return sql.list("SELECT row_number, field_name, field_value, error_type, error_message, raw_data"
                        + " FROM load_rejects WHERE job_id = ? AND batch_no = ? ORDER BY row_number",
                r -> new RejectedRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6)), jobId, batchNo);
    }

    public Totals totals(long jobId) {
        return sql.one("SELECT COUNT(*), COALESCE(SUM(rows_offered), 0),"
                        + " COALESCE(SUM(rows_loaded), 0) - COALESCE(SUM(rows_displaced), 0),"
                        + " (SELECT COUNT(*) FROM load_rejects WHERE job_id = ?),"
                        + " (SELECT COUNT(*) FROM load_rejects WHERE job_id = ? AND duplicate_of_row IS NOT NULL)"
                        + " FROM loaded_batches WHERE job_id = ?",
                r -> new Totals(r.getInt(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5)),
                jobId, jobId, jobId).orElseThrow();
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
