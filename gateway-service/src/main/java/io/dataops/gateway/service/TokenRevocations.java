package io.dataops.gateway.service;

import io.dataops.gateway.config.GatewayConfig;
import io.dataops.model.security.RevocationKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * The logout list in Redis: a revoked token's id is kept until the token would have expired anyway plus the clock
 * skew every verifier accepts past {@code exp} (a token is still taken that long after it), so the list never grows
 * beyond the tokens still alive, and every gateway replica and service sees it.
 */
@ApplicationScoped
public class TokenRevocations {
    private final ReactiveValueCommands<String, String> values;
    private final GatewayConfig config;

    public TokenRevocations(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.values = redis.value(String.class);
        this.config = config;
    }

    public Uni<Void> revoke(String tokenId, Instant expiresAt) {
        return values.set(RevocationKeys.revokedToken(tokenId), "1",
                new SetArgs().ex(lifetimeSeconds(Instant.now(), expiresAt, config.tokenClockSkewSeconds())));
    }

    /** Seconds a revocation must live: until {@code exp} plus the accepted skew, rounded up, at least one. */
    static long lifetimeSeconds(Instant now, Instant expiresAt, int clockSkewSeconds) {
        long untilExpiry = Duration.between(now, expiresAt).toMillis();
        long seconds = (Math.max(0, untilExpiry) + 999) / 1000 + clockSkewSeconds;
        return Math.max(1, seconds);
    }
}
