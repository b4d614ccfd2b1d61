package io.dataops.gateway.service;

import io.dataops.model.audit.RequestOrigin;
import io.dataops.gateway.repository.RefreshToken;
import io.dataops.gateway.repository.User;
import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem.FieldError;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.security.Roles;
import io.dataops.platform.listing.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Seed 6.1 user administration. An admin cannot lock themselves out (remove their own admin role, deactivate or
 * delete themselves), so an admin always remains. A role or password change, a deactivation and a deletion end
 * the user's sessions at once: refresh tokens are revoked in the database and the user's live access tokens are
 * voided in Redis (EndedSessions), which the gateway and every service check on each request. Reactivating a user
 * lets them log in again but revives no old token.
 */
@ApplicationScoped
public class UserDirectory {
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._-]{3,50}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_EMAIL = 100;

    private final PasswordHasher hasher;
    private final InactiveUsers inactive;
    private final EndedSessions sessions;
    private final AuditTrail audit;

    public UserDirectory(PasswordHasher hasher, InactiveUsers inactive, EndedSessions sessions, AuditTrail audit) {
        this.hasher = hasher;
        this.inactive = inactive;
        this.sessions = sessions;
        this.audit = audit;
    }

    public record NewUser(String username, String email, String password, String role) {
    }

    public record Changes(String role, Boolean active, String email, String password) {
    }

    public record Filter(String search, String role, Boolean active) {
    }

    @Transactional
    public Page<User> list(Filter filter, PageRequest request) {
        return ListQuery.where()
                .contains(filter.search(), "username", "email")
                .equal("role", filter.role())
                .equal("isActive", filter.active() == null ? null : filter.active() ? 1 : 0)
                .orderBy("id")
                .page(request, (jpql, params) -> User.find(jpql, params), Function.<User>identity());
    }

    @Transactional
    public User get(long id) {
        User user = User.findById(id);
        if (user == null) {
            throw ProblemException.notFound("User", id);
        }
        return user;
    }

    @Transactional
    public User create(NewUser request, long actorId, RequestOrigin origin) {
        String username = request.username() == null ? null : request.username().trim();
        String email = request.email() == null ? null : request.email().trim();
        String role = request.role() == null ? Roles.VIEWER : request.role();
        List<FieldError> errors = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.add(new FieldError("username", "is required: 3 to 50 letters, digits, '.', '_' or '-'"));
        }
        checkEmail(email, errors);
        checkRole(role, errors);
        errors.addAll(PasswordPolicy.check(username, request.password()));
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "The user is not valid", errors);
        }
        if (User.count("username", username) > 0) {
            throw new ProblemException(ErrorCode.CONFLICT, "Username '" + username + "' is taken");
        }
        ensureEmailFree(email, null);
        User user = new User();
        user.username = username;
        user.email = email;
        user.passwordHash = hasher.hash(request.password());
        user.role = role;
        user.isActive = 1;
        user.createdAt = Instant.now();
        user.updatedAt = user.createdAt;
        persistOrConflict(user);
        audit.record(new AuditTrail.Entry(actorId, AuditTrail.USER_CREATE, AuditTrail.RESOURCE_USER, user.id, null,
                snapshot(user)), origin);
        return user;
    }

    @Transactional
    public User update(long id, Changes changes, long actorId, RequestOrigin origin) {
        User user = get(id);
        Map<String, Object> before = snapshot(user);
        boolean self = user.id == actorId;
        List<FieldError> errors = new ArrayList<>();
        if (changes.role() != null) {
            checkRole(changes.role(), errors);
        }
        String email = changes.email() == null ? null : changes.email().trim();
        if (email != null) {
            checkEmail(email, errors);
        }
        if (changes.password() != null) {
            errors.addAll(PasswordPolicy.check(user.username, changes.password()));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "The changes are not valid", errors);
        }
        if (self && changes.role() != null && Roles.ADMIN.equals(user.role) && !Roles.ADMIN.equals(changes.role())) {
            throw new ProblemException(ErrorCode.CONFLICT, "You cannot remove your own admin role");
        }
        if (self && Boolean.FALSE.equals(changes.active())) {
            throw new ProblemException(ErrorCode.CONFLICT, "You cannot deactivate yourself");
        }
        if (email != null && !email.equals(user.email)) {
            ensureEmailFree(email, user.id);
            user.email = email;
        }
        boolean endSessions = false;
        if (changes.role() != null && !changes.role().equals(user.role)) {
            // a token carries its role: one signed before the change would keep the old rights until it expires
            user.role = changes.role();
            endSessions = true;
        }
        if (changes.password() != null) {
            user.passwordHash = hasher.hash(changes.password());
            endSessions = true;
        }
        if (changes.active() != null) {
            boolean wasActive = user.active();
            user.isActive = changes.active() ? 1 : 0;
            if (wasActive && !changes.active()) {
                endSessions = true;
                inactive.mark(user.id).await().indefinitely();
            } else if (!wasActive && changes.active()) {
                inactive.clear(user.id).await().indefinitely();
            }
        }
        if (endSessions) {
            RefreshToken.revokeAllOf(user.id, Instant.now());
            sessions.endAll(user.id);
        }
        user.updatedAt = Instant.now();
        persistOrConflict(user);
        Map<String, Object> after = snapshot(user);
        if (changes.password() != null) {
            after.put("password_changed", true);
        }
        audit.record(new AuditTrail.Entry(actorId, AuditTrail.USER_UPDATE, AuditTrail.RESOURCE_USER, user.id, before,
                after), origin);
        return user;
    }

    @Transactional
    public void delete(long id, long actorId, RequestOrigin origin) {
        User user = get(id);
        if (user.id == actorId) {
            throw new ProblemException(ErrorCode.CONFLICT, "You cannot delete yourself");
        }
        Map<String, Object> before = snapshot(user);
        // the user's tokens must stop before the row is gone; REFRESH_TOKENS rows go with it (ON DELETE CASCADE)
        inactive.mark(user.id).await().indefinitely();
        sessions.endAll(user.id);
        user.delete();
        audit.record(new AuditTrail.Entry(actorId, AuditTrail.USER_DELETE, AuditTrail.RESOURCE_USER, id, before, null),
                origin);
    }

    /** What the audit log keeps of a user: everything but the password hash. */
    public static Map<String, Object> snapshot(User user) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", user.id);
        values.put("username", user.username);
        values.put("email", user.email);
        values.put("role", user.role);
        values.put("is_active", user.active());
        return values;
    }

    private static void checkEmail(String email, List<FieldError> errors) {
        if (email == null || email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "must be an e-mail address of at most " + MAX_EMAIL + " characters"));
        }
    }

    private static void checkRole(String role, List<FieldError> errors) {
        if (!Roles.isKnown(role)) {
            errors.add(new FieldError("role", "must be one of " + String.join(", ", Roles.ALL)));
        }
    }

    private static void ensureEmailFree(String email, Long exceptId) {
        long taken = exceptId == null ? User.count("lower(email) = ?1", email.toLowerCase(Locale.ROOT))
                : User.count("lower(email) = ?1 and id <> ?2", email.toLowerCase(Locale.ROOT), exceptId);
        if (taken > 0) {
            throw new ProblemException(ErrorCode.CONFLICT, "E-mail address '" + email + "' is already in use");
        }
    }

    /** A concurrent create can still pass the checks above; the unique constraints then decide. */
    private static void persistOrConflict(User user) {
        try {
            user.persistAndFlush();
        } catch (PersistenceException e) {
            if (e instanceof org.hibernate.exception.ConstraintViolationException
                    || e.getCause() instanceof org.hibernate.exception.ConstraintViolationException) {
                throw new ProblemException(ErrorCode.CONFLICT, "Username or e-mail address is already in use");
            }
            throw e;
        }
    }
}
