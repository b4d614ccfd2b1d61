package io.dataops.model.events;

/**
 * Closing marker after a file's last batch on a row topic. {@code rowCount} is the number of rows the
 * producing stage read; {@code rejectedCount} how many of those it did not pass on.
 */
public record RowsEnd(long jobId, long fileId, String target, int batchCount, long rowCount,
                      long rejectedCount) implements FileRowsMessage {
    public RowsEnd {
        Invariants.positive("jobId", jobId);
        Invariants.positive("fileId", fileId);
        Invariants.present("target", target);
        Invariants.notNegative("batchCount", batchCount);
        Invariants.notNegative("rowCount", rowCount);
        Invariants.notNegative("rejectedCount", rejectedCount);
    }
}
