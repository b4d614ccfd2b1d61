package io.dataops.platform.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.model.http.RequestPaths;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a request whose path is not spelled canonically (RequestPaths) with 400 PATH_NOT_CANONICAL before any
 * route, authentication, proxying or audit sees it. The checks behind it no longer depend on the spelling either
 * (RevocationFilter, AuditHook); this is the second wall, so a future check that reads the raw path cannot be
 * walked around with {@code //} or {@code %61}.
 */
@ApplicationScoped
public class CanonicalPathFilter {
    /** Vert.x filters run highest priority first; above SecurityHeaders (100), so the refusal still gets its headers. */
    private static final int PRIORITY = 90;
    private final String refusal;

    public CanonicalPathFilter(ObjectMapper json) {
        try {
            this.refusal = json.writeValueAsString(Problem.of(ErrorCode.PATH_NOT_CANONICAL,
                    "The request path must be written without empty, '.' or '..' segments, ';', backslashes, "
                            + "or percent escapes of characters that need none"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record always serialises", e);
        }
    }

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            if (RequestPaths.isCanonical(ctx.request().path())) {
                ctx.next();
                return;
            }
            ctx.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE).end(refusal);
        }, PRIORITY);
    }
}
