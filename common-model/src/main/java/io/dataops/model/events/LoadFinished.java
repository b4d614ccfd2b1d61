package io.dataops.model.events;

/**
 * The loader's last report of a run, sent by whichever loader replica completed it: the FileLoaded event
 * validation-service publishes once every reject it counts is recorded. {@code rejectedRows} is how many rows the
 * loader reported in this run's {@link RowsRejected} messages (they may come from other replicas, before or after
 * this report); {@code inFileDuplicates} how many of them were rejected as DUPLICATE because a lower row of the same
 * file holds the natural key (the quality score's distinct keys, docs/validation-rules.md).
 */
public record LoadFinished(PipelineEvent.FileLoaded loaded, long rejectedRows, long inFileDuplicates)
        implements LoaderReport {
    public LoadFinished {
        if (loaded == null) {
            throw new IllegalArgumentException("loaded must not be null");
        }
        Invariants.positive("jobId", loaded.jobId());
        Invariants.positive("fileId", loaded.fileId());
        Invariants.notNegative("rejectedRows", rejectedRows);
        Invariants.notNegative("inFileDuplicates", inFileDuplicates);
    }

    @Override
    public long jobId() {
        return loaded.jobId();
    }

    @Override
    public long fileId() {
        return loaded.fileId();
    }
}
