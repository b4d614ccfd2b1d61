package io.dataops.model;

/**
 * Kafka topic names: the only way data moves between stages. Every message about one file is keyed by
 * the file id, so a file stays ordered within one partition.
 */
public final class Topics {

    /** Parsed rows of a file, in batches, then a closing {@link io.dataops.model.events.RowsEnd}. ingest -> validation. */
    public static final String FILE_ROWS_UPLOADED = "dataops.file-rows.uploaded";

    /** Rows that passed validation, same batch numbering, then a closing marker. validation -> loader. */
    public static final String FILE_ROWS_VALIDATED = "dataops.file-rows.validated";

    /** Rows the loader could not store (duplicate key, unknown reference), then that the file is loaded. loader -> validation. */
    public static final String FILE_ROWS_REJECTED = "dataops.file-rows.rejected";

    /** Lifecycle and progress of files and jobs; consumed by job, report and ingest services. */
    public static final String PIPELINE_EVENTS = "dataops.pipeline.events";

    /** Files put on Kafka by outside producers. */
    public static final String FILES_INBOUND = "dataops.files.inbound";

    /** Messages that can never be processed, with the reason in headers. */
    public static final String DEAD_LETTER = "dataops.dead-letter";

    /** Audit events of successful state-changing requests at every service; the gateway stores them in AUDIT_LOG. */
    public static final String AUDIT = "dataops.audit";

    private Topics() {
    }
}
