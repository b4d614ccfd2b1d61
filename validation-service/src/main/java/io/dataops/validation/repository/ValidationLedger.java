package io.dataops.validation.repository;

import io.dataops.model.events.RowsRejected;
import io.dataops.platform.config.ReplicaName;
import io.dataops.platform.jdbc.Sql;
import io.dataops.validation.rules.FileKeyIndex;
import io.dataops.validation.rules.RowError;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

/**
 * The processed-batch ledgers: VALIDATED_BATCHES (one row per validated batch, with its counts) and
 * RECORDED_REJECTS (one row per batch of loader rejects). Each ledger row is written with what the batch adds to
 * DATA_ERRORS and FILE_KEYS; callers hold the transaction, so they commit together or not at all.
 */
@ApplicationScoped
public class ValidationLedger {
    private final Sql sql;
    private final DataErrorWriter errors;
    private final FileKeyStore keys;
    private final String replica;

    public ValidationLedger(DataSource dataSource, DataErrorWriter errors, FileKeyStore keys, ReplicaName replica) {
        this.sql = new Sql(dataSource);
        this.errors = errors;
        this.keys = keys;
        this.replica = replica.value();
    }

    /** @param keyedRows rows with a non-blank natural key (the quality score's distinct keys before the loader's duplicates) */
    public record Totals(int batches, long rowsRead, long rowsValid, long rowsRejected, long cellsTotal,
                         long cellsFilled, long keyedRows) {
    }

    /**
     * What one batch adds to the ledger besides its errors: its filled cells, its rows with a natural key and the
     * unique values it saw first.
     */
    public record BatchFacts(long cellsTotal, long cellsFilled, long keyedRows, List<FileKeyIndex.Key> newKeys) {
    }

    public boolean contains(long jobId, int batchNo) {
        return sql.exists("SELECT 1 FROM validated_batches WHERE job_id = ? AND batch_no = ?", jobId, batchNo);
    }

    public void record(long jobId, long fileId, int batchNo, int read, int valid, List<RowError> rowErrors,
                       Map<Long, String> rawRows, BatchFacts facts) {
        errors.insert(fileId, jobId, rowErrors.stream().map(e -> new RowsRejected.RejectedRow(e.rowNumber(), e.field(),
                e.value(), e.type().name(), e.message(), rawRows.get(e.rowNumber()))).toList());
        keys.insert(jobId, facts.newKeys());
        sql.update("INSERT INTO validated_batches (job_id, batch_no, file_id, rows_read, rows_valid, rows_rejected,"
                        + " cells_total, cells_filled, keyed_rows, handled_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                jobId, batchNo, fileId, read, valid, read - valid, facts.cellsTotal(), facts.cellsFilled(),
                facts.keyedRows(), replica);
    }

    /** Records the loader's rejects of one batch once; a repeated report finds its ledger row and writes nothing. */
    public boolean recordLoaderRejects(RowsRejected rejected) {
        if (sql.exists("SELECT 1 FROM recorded_rejects WHERE job_id = ? AND batch_no = ?", rejected.jobId(),
                rejected.batchNo())) {
            return false;
        }
        errors.insert(rejected.fileId(), rejected.jobId(), rejected.rows());
        sql.update("INSERT INTO recorded_rejects (job_id, batch_no, rows_rejected) VALUES (?, ?, ?)",
                rejected.jobId(), rejected.batchNo(), rejected.rows().size());
        return true;
    }

    public Totals totals(long jobId) {
        return sql.one("SELECT COUNT(*), COALESCE(SUM(rows_read), 0), COALESCE(SUM(rows_valid), 0),"
                        + " COALESCE(SUM(rows_rejected), 0), COALESCE(SUM(cells_total), 0), COALESCE(SUM(cells_filled), 0),"
                        + " COALESCE(SUM(keyed_rows), 0) FROM validated_batches WHERE job_id = ?",
                r -> new Totals(r.getInt(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
                        r.getLong(7)),
                jobId).orElseThrow();
    }
}
