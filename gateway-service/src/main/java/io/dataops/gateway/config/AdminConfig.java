package io.dataops.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The first admin account, created at start when no admin exists. */
@ConfigMapping(prefix = "dataops.admin")
public interface AdminConfig {
    @WithDefault("admin")
    String username();

    @WithDefault("admin@example.com")
    String email();

    /** When absent, a password is generated and printed once in the log. Never committed. */
    Optional<String> password();
}
