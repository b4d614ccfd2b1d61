package io.dataops.gateway.rest;

import io.dataops.platform.audit.RequestOrigins;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.gateway.repository.User;
import io.dataops.gateway.service.AccessGate;
import io.dataops.gateway.service.Sessions;
import io.dataops.gateway.service.RefreshTokens;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 6.1 authentication endpoints. Every field is length-checked before a login is throttled or audited, so an
 * oversized value never becomes a Redis key or an AUDIT_LOG row (the whole body is capped before it is read:
 * AuthBodyLimit).
 */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuthResource {
    private final Sessions sessions;
    private final AccessGate gate;
    private final RequestOrigins origins;
    private final JsonWebToken jwt;
    private final ObjectMapper json;

    public AuthResource(Sessions sessions, AccessGate gate, RequestOrigins origins, JsonWebToken jwt, ObjectMapper json) {
        this.json = json;
        this.sessions = sessions;
        this.gate = gate;
        this.origins = origins;
        this.jwt = jwt;
    }

    /** The USERS.USERNAME column's size: no longer name can exist. */
    static final int MAX_USERNAME = 50;
    /** Far above any password we let anyone set, far below what bcrypt's input handling should see. */
    static final int MAX_PASSWORD = 1024;

    public record LoginRequest(String username, String password) {
    }

    public record RefreshRequest(String refreshToken) {
    }

    public record UserView(long id, String username, String email, String role) {
        static UserView of(User user) {
            return new UserView(user.id, user.username, user.email, user.role);
        }
    }

    public record LoginResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
                                long refreshExpiresIn, UserView user) {
        static LoginResponse of(Sessions.Session session) {
            return new LoginResponse(session.access().token(), "bearer", session.access().expiresInSeconds(),
                    session.refresh().token(), session.refresh().expiresInSeconds(), UserView.of(session.user()));
        }
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public LoginResponse login(LoginRequest request, @Context HttpServerRequest http) {
        if (request == null || request.username() == null || request.password() == null) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "username and password are required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.username().length() > MAX_USERNAME) {
            errors.add(new FieldError("username", "at most " + MAX_USERNAME + " characters"));
        }
        if (request.password().length() > MAX_PASSWORD) {
            errors.add(new FieldError("password", "at most " + MAX_PASSWORD + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "A field is longer than any account has", errors);
        }
        return LoginResponse.of(sessions.login(request.username(), request.password(), origins.of(http)));
    }

    @POST
    @Path("/refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public LoginResponse refresh(RefreshRequest request, @Context HttpServerRequest http) {
        if (request == null || request.refreshToken() == null || request.refreshToken().isBlank()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "refresh_token is required");
        }
        checkRefreshTokenLength(request.refreshToken());
        return LoginResponse.of(sessions.refresh(request.refreshToken(), origins.of(http)));
    }

    /**
     * The body is optional (so read as text: a bare POST has no content type): with {"refresh_token"} the login
     * behind it ends too, on every device holding it.
     */
    @POST
    @Path("/logout")
    @Authenticated
    public Response logout(String body, @Context HttpServerRequest http) throws java.io.IOException {
        gate.admitNow(jwt);
        RefreshRequest request = body == null || body.isBlank() ? null : json.readValue(body, RefreshRequest.class);
        if (request != null && request.refreshToken() != null) {
            checkRefreshTokenLength(request.refreshToken());
        }
        sessions.logout(jwt, request == null ? null : request.refreshToken(), origins.of(http));
        return Response.noContent().build();
    }

    /** Every refresh token we issue has exactly this length; a longer one is not ours and is not looked up. */
    private static void checkRefreshTokenLength(String token) {
        if (token.trim().length() > RefreshTokens.TOKEN_LENGTH) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "Not a refresh token of ours",
                    List.of(new FieldError("refresh_token", "at most " + RefreshTokens.TOKEN_LENGTH + " characters")));
        }
    }

    @GET
    @Path("/me")
    @Authenticated
    public UserView me() {
        gate.admitNow(jwt);
        Long id = AccessGate.userIdOf(jwt);
        User user = id == null ? null : User.findById(id);
        if (user == null || !user.active()) {
            throw new ProblemException(ErrorCode.UNAUTHORIZED, "The account of this token no longer exists or is inactive");
        }
        return UserView.of(user);
    }
}
