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

    /**
     * The first admin's password; must pass the password policy (12+ characters, not containing the username),
     * or the gateway does not start. When absent, one is generated into {@link #generatedPasswordFile()}. Never
     * committed.
     */
    Optional<String> password();

    /** Where a generated first-admin password is written, readable by the owner only (never logged). */
    @WithDefault("var/admin-password")
    String generatedPasswordFile();
}
