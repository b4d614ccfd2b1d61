package io.dataops.gateway.rest;

import io.dataops.gateway.repository.User;
import io.dataops.gateway.service.Accounts;
import io.dataops.gateway.service.TokenIssuer;
import io.dataops.gateway.service.TokenRevocations;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.security.TokenClaims;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;

/** Seed 6.1 authentication endpoints. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuthResource {
    private final Accounts accounts;
    private final TokenIssuer tokens;
    private final TokenRevocations revocations;
    private final JsonWebToken jwt;

    public AuthResource(Accounts accounts, TokenIssuer tokens, TokenRevocations revocations, JsonWebToken jwt) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.revocations = revocations;
        this.jwt = jwt;
    }

    public record LoginRequest(String username, String password) {
    }

    public record UserView(long id, String username, String email, String role) {
        static UserView of(User user) {
            return new UserView(user.id, user.username, user.email, user.role);
        }
    }

    public record LoginResponse(String accessToken, String tokenType, long expiresIn, UserView user) {
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    public LoginResponse login(LoginRequest request) {
        if (request == null || request.username() == null || request.password() == null) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "username and password are required");
        }
        User user = accounts.authenticate(request.username(), request.password());
        TokenIssuer.IssuedToken issued = tokens.issueFor(user);
        return new LoginResponse(issued.token(), "bearer", issued.expiresInSeconds(), UserView.of(user));
    }

    @POST
    @Path("/logout")
    @Authenticated
    public Response logout() {
        ensureNotRevoked();
        revocations.revoke(jwt.getTokenID(), Instant.ofEpochSecond(jwt.getExpirationTime())).await().indefinitely();
        return Response.noContent().build();
    }

    @GET
    @Path("/me")
    @Authenticated
    public UserView me() {
        ensureNotRevoked();
        Object uid = jwt.getClaim(TokenClaims.USER_ID);
        long id = uid instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(uid));
        User user = User.findById(id);
        if (user == null || !user.active()) {
            throw new ProblemException(ErrorCode.UNAUTHORIZED, "The account of this token no longer exists or is inactive");
        }
        return UserView.of(user);
    }

    private void ensureNotRevoked() {
        if (Boolean.TRUE.equals(revocations.isRevoked(jwt.getTokenID()).await().indefinitely())) {
            throw new ProblemException(ErrorCode.TOKEN_REVOKED, "This token was revoked by a logout");
        }
    }
}
