package io.dataops.gateway.service;

import io.dataops.gateway.config.GatewayConfig;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.security.TokenClaims;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;

/**
 * What the gateway checks on a request beyond the token's signature, the same for forwarded requests (ApiProxy,
 * on the event loop) and its own endpoints (awaited on a worker thread): not logged out, the user not deactivated
 * since the token was issued, and within the per-user request rate. Fails with the matching ProblemException.
 */
@ApplicationScoped
public class AccessGate {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final TokenRevocations revocations;
    private final InactiveUsers inactive;
    private final RateLimiter limiter;
    private final GatewayConfig config;

    public AccessGate(TokenRevocations revocations, InactiveUsers inactive, RateLimiter limiter, GatewayConfig config) {
        this.revocations = revocations;
        this.inactive = inactive;
        this.limiter = limiter;
        this.config = config;
    }

    public Uni<Void> admit(JsonWebToken token) {
        Long userId = userIdOf(token);
        String subject = userId != null ? String.valueOf(userId) : "name:" + token.getName();
        return revocations.isRevoked(token.getTokenID())
                .chain(revoked -> {
                    if (revoked) {
                        throw new ProblemException(ErrorCode.TOKEN_REVOKED, "This token was revoked by a logout");
                    }
                    return inactive.isInactive(userId);
                })
                .chain(isInactive -> {
                    if (isInactive) {
                        throw new ProblemException(ErrorCode.UNAUTHORIZED, "The account of this token is inactive");
                    }
                    return limiter.hit("api", subject, config.rateLimit().apiPerMinute(), MINUTE);
                });
    }

    /** Blocking form for resource methods, which run on worker threads. */
    public void admitNow(JsonWebToken token) {
        admit(token).await().indefinitely();
    }

    public static Long userIdOf(JsonWebToken token) {
        return TokenClaims.userId(token.getClaim(TokenClaims.USER_ID));
    }
}
