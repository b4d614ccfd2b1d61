package io.dataops.validation.service;

import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.TargetTable;
import io.dataops.model.targets.TargetTables;
import io.dataops.validation.repository.FileKeyStore;
import io.dataops.validation.repository.QualityStore;
import io.dataops.validation.repository.ValidationLedger;
import io.dataops.validation.rules.FileKeyIndex;
import io.dataops.validation.rules.QualityScore;
import io.dataops.validation.rules.RowError;
import io.dataops.validation.rules.RowValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one batch and records its errors and its ledger row in one transaction (and, only for fields with a
 * {@code unique} rule, the values it saw first in FILE_KEYS). The valid rows are computed again when a batch is
 * redelivered, because the rows must still go forward even though the errors and the ledger row already exist:
 * validation is deterministic (the run's rules are a stored snapshot, and a unique value's first holder is stored),
 * so they are the same rows.
 * <p>
 * Batches come in any order and on any replica (docs/adr/0024-one-file-across-partitions.md): nothing here depends on
 * an earlier batch having been validated, except which row of a repeated unique value is the one that passes.
 */
@ApplicationScoped
public class BatchValidation {
    private final ValidationLedger ledger;
    private final FileKeyStore keyStore;
    private final QualityStore qualities;
    private final RunRules runRules;

    public BatchValidation(ValidationLedger ledger, FileKeyStore keyStore, QualityStore qualities, RunRules runRules) {
        this.ledger = ledger;
        this.keyStore = keyStore;
        this.qualities = qualities;
        this.runRules = runRules;
    }

    /** Returns the batch of valid rows to forward, with the same batch number. */
    @Transactional
    public RowBatch validate(RowBatch batch) {
        TargetTable target = TargetTables.require(batch.target());
        RowValidator validator = runRules.validatorFor(batch, target);
        Set<String> uniqueFields = validator.trackedFields();
        // no unique rule, no database read or write per row: the common case costs the ledger row and the errors
        FileKeyIndex keys = uniqueFields.isEmpty() ? new FileKeyIndex()
                : keyStore.keys(batch.jobId(), trackedValues(uniqueFields, batch.rows()));
        List<RowError> errors = new ArrayList<>();
        List<SourceRow> valid = new ArrayList<>();
        Map<Long, String> rawRejected = new HashMap<>();
        long filledCells = 0;
        long keyedRows = 0;
        for (SourceRow row : batch.rows()) {
            filledCells += QualityScore.filledCells(target, row);
            List<RowError> rowErrors = validator.validate(row, keys);
            keyedRows += QualityScore.countsAsKey(target, row, rowErrors) ? 1 : 0;
            if (rowErrors.isEmpty()) {
                valid.add(row);
            } else {
                errors.addAll(rowErrors);
                rawRejected.put(row.rowNumber(), row.raw());
            }
        }
        if (!ledger.contains(batch.jobId(), batch.batchNo())) {
            long cells = (long) batch.rows().size() * target.columns().size();
            ledger.record(batch.jobId(), batch.fileId(), batch.batchNo(), batch.rows().size(), valid.size(), errors,
                    rawRejected, new ValidationLedger.BatchFacts(cells, filledCells, keyedRows, keys.added()));
        }
        return batch.withRows(valid);
    }

    /**
     * The closing marker to forward once every batch of the run is validated, with this stage's totals from the
     * ledger (the closing gate guarantees the count; checked again here because the totals must be final).
     */
    @Transactional
    public RowsEnd closeRows(RowsEnd end) {
        ValidationLedger.Totals totals = ledger.totals(end.jobId());
        if (totals.batches() != end.batchCount()) {
            throw new IllegalStateException("Job " + end.jobId() + ": closing marker announces " + end.batchCount()
                    + " batches but " + totals.batches() + " were validated");
        }
        runRules.forget(end.jobId());
        return new RowsEnd(end.jobId(), end.fileId(), end.target(), end.batchCount(), totals.rowsRead(),
                totals.rowsRejected());
    }

    /**
     * The run's quality score, once the loader finished it: distinct keys are the rows with a natural key less the
     * loader's in-file duplicates (docs/validation-rules.md). Stored once; a repeated closing reads it back.
     */
    @Transactional
    public QualityScore scoreLoadedRun(LoadFinished finished) {
        long jobId = finished.jobId();
        return qualities.find(jobId).orElseGet(() -> {
            ValidationLedger.Totals totals = ledger.totals(jobId);
            QualityScore computed = QualityScore.of(totals.rowsRead(), totals.cellsTotal(), totals.cellsFilled(),
                    totals.rowsValid(), QualityScore.distinctKeysOf(totals.keyedRows(), finished.inFileDuplicates()));
            qualities.record(jobId, finished.fileId(), TargetTables.require(finished.loaded().target()).name(), computed);
            return computed;
        });
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

    private static Map<String, Set<String>> trackedValues(Set<String> fields, List<SourceRow> rows) {
        Map<String, Set<String>> values = new HashMap<>();
        for (String field : fields) {
            Set<String> seen = new LinkedHashSet<>();
            for (SourceRow row : rows) {
                String value = row.values() == null ? null : row.values().get(field);
                if (value != null && !value.isBlank()) {
                    seen.add(value.trim());
                }
            }
            values.put(field, seen);
        }
        return values;
    }
}
