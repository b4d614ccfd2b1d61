package io.dataops.validation.service;

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
import io.dataops.validation.rules.StoredKeyFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one batch and records its errors, the file keys it saw first and its ledger row in one transaction.
 * The valid rows are computed again when a batch is redelivered, because the rows must still go forward even
 * though the errors and the ledger row already exist: validation is deterministic (the run's rules are a stored
 * snapshot, and a value's first row in the file is stored), so they are the same rows.
 */
@ApplicationScoped
public class BatchValidation {
    private final ValidationLedger ledger;
    private final FileKeyStore keyStore;
    private final QualityStore qualities;
    private final RunRules runRules;
    private final RunKeyFilters keyFilters;

    public BatchValidation(ValidationLedger ledger, FileKeyStore keyStore, QualityStore qualities, RunRules runRules,
                           RunKeyFilters keyFilters) {
        this.ledger = ledger;
        this.keyStore = keyStore;
        this.qualities = qualities;
        this.runRules = runRules;
        this.keyFilters = keyFilters;
    }

    /** What closing a run forwards and scores. */
    public record Closing(RowsEnd forward, QualityScore quality) {
    }

    /** Returns the batch of valid rows to forward, with the same batch number. */
    @Transactional
    public RowBatch validate(RowBatch batch) {
        TargetTable target = TargetTables.require(batch.target());
        RowValidator validator = runRules.validatorFor(batch, target);
        StoredKeyFilter stored = keyFilters.forBatch(batch.jobId(), batch.batchNo());
        // only values an earlier batch may have stored are looked up; the others are first seen in this batch
        FileKeyIndex keys = keyStore.keys(batch.jobId(),
                stored.mayBeStored(trackedValues(validator.trackedFields(), batch.rows())));
        List<RowError> errors = new ArrayList<>();
        List<SourceRow> valid = new ArrayList<>();
        Map<Long, String> rawRejected = new HashMap<>();
        long filledCells = 0;
        for (SourceRow row : batch.rows()) {
            filledCells += QualityScore.filledCells(target, row);
            List<RowError> rowErrors = validator.validate(row, keys);
            if (rowErrors.isEmpty()) {
                valid.add(row);
            } else {
                errors.addAll(rowErrors);
                rawRejected.put(row.rowNumber(), row.raw());
            }
        }
        List<FileKeyIndex.Key> firstSeen = keys.added();
        if (!ledger.contains(batch.jobId(), batch.batchNo())) {
            long cells = (long) batch.rows().size() * target.columns().size();
            ledger.record(batch.jobId(), batch.fileId(), batch.batchNo(), batch.rows().size(), valid.size(), errors,
                    rawRejected, new ValidationLedger.BatchFacts(cells, filledCells, firstSeen));
        }
        stored.batchDone(batch.batchNo(), firstSeen);
        return batch.withRows(valid);
    }

    /** The closing marker to forward, with this stage's totals from the ledger, and the run's quality score. */
    @Transactional
    public Closing close(RowsEnd end) {
        ValidationLedger.Totals totals = ledger.totals(end.jobId());
        if (totals.batches() != end.batchCount()) {
            throw new IllegalStateException("Job " + end.jobId() + ": closing marker announces " + end.batchCount()
                    + " batches but " + totals.batches() + " were validated");
        }
        TargetTable target = TargetTables.require(end.target());
        // once stored, the score is read back: a redelivered marker may come after the run's keys were pruned
        QualityScore quality = qualities.find(end.jobId()).orElseGet(() -> {
            QualityScore computed = QualityScore.of(totals.rowsRead(), totals.cellsTotal(), totals.cellsFilled(),
                    totals.rowsValid(), keyStore.distinctKeys(end.jobId(), target.naturalKey()));
            qualities.record(end.jobId(), end.fileId(), target.name(), computed);
            return computed;
        });
        runRules.forget(end.jobId());
        keyFilters.forget(end.jobId());
        return new Closing(new RowsEnd(end.jobId(), end.fileId(), end.target(), end.batchCount(), totals.rowsRead(),
                totals.rowsRejected()), quality);
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
