package io.dataops.gateway.service;

import io.dataops.model.problem.Problem.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a new password must satisfy: at least 12 characters, and not the username in disguise. */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; a longer password would silently lose its tail. */
    public static final int MAX_LENGTH = 72;

    public static List<FieldError> check(String username, String password) {
        List<FieldError> errors = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            errors.add(new FieldError("password", "is required"));
            return errors;
        }
        if (password.length() < MIN_LENGTH) {
            errors.add(new FieldError("password", "must be at least " + MIN_LENGTH + " characters long"));
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LENGTH) {
            errors.add(new FieldError("password", "must be at most " + MAX_LENGTH + " bytes long"));
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.trim().toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError("password", "must not contain the username"));
        }
        return errors;
    }

    private PasswordPolicy() {
    }
}
