package io.dataops.gateway.service;

import io.dataops.gateway.config.AdminConfig;
import io.dataops.gateway.repository.User;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.security.Roles;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /**
     * Creates the first admin when none exists. A configured password must pass the PasswordPolicy (the service
     * does not start otherwise); a generated one goes to an owner-only file, never to the log.
     */
    @Transactional
    void ensureAdminExists(@Observes StartupEvent start) {
        if (User.count("role", Roles.ADMIN) > 0) {
            return;
        }
        Optional<String> configured = admin.password().filter(p -> !p.isBlank());
        configured.ifPresent(password -> requireAcceptable(admin.username(), password));
        String password = configured.orElseGet(Accounts::generatePassword);
        User user = new User();
        user.username = admin.username();
        user.email = admin.email();
        user.passwordHash = hasher.hash(password);
        user.role = Roles.ADMIN;
        user.isActive = 1;
        user.createdAt = Instant.now();
        user.updatedAt = user.createdAt;
        user.persist();
        if (configured.isPresent()) {
            LOG.infof("First admin account '%s' created from configuration", user.username);
        } else {
            Path file = writeOwnerOnly(admin.generatedPasswordFile(), password);
            LOG.infof("First admin account '%s' created; its generated password is in %s (readable by this user only). "
                    + "Set dataops.admin.password to choose it.", user.username, file.toAbsolutePath());
        }
    }

    /** Refuses to start with a configured admin password that no user could set through the API. */
    static void requireAcceptable(String username, String password) {
        List<String> problems = PasswordPolicy.check(username, password).stream().map(FieldError::message).toList();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("dataops.admin.password (DATAOPS_ADMIN_PASSWORD) is not acceptable: it "
                    + String.join("; it ", problems));
        }
    }

    private static Path writeOwnerOnly(String location, String password) {
        Path file = Path.of(location);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, password + System.lineSeparator());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the generated admin password to " + file
                    + "; set dataops.admin.password or dataops.admin.generated-password-file", e);
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
