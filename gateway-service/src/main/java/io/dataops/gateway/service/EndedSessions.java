package io.dataops.gateway.service;

import io.dataops.gateway.config.GatewayConfig;
import io.dataops.model.security.RevocationKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

/**
 * Ends every live access token of a user (RevocationKeys.sessionsEnded): after a role or password change, a
 * deactivation or deletion, and a reused refresh token. The gateway and every service refuse a token issued at
 * or before the mark. Blocking: called from transactional use cases on worker threads.
 */
@ApplicationScoped
public class EndedSessions {
    private static final Logger LOG = Logger.getLogger(EndedSessions.class);
    private final ReactiveValueCommands<String, String> values;
    private final GatewayConfig config;
    private final Event<Ended> ended;

    public EndedSessions(ReactiveRedisDataSource redis, GatewayConfig config, Event<Ended> ended) {
        this.values = redis.value(String.class);
        this.config = config;
        this.ended = ended;
    }

    /** Fired by {@link #endAll}; observed again once the surrounding transaction has committed. */
    public record Ended(long userId) {
    }

    /**
     * Marks now, inside the caller's transaction, so a Redis failure rolls the change back instead of leaving old
     * tokens alive; and marks again after the commit, because a login between the two read the old row.
     */
    public void endAll(long userId) {
        mark(userId);
        ended.fire(new Ended(userId));
    }

    void markAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Ended change) {
        try {
            mark(change.userId());
        } catch (RuntimeException e) {
            // the first mark holds; only a token issued while the change committed can outlive it
            LOG.warnf("Could not renew the sessions-ended mark of user %d after commit: %s", change.userId(), e.toString());
        }
    }

    private void mark(long userId) {
        long seconds = config.accessTokenTtl().toSeconds() + config.tokenClockSkewSeconds() + 1;
        values.set(RevocationKeys.sessionsEnded(userId), String.valueOf(System.currentTimeMillis()),
                new SetArgs().ex(seconds)).await().indefinitely();
    }
}
