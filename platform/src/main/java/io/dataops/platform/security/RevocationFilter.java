package io.dataops.platform.security;

import io.dataops.platform.config.PlatformConfig;
import io.dataops.platform.problem.ProblemMapper;

import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Makes a service reached directly refuse what the gateway refuses: an authenticated request whose token
 * was logged out answers 401 TOKEN_REVOKED, one whose user was deactivated 401 UNAUTHORIZED, and when Redis
 * cannot be reached 503 UPSTREAM_UNAVAILABLE (refusing rather than guessing, as the gateway does).
 * Runs on the event loop against reactive Redis. A token that fails verification is left to the endpoint's own
 * security check, which answers 401 as before.
 */
public class RevocationFilter {
    private static final Logger LOG = Logger.getLogger(RevocationFilter.class);
    private final PlatformConfig config;
    private final CurrentIdentityAssociation identities;
    private final TokenStatus status;

    public RevocationFilter(PlatformConfig config, CurrentIdentityAssociation identities, TokenStatus status) {
        this.config = config;
        this.identities = identities;
        this.status = status;
    }

    @ServerRequestFilter
    public Uni<Response> admit(HttpServerRequest request) {
        // Not keyed on the path: this filter runs after a resource method matched, whatever spelling reached it.
        if (!config.revocationCheck() || request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .chain(this::check);
    }

    private Uni<Response> check(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().nullItem();
        }
        return status.refusalOf(token)
                .map(problem -> problem == null ? null : ProblemMapper.answer(problem).build())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Token store unavailable: %s", failure.toString());
                    return ProblemMapper.answer(Problem.of(ErrorCode.UPSTREAM_UNAVAILABLE, "The token store is unavailable")).build();
                });
    }
}
