package io.dataops.gateway.service;

import io.dataops.gateway.config.GatewayConfig;
import io.dataops.model.security.RevocationKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Users deactivated or deleted while tokens of theirs may still be alive. A mark lives as long as an access token
 * does: after that no token issued before the change survives, and login and refresh read USERS themselves.
 */
@ApplicationScoped
public class InactiveUsers {
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final GatewayConfig config;

    public InactiveUsers(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.config = config;
    }

    public Uni<Void> mark(long userId) {
        long seconds = config.accessTokenTtl().toSeconds() + config.tokenClockSkewSeconds() + 1;
        return values.set(RevocationKeys.inactiveUser(userId), "1", new SetArgs().ex(seconds));
    }

    public Uni<Void> clear(long userId) {
        return keys.del(RevocationKeys.inactiveUser(userId)).replaceWithVoid();
    }
}
