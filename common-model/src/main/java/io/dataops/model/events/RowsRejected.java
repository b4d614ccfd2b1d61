package io.dataops.model.events;

import java.util.List;

/**
 * Rows of one batch the loader could not store (a key already loaded from another file, a reference to nothing),
 * sent back on {@code Topics.FILE_ROWS_REJECTED} so validation-service records them with the file's other errors.
 * The same batch may be reported more than once; the recorder keeps one copy.
 */
public record RowsRejected(long jobId, long fileId, String target, int batchNo, List<RejectedRow> rows) {

    public record RejectedRow(long rowNumber, String field, String value, String errorType, String message, String raw) {
    }
}
