package io.dataops.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.ingest.config.IngestConfig;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The HTTP layer refuses a body beyond {@code quarkus.http.limits.max-body-size} while it streams in, before it is
 * stored; that limit is the file limit plus room for the multipart envelope, so an oversized upload never fills the
 * uploads directory.
 * <p>
 * A body that declares its length (Content-Length: browsers, curl, every HTTP client that knows the file size) over
 * that limit is answered here, before a byte of it is read, with 413 FILE_TOO_LARGE problem+json. A chunked body
 * carries no length, so it is cut off by the HTTP layer when it passes the limit; that answer is a bare 413 written
 * by RESTEasy Reactive's multipart reader (docs/errors.md says so).
 */
@ApplicationScoped
public class UploadBodyLimit {
    private static final Logger LOG = Logger.getLogger(UploadBodyLimit.class);
    /** Boundaries and part headers around the file; generous, a browser's are a few hundred bytes. */
    static final long ENVELOPE_BYTES = 1024 * 1024;
    /** Vert.x filters run highest first: after SecurityHeaders (100) and CanonicalPathFilter (90), so the refusal gets the headers. */
    private static final int PRIORITY = 80;

    private final IngestConfig config;
    private final long maxBody;
    private final ObjectMapper json;

    public UploadBodyLimit(IngestConfig config, ObjectMapper json,
                           @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.config = config;
        this.json = json;
        this.maxBody = maxBody.asLongValue();
    }

    void check(@Observes StartupEvent start) {
        if (maxBody < config.maxFileSize() || maxBody > config.maxFileSize() + 16 * ENVELOPE_BYTES) {
            LOG.warnf("quarkus.http.limits.max-body-size (%d bytes) should be dataops.ingest.max-file-size (%d) plus"
                    + " about %d bytes: smaller refuses files within the limit, larger stores oversized uploads before"
                    + " refusing them", maxBody, config.maxFileSize(), ENVELOPE_BYTES);
        }
    }

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            long declared = declaredLength(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH));
            if (declared <= maxBody) {
                ctx.next();
                return;
            }
            // The client is still sending a body we will not read: close the connection after answering.
            ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(refusal(declared));
        }, PRIORITY);
    }

    /** -1 when absent or not a number (the HTTP layer answers a malformed length itself). */
    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String refusal(long declared) {
        try {
            return json.writeValueAsString(Problem.of(ErrorCode.FILE_TOO_LARGE, "The request body has " + declared
                    + " bytes; the limit is " + maxBody + " (files up to " + config.maxFileSize() + " bytes)"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record always serialises", e);
        }
    }
}
