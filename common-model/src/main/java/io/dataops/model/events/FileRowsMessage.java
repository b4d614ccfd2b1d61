package io.dataops.model.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What travels on the row topics: batches of one file's rows, then one {@link RowsEnd}. All messages of a
 * file share the key {@link #fileId()}, so they arrive in order in one partition.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RowBatch.class, name = "RowBatch"),
        @JsonSubTypes.Type(value = RowsEnd.class, name = "RowsEnd")})
public sealed interface FileRowsMessage permits RowBatch, RowsEnd {
    long jobId();

    long fileId();

    String target();
}
