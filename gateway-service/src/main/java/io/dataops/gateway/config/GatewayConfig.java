package io.dataops.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "dataops")
public interface GatewayConfig {

    Gateway gateway();

    Admin admin();

    interface Gateway {
        /** Base URL of each service the gateway forwards to, by name (ingest, validation, loader, job, report). */
        Map<String, String> routes();

        /** Lifetime of an access token. */
        @WithDefault("PT15M")
        Duration accessTokenTtl();
    }

    /** The first admin account, created at start when no admin exists. */
    interface Admin {
        @WithDefault("admin")
        String username();

        @WithDefault("admin@example.com")
        String email();

        /** When absent, a password is generated and printed once in the log. Never committed. */
        Optional<String> password();
    }
}
