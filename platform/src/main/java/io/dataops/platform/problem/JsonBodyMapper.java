package io.dataops.platform.problem;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A JSON body of the wrong shape ({@code {"username": ["a"]}}, {@code [1, 2]} where an object is expected) fails
 * with Jackson's MismatchedInputException, for which quarkus-rest-jackson registers its own mapper (400, empty body).
 * That mapper is more specific than {@link ProblemMapper}'s JsonProcessingException, so this one, exactly as
 * specific, keeps the answer problem+json (400 INVALID_REQUEST, the field and its expected shape in {@code errors}:
 * {@link JsonBodyProblems}). Found by system-tests' HostileInputIT.
 */
public class JsonBodyMapper {

    @ServerExceptionMapper(MismatchedInputException.class)
    public Response toProblem(MismatchedInputException failure) {
        return ProblemMapper.answer(JsonBodyProblems.from(failure)).build();
    }
}
