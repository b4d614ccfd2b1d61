package io.dataops.gateway.service;

import io.dataops.model.problem.Problem.FieldError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    @Test
    void accepts_a_long_password_that_does_not_name_the_user() {
        assertThat(PasswordPolicy.check("alice", "correct-horse-battery-staple")).isEmpty();
    }

    @Test
    void refuses_a_password_shorter_than_twelve_characters() {
        assertThat(PasswordPolicy.check("alice", "short-pass1")).extracting(FieldError::field, FieldError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("password", "must be at least 12 characters long"));
        assertThat(PasswordPolicy.check("alice", "twelve-chars")).isEmpty();
    }

    @Test
    void refuses_a_password_containing_the_username_in_any_case() {
        assertThat(PasswordPolicy.check("alice", "my-ALICE-password-2024")).extracting(FieldError::message)
                .containsExactly("must not contain the username");
    }

    @Test
    void refuses_a_missing_password_and_one_bcrypt_would_cut() {
        assertThat(PasswordPolicy.check("alice", null)).extracting(FieldError::message).containsExactly("is required");
        assertThat(PasswordPolicy.check("alice", "x".repeat(73))).extracting(FieldError::message)
                .containsExactly("must be at most 72 bytes long");
    }
}
