package io.dataops.validation.repository;

import io.dataops.platform.jdbc.Sql;
import io.dataops.validation.rules.QualityScore;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.Optional;

/** FILE_QUALITY writes: a run's score, stored once when the run closes (read side: {@link FileQuality}). */
@ApplicationScoped
public class QualityStore {
    private final Sql sql;

    public QualityStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** A run's stored score: a redelivered closing marker reports it again, whatever the key store holds by then. */
    public Optional<QualityScore> find(long jobId) {
        return sql.one("SELECT rows_read, cells_total, cells_filled, rows_valid, distinct_keys, completeness, validity,"
                        + " uniqueness, quality_score FROM file_quality WHERE job_id = ?",
                r -> new QualityScore(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                        r.getBigDecimal(6), r.getBigDecimal(7), r.getBigDecimal(8), r.getBigDecimal(9)), jobId);
    }

    /** Stores a run's score once; a redelivered RowsEnd computes the same figures from the ledgers and writes nothing. */
    public void record(long jobId, long fileId, String target, QualityScore q) {
        if (sql.exists("SELECT 1 FROM file_quality WHERE job_id = ?", jobId)) {
            return;
        }
        sql.update("INSERT INTO file_quality (job_id, file_id, target, rows_read, cells_total, cells_filled, rows_valid,"
                        + " distinct_keys, completeness, validity, uniqueness, quality_score)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                jobId, fileId, target, q.rows(), q.cells(), q.filledCells(), q.validRows(), q.distinctKeys(),
                q.completeness(), q.validity(), q.uniqueness(), q.score());
    }
}
