package io.dataops.platform.problem;

import io.dataops.model.problem.Problem;
import io.dataops.model.problem.Problems;
import io.dataops.model.problem.RateLimitedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure of every service leaves as application/problem+json; server faults are logged, never shown.
 * One copy for all six services (docs/adr/0009).
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper({Exception.class, io.quarkus.security.UnauthorizedException.class,
            io.quarkus.security.AuthenticationFailedException.class, io.quarkus.security.ForbiddenException.class,
            jakarta.ws.rs.WebApplicationException.class, com.fasterxml.jackson.core.JsonProcessingException.class})
    public Response toProblem(Exception failure) {
        // a body Jackson could not read names the field and what it must be; everything else is recognised by type
        Problem problem = JsonBodyProblems.find(failure).orElseGet(() -> Problems.from(failure));
        if (problem.status() >= 500) {
            LOG.error("Request failed", failure);
        }
        Response.ResponseBuilder response = answer(problem);
        RateLimitedException limited = rateLimit(failure);
        if (limited != null) {
            response.header(HttpHeaders.RETRY_AFTER, limited.retryAfterSeconds());
        }
        return response.build();
    }

    /** The problem as a response: its status, the problem media type and, for a 401, the Bearer challenge. */
    public static Response.ResponseBuilder answer(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response;
    }

    private static RateLimitedException rateLimit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RateLimitedException limited) {
                return limited;
            }
        }
        return null;
    }
}
