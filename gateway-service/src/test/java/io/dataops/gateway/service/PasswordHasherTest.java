package io.dataops.gateway.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void a_password_longer_than_bcrypt_reads_matches_nothing_instead_of_failing() {
        String stored = hasher.hash("a".repeat(72));

        assertThat(hasher.matches("a".repeat(3_000_000), stored)).isFalse();
        assertThat(hasher.matches("a".repeat(73), null)).isFalse();
        assertThat(hasher.matches("a".repeat(72), stored)).isTrue();
    }
}
