package io.dataops.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Refuses an /api/auth body larger than {@link #MAX_BODY_BYTES} from its Content-Length, before a byte of it is
 * read: the gateway takes uploads of gigabytes (they stream to ingest), so the global body limit cannot protect
 * login, and a 20 MB username would otherwise be parsed, throttled under a 20 MB Redis key and audited.
 * A chunked body has no length to check and is refused too; every client sends a JSON login with a length.
 */
@ApplicationScoped
public class AuthBodyLimit {
    /** A login is a username of 50 characters and a password of 1024: 8 KiB leaves room for JSON escapes. */
    public static final int MAX_BODY_BYTES = 8 * 1024;
    /** After CanonicalPathFilter (90), so the path read here is the one RESTEasy routes. */
    private static final int PRIORITY = 80;
    private final String tooLarge;
    private final String noLength;

    public AuthBodyLimit(ObjectMapper json) {
        this.tooLarge = problem(json, "An authentication request body is limited to " + MAX_BODY_BYTES + " bytes");
        this.noLength = problem(json, "An authentication request body needs a Content-Length");
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext ctx) {
        var request = ctx.request();
        if (!request.path().startsWith("/api/auth/")) {
            ctx.next();
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        String refusal = null;
        if (length == null && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            refusal = noLength;
        } else if (length != null && !withinLimit(length)) {
            refusal = tooLarge;
        }
        if (refusal == null) {
            ctx.next();
            return;
        }
        // the unread body stays on the connection: close it rather than parse the rest as the next request
        ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(refusal);
    }

    private static boolean withinLimit(String contentLength) {
        try {
            long bytes = Long.parseLong(contentLength.trim());
            return bytes >= 0 && bytes <= MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String problem(ObjectMapper json, String detail) {
        try {
            return json.writeValueAsString(Problem.of(ErrorCode.INVALID_REQUEST, detail,
                    List.of(new Problem.FieldError("body", "at most " + MAX_BODY_BYTES + " bytes, sent with a Content-Length"))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record always serialises", e);
        }
    }
}
