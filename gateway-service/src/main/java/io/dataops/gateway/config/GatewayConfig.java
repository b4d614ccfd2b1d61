package io.dataops.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "dataops.gateway")
public interface GatewayConfig {

    /** Base URL of each service the gateway forwards to, by name (ingest, validation, loader, job, report). */
    Map<String, String> routes();

    /** {@code aud} of the access tokens; every service accepts the audiences in {@code mp.jwt.verify.audiences}. */
    @WithDefault("dataops")
    String tokenAudience();

    /** Lifetime of an access token. */
    @WithDefault("PT15M")
    Duration accessTokenTtl();

    /**
     * Seconds past {@code exp} (and before {@code iat}/{@code nbf}) that every verifier still accepts a token:
     * {@code mp.jwt.verify.clock.skew}, which the gateway's application.properties passes in. Logout and
     * sessions-ended marks live this much longer than the tokens they refuse.
     */
    @WithDefault("60")
    int tokenClockSkewSeconds();

    /** Lifetime of a refresh token; each use hands out a new one and spends the old. */
    @WithDefault("P7D")
    Duration refreshTokenTtl();

    RateLimit rateLimit();

    /** Fixed one-minute windows counted in Redis, so the limits hold across gateway replicas. */
    interface RateLimit {
        /** Requests per signed-in user per minute, through the proxy and to the gateway's own endpoints. */
        @WithDefault("300")
        int apiPerMinute();

        @WithDefault("10")
        int loginPerIpPerMinute();

        @WithDefault("5")
        int loginPerUsernamePerMinute();

        /** Consecutive failed logins after which a username is locked. */
        @WithDefault("5")
        int lockoutAfterFailures();

        /** First lock; each further failure doubles it up to {@link #lockoutMaxDelay()}. */
        @WithDefault("PT30S")
        Duration lockoutInitialDelay();

        @WithDefault("PT15M")
        Duration lockoutMaxDelay();
    }
}
