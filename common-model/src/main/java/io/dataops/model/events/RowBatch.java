package io.dataops.model.events;

import java.util.List;

/**
 * A bounded slice of one file's rows. {@code batchNo} counts from 1 and is the same for the same rows on every
 * topic of the chain, so each consumer's ledger can recognise a redelivered batch. {@code mode} is the run's
 * {@link LoadMode}, carried to the loader (absent in older messages: INSERT).
 */
public record RowBatch(long jobId, long fileId, String target, ValidationRules rules, int batchNo,
                       List<SourceRow> rows, LoadMode mode) implements FileRowsMessage {

    /** Checked here so a consumer's decode refuses a batch it could never process (the dead-letter topic takes it). */
    public RowBatch {
        Invariants.positive("jobId", jobId);
        Invariants.positive("fileId", fileId);
        Invariants.positive("batchNo", batchNo);
        Invariants.present("target", target);
        Invariants.noNulls("rows", rows);
        rules = rules == null ? ValidationRules.none() : rules;
        mode = mode == null ? LoadMode.INSERT : mode;
    }

    public RowBatch(long jobId, long fileId, String target, ValidationRules rules, int batchNo, List<SourceRow> rows) {
        this(jobId, fileId, target, rules, batchNo, rows, LoadMode.INSERT);
    }

    /** The same batch (number, run, mode) holding other rows: what a stage forwards. */
    public RowBatch withRows(List<SourceRow> kept) {
        return new RowBatch(jobId, fileId, target, rules, batchNo, kept, mode);
    }
}
