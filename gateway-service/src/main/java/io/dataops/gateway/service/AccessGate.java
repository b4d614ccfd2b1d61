package io.dataops.gateway.service;

import io.dataops.gateway.config.GatewayConfig;
import io.dataops.model.problem.ProblemException;
import io.dataops.platform.security.TokenStatus;
import io.dataops.model.security.TokenClaims;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;

/**
 * What the gateway checks on a request beyond the token's signature, the same for forwarded requests (ApiProxy,
 * on the event loop) and its own endpoints (awaited on a worker thread): the Redis checks every service makes
 * (TokenStatus: logged out, user's sessions ended, user deactivated) and the per-user request rate. Fails with the
 * matching ProblemException.
 */
@ApplicationScoped
public class AccessGate {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final TokenStatus status;
    private final RateLimiter limiter;
    private final GatewayConfig config;

    public AccessGate(TokenStatus status, RateLimiter limiter, GatewayConfig config) {
        this.status = status;
        this.limiter = limiter;
        this.config = config;
    }

    public Uni<Void> admit(JsonWebToken token) {
        Long userId = userIdOf(token);
        String subject = userId != null ? String.valueOf(userId) : "name:" + token.getName();
        return status.refusalOf(token)
                .chain(refusal -> {
                    if (refusal != null) {
                        throw new ProblemException(refusal);
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
