package io.dataops.gateway.service;

import io.dataops.model.problem.RateLimitedException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.keys.RedisKeyNotFoundException;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Fixed-window counters in Redis (INCR, EXPIRE on the first hit), shared by every gateway replica. A request over
 * the limit fails with {@link RateLimitedException} carrying the seconds until the window resets.
 */
@ApplicationScoped
public class RateLimiter {
    private static final String PREFIX = "dataops:rate:";
    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;

    public RateLimiter(ReactiveRedisDataSource redis) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
    }

    public Uni<Void> hit(String bucket, String subject, int limit, Duration window) {
        String key = PREFIX + bucket + ":" + subject;
        long seconds = Math.max(1, window.toSeconds());
        return counters.incr(key).chain(count -> {
            Uni<Boolean> opened = count == 1 ? keys.expire(key, seconds) : Uni.createFrom().item(true);
            if (count <= limit) {
                return opened.replaceWithVoid();
            }
            return opened.chain(() -> secondsLeft(key, seconds))
                    .onItem().<Void>transformToUni(left -> Uni.createFrom().failure(new RateLimitedException(
                            "Too many requests; try again in " + left + " s", left)));
        });
    }

    private Uni<Long> secondsLeft(String key, long window) {
        return keys.ttl(key)
                .onFailure(RedisKeyNotFoundException.class).recoverWithItem(-2L)
                // a window whose EXPIRE got lost would block forever: give it one now
                .chain(ttl -> ttl > 0 ? Uni.createFrom().item(ttl) : keys.expire(key, window).replaceWith(window));
    }
}
