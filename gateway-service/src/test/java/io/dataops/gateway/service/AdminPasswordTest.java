package io.dataops.gateway.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 12: a configured first-admin password must pass the same policy as every other password. */
class AdminPasswordTest {

    @Test
    void a_short_configured_admin_password_stops_the_start_with_the_setting_named() {
        assertThatThrownBy(() -> Accounts.requireAcceptable("admin", "changeme"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DATAOPS_ADMIN_PASSWORD")
                .hasMessageContaining("at least 12 characters");
    }

    @Test
    void a_configured_admin_password_containing_the_username_stops_the_start() {
        assertThatThrownBy(() -> Accounts.requireAcceptable("admin", "my-admin-password-2026"))
                .hasMessageContaining("must not contain the username");
    }

    @Test
    void a_strong_configured_admin_password_is_accepted() {
        assertThatCode(() -> Accounts.requireAcceptable("admin", "correct-horse-battery")).doesNotThrowAnyException();
    }
}
