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
