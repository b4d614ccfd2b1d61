package io.dataops.validation.repository;

import io.dataops.model.events.RowsRejected;
import io.dataops.validation.rules.FileKeyIndex;
import io.dataops.validation.rules.QualityScore;
import io.dataops.validation.rules.RowError;
import io.dataops.validation.rules.StoredKeyFilter;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    public record Totals(int batches, long rowsRead, long rowsValid, long rowsRejected, long cellsTotal,
                         long cellsFilled) {
    }

    /** What one batch adds to the ledger besides its errors: its filled cells and the file keys it saw first. */
    public record BatchFacts(long cellsTotal, long cellsFilled, List<FileKeyIndex.Key> newKeys) {
    }

    /** A run's effective rules as resolved for its first batch. */
    public record RunRuleSnapshot(String rulesJson, LocalDate asOf) {
    }

    public boolean contains(long jobId, int batchNo) {
        try (Connection c = dataSource.getConnection()) {
            return hasBatch(c, "validated_batches", jobId, batchNo);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void record(long jobId, long fileId, int batchNo, int read, int valid, List<RowError> errors,
                       Map<Long, String> rawRows, BatchFacts facts) {
        try (Connection c = dataSource.getConnection()) {
            insertErrors(c, fileId, jobId, errors.stream().map(e -> new RowsRejected.RejectedRow(e.rowNumber(), e.field(),
                    e.value(), e.type().name(), e.message(), rawRows.get(e.rowNumber()))).toList());
            insertKeys(c, jobId, facts.newKeys());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO validated_batches (job_id, batch_no, file_id,"
                    + " rows_read, rows_valid, rows_rejected, cells_total, cells_filled) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, jobId);
                s.setInt(2, batchNo);
                s.setLong(3, fileId);
                s.setInt(4, read);
                s.setInt(5, valid);
                s.setInt(6, read - valid);
                s.setLong(7, facts.cellsTotal());
                s.setLong(8, facts.cellsFilled());
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
                     + " COALESCE(SUM(rows_valid), 0), COALESCE(SUM(rows_rejected), 0), COALESCE(SUM(cells_total), 0),"
                     + " COALESCE(SUM(cells_filled), 0) FROM validated_batches WHERE job_id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Totals(r.getInt(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The stored first rows of these values of a run's tracked fields, as an index the batch's rows are checked
     * against. Only the batch's own values are read, so memory stays bounded by the batch, not the file.
     */
    public FileKeyIndex keys(long jobId, Map<String, ? extends Collection<String>> valuesByField) {
        FileKeyIndex index = new FileKeyIndex();
        // One primary-key seek per value. An IN list would read fewer statements but H2 uses an index for IN only
        // on an index's first column, so it scanned every key of the run for every batch: quadratic in the file.
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT first_row FROM file_keys WHERE job_id = ? AND field_name = ? AND key_value = ?")) {
            s.setLong(1, jobId);
            for (Map.Entry<String, ? extends Collection<String>> entry : valuesByField.entrySet()) {
                s.setString(2, entry.getKey());
                for (String key : entry.getValue().stream().map(FileKeyIndex::keyOf).distinct().toList()) {
                    s.setString(3, key);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            index.preload(entry.getKey(), key, r.getLong(1));
                        }
                    }
                }
            }
            return index;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the file keys of job " + jobId, e);
        }
    }

    /**
     * A filter of every key the run has stored so far. The highest validated batch is read before the keys, so a
     * batch another replica commits in between can only add keys to the filter, never be counted without them.
     */
    public StoredKeyFilter storedKeyFilter(long jobId) {
        try (Connection c = dataSource.getConnection()) {
            int lastBatch;
            try (PreparedStatement s = c.prepareStatement("SELECT MAX(batch_no) FROM validated_batches WHERE job_id = ?")) {
                s.setLong(1, jobId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    int max = r.getInt(1);
                    lastBatch = r.wasNull() ? 0 : max;
                }
            }
            StoredKeyFilter filter = new StoredKeyFilter(lastBatch);
            try (PreparedStatement s = c.prepareStatement("SELECT field_name, key_value FROM file_keys WHERE job_id = ?")) {
                s.setLong(1, jobId);
                s.setFetchSize(1000);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        filter.add(r.getString(1), r.getString(2));
                    }
                }
            }
            return filter;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the file keys of job " + jobId, e);
        }
    }

    private static void insertKeys(Connection c, long jobId, List<FileKeyIndex.Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO file_keys (job_id, field_name, key_value, first_row) VALUES (?, ?, ?, ?)")) {
            for (FileKeyIndex.Key key : keys) {
                s.setLong(1, jobId);
                s.setString(2, key.field());
                s.setString(3, key.value());
                s.setLong(4, key.firstRow());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public long distinctKeys(long jobId, String field) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM file_keys WHERE job_id = ? AND field_name = ?")) {
            s.setLong(1, jobId);
            s.setString(2, field);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<RunRuleSnapshot> runRules(long jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT rules, as_of FROM run_rules WHERE job_id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new RunRuleSnapshot(r.getString(1), r.getDate(2).toLocalDate()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void saveRunRules(long jobId, long fileId, String target, RunRuleSnapshot snapshot) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO run_rules (job_id, file_id, target, rules, as_of) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, jobId);
            s.setLong(2, fileId);
            s.setString(3, target);
            s.setString(4, snapshot.rulesJson());
            s.setDate(5, java.sql.Date.valueOf(snapshot.asOf()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the rules of job " + jobId, e);
        }
    }

    /** A run's stored score: a redelivered closing marker reports it again, whatever the key store holds by then. */
    public Optional<QualityScore> quality(long jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT rows_read, cells_total, cells_filled, rows_valid, distinct_keys,"
                     + " completeness, validity, uniqueness, quality_score FROM file_quality WHERE job_id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new QualityScore(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
                        r.getLong(5), r.getBigDecimal(6), r.getBigDecimal(7), r.getBigDecimal(8), r.getBigDecimal(9)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closed runs whose keys are still stored, with the time each was closed (its score computed). */
    public Map<Long, java.time.Instant> closedRunsWithKeys() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT q.job_id, q.computed_at FROM file_quality q"
                     + " WHERE EXISTS (SELECT 1 FROM file_keys k WHERE k.job_id = q.job_id)")) {
            Map<Long, java.time.Instant> runs = new java.util.LinkedHashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    runs.put(r.getLong(1), r.getTimestamp(2).toInstant());
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields a run has keys stored for. */
    public List<String> keyFields(long jobId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT DISTINCT field_name FROM file_keys WHERE job_id = ?")) {
            s.setLong(1, jobId);
            List<String> fields = new java.util.ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    fields.add(r.getString(1));
                }
            }
            return fields;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Deletes the first {@code chunk} stored keys of one field of a run, in key order; returns how many went. A
     * range on the primary key, so each chunk reads only what it deletes, on H2 as on Oracle.
     */
    public int deleteKeyChunk(long jobId, String field, int chunk) {
        try (Connection c = dataSource.getConnection()) {
            String last = null;
            try (PreparedStatement s = c.prepareStatement("SELECT key_value FROM file_keys WHERE job_id = ? AND field_name = ?"
                    + " ORDER BY key_value FETCH FIRST " + chunk + " ROWS ONLY")) {
                s.setLong(1, jobId);
                s.setString(2, field);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        last = r.getString(1);
                    }
                }
            }
            if (last == null) {
                return 0;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM file_keys WHERE job_id = ? AND field_name = ? AND key_value <= ?")) {
                s.setLong(1, jobId);
                s.setString(2, field);
                s.setString(3, last);
                return s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the file keys of job " + jobId, e);
        }
    }

    /** Stores a run's score once; a redelivered RowsEnd computes the same figures from the ledgers and writes nothing. */
    public void recordQuality(long jobId, long fileId, String target, QualityScore q) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM file_quality WHERE job_id = ?")) {
                s.setLong(1, jobId);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO file_quality (job_id, file_id, target, rows_read,"
                    + " cells_total, cells_filled, rows_valid, distinct_keys, completeness, validity, uniqueness,"
                    + " quality_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, jobId);
                s.setLong(2, fileId);
                s.setString(3, target);
                s.setLong(4, q.rows());
                s.setLong(5, q.cells());
                s.setLong(6, q.filledCells());
                s.setLong(7, q.validRows());
                s.setLong(8, q.distinctKeys());
                s.setBigDecimal(9, q.completeness());
                s.setBigDecimal(10, q.validity());
                s.setBigDecimal(11, q.uniqueness());
                s.setBigDecimal(12, q.score());
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the quality of job " + jobId, e);
        }
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
