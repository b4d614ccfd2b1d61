package io.dataops.model.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;

/**
 * Lifecycle and progress facts on {@link io.dataops.model.Topics#PIPELINE_EVENTS}, keyed by file id.
 * job-service keeps JOBS from them, ingest-service DATA_FILES.status, report-service its dashboard model.
 * Counts in them are totals so far, never increments, so a redelivered event changes nothing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PipelineEvent.FileUploaded.class, name = "FileUploaded"),
        @JsonSubTypes.Type(value = PipelineEvent.FileProcessingRequested.class, name = "FileProcessingRequested"),
        @JsonSubTypes.Type(value = PipelineEvent.FileProcessingStarted.class, name = "FileProcessingStarted"),
        @JsonSubTypes.Type(value = PipelineEvent.JobProgressed.class, name = "JobProgressed"),
        @JsonSubTypes.Type(value = PipelineEvent.FileLoaded.class, name = "FileLoaded"),
        @JsonSubTypes.Type(value = PipelineEvent.FileFailed.class, name = "FileFailed"),
        @JsonSubTypes.Type(value = PipelineEvent.FileQualityScored.class, name = "FileQualityScored"),
        @JsonSubTypes.Type(value = PipelineEvent.FileReadProgressed.class, name = "FileReadProgressed"),
        @JsonSubTypes.Type(value = PipelineEvent.JobCancelled.class, name = "JobCancelled"),
        @JsonSubTypes.Type(value = PipelineEvent.FileDeleted.class, name = "FileDeleted")})
public sealed interface PipelineEvent {
    long fileId();

    Instant at();

    record FileUploaded(long fileId, String originalName, String fileType, long fileSize, long uploadedBy,
                        Instant at) implements PipelineEvent {
    }

    /** {@code mode} is the run's load mode (absent in older events: insert). */
    record FileProcessingRequested(long jobId, long fileId, String target, Instant at, LoadMode mode)
            implements PipelineEvent {
        public FileProcessingRequested {
            mode = mode == null ? LoadMode.INSERT : mode;
        }

        public FileProcessingRequested(long jobId, long fileId, String target, Instant at) {
            this(jobId, fileId, target, at, LoadMode.INSERT);
        }
    }

    record FileProcessingStarted(long jobId, long fileId, String target, Instant at) implements PipelineEvent {
    }

    /** Totals so far, reported by the stage named in {@code stage} (validation or loader). */
    record JobProgressed(long jobId, long fileId, String stage, long rowsRead, long rowsValid, long rowsRejected,
                         long rowsLoaded, Instant at) implements PipelineEvent {
    }

    /** The file went through every stage; the final, authoritative counts. */
    record FileLoaded(long jobId, long fileId, String target, long rowsRead, long rowsValid, long rowsRejected,
                      long rowsLoaded, Instant at) implements PipelineEvent {
    }

    record FileFailed(long jobId, long fileId, String reason, Instant at) implements PipelineEvent {
    }

    /**
     * validation-service's quality score of one run of a file, sent when the file is loaded (just before its FileLoaded: the
     * distinct keys need the loader's in-file duplicates). Ratios are 0..1;
     * {@code score} is their mean (docs/validation-rules.md defines each). Sent again unchanged on redelivery.
     */
    record FileQualityScored(long jobId, long fileId, long rows, double completeness, double validity,
                             double uniqueness, double score, Instant at) implements PipelineEvent {
    }

    /**
     * ingest-service's reading of a run's file: rows and bytes read so far of {@code bytesTotal}. With
     * {@code done} the reading is over and {@code rowsRead} is the file's row count, the total of the job.
     */
    record FileReadProgressed(long jobId, long fileId, long rowsRead, long bytesRead, long bytesTotal, boolean done,
                              Instant at) implements PipelineEvent {
    }

    /**
     * A user cancelled the job (job-service). Every stage records the job id durably and from then on skips the
     * job's batches (acknowledged, nothing written); ingest stops reading and the file says {@code cancelled}.
     */
    record JobCancelled(long jobId, long fileId, long cancelledBy, Instant at) implements PipelineEvent {
    }

    /**
     * The file and its stored content were deleted (ingest-service). Validation drops its errors and ledgers, the
     * loader its ledgers; rows already loaded stay, with their {@code source_file_id} provenance.
     */
    record FileDeleted(long fileId, long deletedBy, Instant at) implements PipelineEvent {
    }
}
