package io.dataops.model.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the loader reports back on {@code Topics.FILE_ROWS_REJECTED}, keyed by file id: the rows of each batch it
 * could not store, then, once, that the file is loaded. Validation-service records the rejects in DATA_ERRORS and
 * publishes the {@link PipelineEvent.FileLoaded} that completes the job only when every reject the
 * {@link LoadFinished} counts is recorded: several loader replicas send these, so a finish may overtake another
 * replica's rejects, and a job must never show completed before its errors can be read.
 * <p>
 * A message without a type is a {@link RowsRejected}, as every message on this topic was before the closing report.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = RowsRejected.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = RowsRejected.class, name = "RowsRejected"),
        @JsonSubTypes.Type(value = LoadFinished.class, name = "LoadFinished")})
public sealed interface LoaderReport permits RowsRejected, LoadFinished {
    long jobId();

    long fileId();
}
