package io.dataops.model.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What travels on the row topics: batches of one file's rows and one {@link RowsEnd}. Each message has its own key
 * ({@link #partitionKey(FileRowsMessage)}), so a file's batches spread over every partition and every replica of a
 * stage works on one big file; no stage may rely on their order (docs/adr/0024-one-file-across-partitions.md).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RowBatch.class, name = "RowBatch"),
        @JsonSubTypes.Type(value = RowsEnd.class, name = "RowsEnd")})
public sealed interface FileRowsMessage permits RowBatch, RowsEnd {
    long jobId();

    long fileId();

    String target();

    /**
     * The Kafka key of a row message: {@code <fileId>-<batchNo>} for a batch, {@code <fileId>-end} for the closing
     * marker. A stage forwards its output under the same key it read.
     */
    static String partitionKey(FileRowsMessage message) {
        return message instanceof RowBatch batch ? message.fileId() + "-" + batch.batchNo() : message.fileId() + "-end";
    }
}
