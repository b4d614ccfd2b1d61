package io.dataops.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

@ConfigMapping(prefix = "dataops.ingest")
public interface IngestConfig {

    /** Where uploaded files are kept, one file per upload under a generated name. */
    @WithDefault("var/files")
    Path storageDir();

    /** Rows per Kafka message; bounded so a message stays far below the broker's 1 MiB default. */
    @WithDefault("500")
    int batchSize();

    /**
     * Bytes of row text per Kafka message: a batch is sent when it holds {@link #batchSize()} rows or about this many
     * bytes, whichever comes first, so a file of wide rows cannot build a message beyond the broker's limit.
     */
    @WithDefault("524288")
    int batchMaxBytes();

    /** Characters of the longest CSV row or JSON element read; a longer one is a RECORD_TOO_LARGE row error. */
    @WithDefault("262144")
    int maxRecordChars();

    /** Characters of the longest field value read; a longer one is a FIELD_TOO_LARGE row error. */
    @WithDefault("65536")
    int maxFieldChars();

    /** Batches a run may have on the wire, unacknowledged, at once. */
    @WithDefault("16")
    int sendWindow();

    /** How often a run being read looks whether its job was cancelled. */
    @WithDefault("PT0.5S")
    java.time.Duration cancelCheckInterval();

    /** Largest accepted upload in bytes. */
    @WithDefault("1073741824")
    long maxFileSize();
}
