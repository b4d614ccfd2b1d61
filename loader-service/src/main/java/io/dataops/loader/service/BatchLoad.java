package io.dataops.loader.service;

import io.dataops.loader.mapping.DuplicateCheck;
import io.dataops.loader.mapping.MergeStatement;
import io.dataops.loader.repository.LoadLedger;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsRejected.RejectedRow;
import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.TargetTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads one batch of valid rows with a JDBC batch MERGE, works out which rows met a key that was already there
 * (DUPLICATE unless it is the same row re-run), and records the batch and its rejects in the ledger, all in one
 * transaction. A batch already in the ledger is skipped whole: a redelivery changes nothing.
 */
@ApplicationScoped
public class BatchLoad {
    public static final String DUPLICATE = "DUPLICATE";

    private final DataSource dataSource;
    private final LoadLedger ledger;
    /** Built once per target: the SQL text does not change between batches. */
    private final Map<String, MergeStatement> merges = new ConcurrentHashMap<>();

    public BatchLoad(DataSource dataSource, LoadLedger ledger) {
        this.dataSource = dataSource;
        this.ledger = ledger;
    }

    /** @return the batch's rejected rows, read from the ledger, so a redelivery reports them again */
    @Transactional
    public List<RejectedRow> load(RowBatch batch) {
        if (ledger.contains(batch.jobId(), batch.batchNo())) {
            return ledger.rejects(batch.jobId(), batch.batchNo());
        }
        MergeStatement merge = merges.computeIfAbsent(batch.target(), name -> new MergeStatement(TargetTables.require(name)));
        int loaded = 0;
        List<RejectedRow> rejects = new ArrayList<>();
        if (!batch.rows().isEmpty()) {
            try (Connection c = dataSource.getConnection()) {
                int[] counts;
                try (PreparedStatement s = c.prepareStatement(merge.sql())) {
                    for (SourceRow row : batch.rows()) {
                        merge.bind(s, row, batch.fileId(), batch.jobId());
                        s.addBatch();
                    }
                    counts = s.executeBatch();
                }
                for (int i = 0; i < counts.length; i++) {
                    // Oracle may answer SUCCESS_NO_INFO for batched statements; then the row went in
                    if (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
                        loaded++;
                    } else {
                        RejectedRow reject = checkExisting(c, merge, batch, batch.rows().get(i));
                        if (reject != null) {
                            rejects.add(reject);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Batch " + batch.batchNo() + " of job " + batch.jobId()
                        + " could not be loaded", e);
            }
        }
        ledger.record(batch.jobId(), batch.batchNo(), batch.fileId(), batch.rows().size(), loaded, rejects);
        return rejects;
    }

    private static RejectedRow checkExisting(Connection c, MergeStatement merge, RowBatch batch, SourceRow row)
            throws SQLException {
        String key = merge.naturalKeyOf(row);
        try (PreparedStatement s = c.prepareStatement(merge.provenanceQuery())) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("MERGE inserted nothing for " + key + " but no row holds it");
                }
                String reason = DuplicateCheck.duplicateReason(merge.naturalKeyName(), key,
                        new DuplicateCheck.Provenance(r.getLong(1), r.getLong(2), r.getLong(3)),
                        batch.fileId(), batch.jobId(), row.rowNumber());
                return reason == null ? null
                        : new RejectedRow(row.rowNumber(), merge.naturalKeyName(), key, DUPLICATE, reason, row.raw());
            }
        }
    }

    @Transactional
    public LoadLedger.Totals totals(long jobId) {
        return ledger.totals(jobId);
    }
}
