package io.dataops.gateway.service;

import io.dataops.gateway.config.AdminConfig;
import io.dataops.gateway.repository.User;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.security.Roles;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;

/** Logins and the first admin account. */
@ApplicationScoped
public class Accounts {
    private static final Logger LOG = Logger.getLogger(Accounts.class);
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final AdminConfig admin;
    private final PasswordHasher hasher;

    public Accounts(AdminConfig admin, PasswordHasher hasher) {
        this.admin = admin;
        this.hasher = hasher;
    }

    /** Same answer for an unknown user, a wrong password and a deactivated account: nothing to enumerate. */
    @Transactional
    public User authenticate(String username, String password) {
        User user = username == null ? null : User.byUsername(username.trim()).orElse(null);
        boolean matches = hasher.matches(password == null ? "" : password, user == null ? null : user.passwordHash);
        if (user == null || !matches || !user.active()) {
            throw new ProblemException(ErrorCode.INVALID_CREDENTIALS, "Wrong username or password");
        }
        return user;
    }

    @Transactional
    void ensureAdminExists(@Observes StartupEvent start) {
        if (User.count("role", Roles.ADMIN) > 0) {
            return;
        }
        String password = admin.password().filter(p -> !p.isBlank()).orElseGet(Accounts::generatePassword);
        User user = new User();
        user.username = admin.username();
        user.email = admin.email();
        user.passwordHash = hasher.hash(password);
        user.role = Roles.ADMIN;
        user.isActive = 1;
        user.createdAt = Instant.now();
        user.updatedAt = user.createdAt;
        user.persist();
        if (admin.password().filter(p -> !p.isBlank()).isEmpty()) {
            LOG.warnf("%n====================================================================%n"
                    + " First admin account created: username '%s', password '%s'%n"
                    + " This password is shown once. Set dataops.admin.password to choose it.%n"
                    + "====================================================================", user.username, password);
        } else {
            LOG.infof("First admin account '%s' created from configuration", user.username);
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
