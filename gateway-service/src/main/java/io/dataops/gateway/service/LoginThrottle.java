package io.dataops.gateway.service;

import io.dataops.model.problem.RateLimitedException;
import io.dataops.gateway.config.GatewayConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.keys.RedisKeyNotFoundException;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Locale;

/**
 * Brakes on password guessing, kept in Redis so they hold across replicas: attempts per client address and per
 * username per minute, and a lock on a username after consecutive failures that doubles with each further failure
 * (LockoutSchedule). Unknown usernames are treated exactly like known ones. Blocking: login runs on a worker thread.
 */
@ApplicationScoped
public class LoginThrottle {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String FAILURES = "dataops:login-failures:";
    private static final String LOCK = "dataops:login-lock:";
    /** A run of failures is forgotten after a day without attempts. */
    private static final long FAILURE_MEMORY_SECONDS = Duration.ofDays(1).toSeconds();

    private final RateLimiter limiter;
    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final GatewayConfig.RateLimit limits;

    public LoginThrottle(RateLimiter limiter, ReactiveRedisDataSource redis, GatewayConfig config) {
        this.limiter = limiter;
        this.counters = redis.value(Long.class);
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.limits = config.rateLimit();
    }

    /** Throws RateLimitedException when this attempt must not even be checked. */
    public void beforeAttempt(String ipAddress, String username) {
        String user = normalise(username);
        limiter.hit("login-ip", ipAddress == null ? "unknown" : ipAddress, limits.loginPerIpPerMinute(), MINUTE)
                .await().indefinitely();
        limiter.hit("login-user", user, limits.loginPerUsernamePerMinute(), MINUTE).await().indefinitely();
        long locked = keys.ttl(LOCK + user).onFailure(RedisKeyNotFoundException.class).recoverWithItem(-2L)
                .await().indefinitely();
        if (locked > 0) {
            throw new RateLimitedException("Too many failed logins for this username; try again in " + locked + " s",
                    locked);
        }
    }

    /** Counts a failure and, past the threshold, locks the username. */
    public void failed(String username) {
        String user = normalise(username);
        long failures = counters.incr(FAILURES + user).await().indefinitely();
        keys.expire(FAILURES + user, FAILURE_MEMORY_SECONDS).await().indefinitely();
        Duration delay = LockoutSchedule.delayAfter((int) Math.min(failures, Integer.MAX_VALUE),
                limits.lockoutAfterFailures(), limits.lockoutInitialDelay(), limits.lockoutMaxDelay());
        if (!delay.isZero()) {
            values.set(LOCK + user, String.valueOf(failures), new SetArgs().ex(delay.toSeconds())).await().indefinitely();
        }
    }

    public void succeeded(String username) {
        String user = normalise(username);
        keys.del(FAILURES + user, LOCK + user).await().indefinitely();
    }

    private static String normalise(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
