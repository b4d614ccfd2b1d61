package io.dataops.loader.service;

import io.dataops.loader.mapping.MergeStatement;
import io.dataops.loader.repository.LoadLedger;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.TargetTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Loads one batch of valid rows with a JDBC batch MERGE and records it in the ledger, in one transaction.
 * A batch already in the ledger is skipped whole: a redelivery changes nothing.
 */
@ApplicationScoped
public class BatchLoad {
    private final DataSource dataSource;
    private final LoadLedger ledger;

    public BatchLoad(DataSource dataSource, LoadLedger ledger) {
        this.dataSource = dataSource;
        this.ledger = ledger;
    }

    @Transactional
    public void load(RowBatch batch) {
        if (ledger.contains(batch.jobId(), batch.batchNo())) {
            return;
        }
        MergeStatement merge = new MergeStatement(TargetTables.require(batch.target()));
        int loaded = 0;
        if (!batch.rows().isEmpty()) {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(merge.sql())) {
                for (SourceRow row : batch.rows()) {
                    merge.bind(s, row, batch.fileId());
                    s.addBatch();
                }
                for (int count : s.executeBatch()) {
                    // Oracle may answer SUCCESS_NO_INFO for batched statements; then the row went in
                    loaded += count == Statement.SUCCESS_NO_INFO ? 1 : count;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Batch " + batch.batchNo() + " of job " + batch.jobId()
                        + " could not be loaded", e);
            }
        }
        ledger.record(batch.jobId(), batch.batchNo(), batch.fileId(), batch.rows().size(), loaded);
    }

    @Transactional
    public LoadLedger.Totals totals(long jobId) {
        return ledger.totals(jobId);
    }
}
