package io.dataops.model.events;

import java.util.List;

/**
 * Rows of one batch the loader could not store (a key already loaded from another file, a reference to nothing,
 * a value the database refused),
 * sent back on {@code Topics.FILE_ROWS_REJECTED} so validation-service records them with the file's other errors.
 * The same batch may be reported more than once; the recorder keeps one copy.
 */
public record RowsRejected(long jobId, long fileId, String target, int batchNo, List<RejectedRow> rows)
        implements LoaderReport {
    public RowsRejected {
        Invariants.positive("jobId", jobId);
        Invariants.positive("fileId", fileId);
        Invariants.noNulls("rows", rows);
    }

    /** The key was already loaded, from another file or earlier in this one. */
    public static final String DUPLICATE = "DUPLICATE";
    /** A reference column names no loaded row of the referenced target (an order's unknown customer_code). */
    public static final String REFERENCE = "REFERENCE";
    /** The database refused a value as too large for its column (text too long, number out of range). */
    public static final String VALUE_TOO_LARGE = "VALUE_TOO_LARGE";
    /** The database refused the row for another data or constraint reason; the message says which. */
    public static final String DB_REJECTED = "DB_REJECTED";

    public record RejectedRow(long rowNumber, String field, String value, String errorType, String message, String raw) {
    }
}
