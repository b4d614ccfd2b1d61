package io.dataops.validation.service;

import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.TargetTable;
import io.dataops.model.targets.TargetTables;
import io.dataops.validation.repository.ValidationLedger;
import io.dataops.validation.rules.RowError;
import io.dataops.validation.rules.RowValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one batch and records its errors with its ledger row in one transaction. The valid rows are
 * computed again when a batch is redelivered, because the rows must still go forward even though the errors
 * and the ledger row already exist: validation is deterministic, so they are the same rows.
 */
@ApplicationScoped
public class BatchValidation {
    private final ValidationLedger ledger;

    public BatchValidation(ValidationLedger ledger) {
        this.ledger = ledger;
    }

    /** Returns the batch of valid rows to forward, with the same batch number. */
    @Transactional
    public RowBatch validate(RowBatch batch) {
        TargetTable target = TargetTables.require(batch.target());
        RowValidator validator = new RowValidator(target, batch.rules());
        List<RowError> errors = new ArrayList<>();
        List<SourceRow> valid = new ArrayList<>();
        Map<Long, String> rawRejected = new HashMap<>();
        Set<Long> rejected = new HashSet<>();
        for (SourceRow row : batch.rows()) {
            List<RowError> rowErrors = validator.validate(row);
            if (rowErrors.isEmpty()) {
                valid.add(row);
            } else {
                errors.addAll(rowErrors);
                rejected.add(row.rowNumber());
                rawRejected.put(row.rowNumber(), row.raw());
            }
        }
        if (!ledger.contains(batch.jobId(), batch.batchNo())) {
            ledger.record(batch.jobId(), batch.fileId(), batch.batchNo(), batch.rows().size(), valid.size(), errors,
                    rawRejected);
        }
        return batch.withRows(valid);
    }

    /** The closing marker to forward, with this stage's totals from the ledger. */
    @Transactional
    public RowsEnd close(RowsEnd end) {
        ValidationLedger.Totals totals = ledger.totals(end.jobId());
        if (totals.batches() != end.batchCount()) {
            throw new IllegalStateException("Job " + end.jobId() + ": closing marker announces " + end.batchCount()
                    + " batches but " + totals.batches() + " were validated");
        }
        return new RowsEnd(end.jobId(), end.fileId(), end.target(), end.batchCount(), totals.rowsRead(),
                totals.rowsRejected());
    }

    /** The loader's rejects join the file's other errors in DATA_ERRORS. */
    @Transactional
    public void recordLoaderRejects(RowsRejected rejected) {
        ledger.recordLoaderRejects(rejected);
    }

    @Transactional
    public ValidationLedger.Totals totals(long jobId) {
        return ledger.totals(jobId);
    }
}
