package io.dataops.gateway.service;

import io.dataops.model.security.RevocationKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * The logout list in Redis: a revoked token's id is kept until the token would have expired anyway, so the
 * list never grows beyond the tokens still alive, and every gateway replica sees it.
 */
@ApplicationScoped
public class TokenRevocations {
    private final ReactiveValueCommands<String, String> values;

    public TokenRevocations(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    public Uni<Void> revoke(String tokenId, Instant expiresAt) {
        long seconds = Math.max(1, Duration.between(Instant.now(), expiresAt).toSeconds());
        return values.set(RevocationKeys.revokedToken(tokenId), "1", new SetArgs().ex(seconds));
    }

    public Uni<Boolean> isRevoked(String tokenId) {
        return tokenId == null ? Uni.createFrom().item(false) : values.get(RevocationKeys.revokedToken(tokenId)).map(v -> v != null);
    }
}
