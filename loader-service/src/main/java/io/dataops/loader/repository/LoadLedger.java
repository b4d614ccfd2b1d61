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
     * @param inFileDuplicates rows of this run rejected as DUPLICATE because a lower row of the same file holds the
     *                         natural key
     */
    public record Totals(int batches, long rowsOffered, long rowsLoaded, long rowsRejected, long inFileDuplicates) {
    }

    public boolean contains(long jobId, int batchNo) {
        return sql.exists("SELECT 1 FROM loaded_batches WHERE job_id = ? AND batch_no = ?", jobId, batchNo);
    }

    public void record(long jobId, int batchNo, long fileId, int offered, int loaded, List<RejectedRow> rejects) {
        sql.update("INSERT INTO loaded_batches (job_id, batch_no, file_id, rows_offered, rows_loaded, handled_by)"
                + " VALUES (?, ?, ?, ?, ?, ?)", jobId, batchNo, fileId, offered, loaded, replica);
        // clipped to the columns: a value refused as too large can be larger than field_value holds
        sql.batch("INSERT INTO load_rejects (job_id, batch_no, row_number, field_name, field_value, error_type,"
                        + " error_message, raw_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rejects,
                reject -> new Object[]{jobId, batchNo, reject.rowNumber(), clip(reject.field(), 50),
                        clip(reject.value(), 500), reject.errorType(), clip(reject.message(), 1000), reject.raw()});
    }

    public List<RejectedRow> rejects(long jobId, int batchNo) {
        return sql.list("SELECT row_number, field_name, field_value, error_type, error_message, raw_data"
                        + " FROM load_rejects WHERE job_id = ? AND batch_no = ? ORDER BY row_number",
                r -> new RejectedRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6)), jobId, batchNo);
    }

    public Totals totals(long jobId) {
        return sql.one("SELECT COUNT(*), COALESCE(SUM(rows_offered), 0), COALESCE(SUM(rows_loaded), 0),"
                        + " (SELECT COUNT(*) FROM load_rejects WHERE job_id = ?) FROM loaded_batches WHERE job_id = ?",
                // placeholder: the in-file duplicate count comes with the loader's lower-row-wins writer
                r -> new Totals(r.getInt(1), r.getLong(2), r.getLong(3), r.getLong(4), 0), jobId, jobId).orElseThrow();
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
