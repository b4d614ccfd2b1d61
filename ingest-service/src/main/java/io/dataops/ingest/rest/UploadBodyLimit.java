package io.dataops.ingest.rest;

import io.dataops.ingest.config.IngestConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The HTTP layer refuses a body beyond {@code quarkus.http.limits.max-body-size} while it streams in, before it is
 * stored; that limit is the file limit plus room for the multipart envelope, so an oversized upload never fills the
 * uploads directory. That refusal is a bare 413 written by RESTEasy Reactive's multipart reader (not yet our
 * FILE_TOO_LARGE problem); this class only warns at startup when the two limits disagree.
 */
@ApplicationScoped
public class UploadBodyLimit {
    private static final Logger LOG = Logger.getLogger(UploadBodyLimit.class);
    /** Boundaries and part headers around the file; generous, a browser's are a few hundred bytes. */
    static final long ENVELOPE_BYTES = 1024 * 1024;

    private final IngestConfig config;
    private final io.quarkus.runtime.configuration.MemorySize maxBody;

    public UploadBodyLimit(IngestConfig config,
                           @ConfigProperty(name = "quarkus.http.limits.max-body-size") io.quarkus.runtime.configuration.MemorySize maxBody) {
        this.config = config;
        this.maxBody = maxBody;
    }

    void check(@Observes StartupEvent start) {
        long body = maxBody.asLongValue();
        if (body < config.maxFileSize() || body > config.maxFileSize() + 16 * ENVELOPE_BYTES) {
            LOG.warnf("quarkus.http.limits.max-body-size (%d bytes) should be dataops.ingest.max-file-size (%d) plus"
                    + " about %d bytes: smaller refuses files within the limit, larger stores oversized uploads before"
                    + " refusing them", body, config.maxFileSize(), ENVELOPE_BYTES);
        }
    }
}
