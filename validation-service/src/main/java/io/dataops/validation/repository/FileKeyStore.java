package io.dataops.validation.repository;

import io.dataops.platform.jdbc.Sql;
import io.dataops.validation.rules.FileKeyIndex;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FILE_KEYS: the row holding each value of a run's fields with a {@code unique} rule, so a duplicate is found across
 * batches and replicas. Written with the batch's ledger row ({@link ValidationLedger#record}); two replicas storing
 * the same value at once meet at the primary key, and the loser's batch is retried and finds the value held. Pruned
 * once the run's rows are closed. A run without a unique rule writes nothing here.
 */
@ApplicationScoped
public class FileKeyStore {
    private final Sql sql;

    public FileKeyStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    void insert(long jobId, List<FileKeyIndex.Key> keys) {
        sql.batch("INSERT INTO file_keys (job_id, field_name, key_value, first_row) VALUES (?, ?, ?, ?)", keys,
                key -> new Object[]{jobId, key.field(), key.value(), key.firstRow()});
    }

    /**
     * The stored first rows of these values of a run's tracked fields, as an index the batch's rows are checked
     * against. Only the batch's own values are read, so memory stays bounded by the batch, not the file.
     */
    public FileKeyIndex keys(long jobId, Map<String, ? extends Collection<String>> valuesByField) {
        FileKeyIndex index = new FileKeyIndex();
        // One primary-key seek per value. An IN list would read fewer statements but H2 uses an index for IN only
        // on an index's first column, so it scanned every key of the run for every batch: quadratic in the file.
        return sql.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(
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
            }
        });
    }

    /** Runs whose rows are closed and whose keys are still stored, with the time each was closed. */
    public Map<Long, Instant> closedRunsWithKeys() {
        Map<Long, Instant> runs = new LinkedHashMap<>();
        sql.list("SELECT c.job_id, c.closed_at FROM run_closings c WHERE c.gate = 'rows' AND c.closed_at IS NOT NULL"
                        + " AND EXISTS (SELECT 1 FROM file_keys k WHERE k.job_id = c.job_id)",
                r -> Map.entry(r.getLong(1), r.getTimestamp(2).toInstant()))
                .forEach(run -> runs.put(run.getKey(), run.getValue()));
        return runs;
    }

    /** The fields a run has keys stored for. */
    public List<String> keyFields(long jobId) {
        return sql.list("SELECT DISTINCT field_name FROM file_keys WHERE job_id = ?", r -> r.getString(1), jobId);
    }

    /**
     * Deletes the first {@code chunk} stored keys of one field of a run, in key order; returns how many went. A
     * range on the primary key, so each chunk reads only what it deletes, on H2 as on Oracle.
     */
    public int deleteKeyChunk(long jobId, String field, int chunk) {
        List<String> first = sql.list("SELECT key_value FROM file_keys WHERE job_id = ? AND field_name = ?"
                + " ORDER BY key_value FETCH FIRST " + chunk + " ROWS ONLY", r -> r.getString(1), jobId, field);
        if (first.isEmpty()) {
            return 0;
        }
        return sql.update("DELETE FROM file_keys WHERE job_id = ? AND field_name = ? AND key_value <= ?",
                jobId, field, first.get(first.size() - 1));
    }
}
