package io.dataops.gateway.service;

import io.dataops.model.audit.RequestOrigin;
import io.dataops.gateway.repository.RefreshToken;
import io.dataops.gateway.repository.User;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Map;

/** Login, refresh and logout: the use cases behind /api/auth, each throttled and audited. */
@ApplicationScoped
public class Sessions {
    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final TokenRevocations revocations;
    private final EndedSessions endedSessions;
    private final AuditTrail audit;

    public Sessions(Accounts accounts, LoginThrottle throttle, TokenIssuer issuer, RefreshTokens refreshTokens,
                    TokenRevocations revocations, EndedSessions endedSessions, AuditTrail audit) {
        this.endedSessions = endedSessions;
        this.accounts = accounts;
        this.throttle = throttle;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.audit = audit;
    }

    /** What a login or a refresh hands out. */
    public record Session(User user, TokenIssuer.IssuedToken access, RefreshTokens.Issued refresh) {
    }

    /** Not one transaction: the failure's audit row must commit while the login answers 401. */
    public Session login(String username, String password, RequestOrigin origin) {
        throttle.beforeAttempt(origin.ipAddress(), username);
        User user;
        try {
            user = accounts.authenticate(username, password);
        } catch (ProblemException wrong) {
            throttle.failed(username);
            Long knownId = User.byUsername(username.trim()).map(u -> u.id).orElse(null);
            audit.record(new AuditTrail.Entry(knownId, AuditTrail.LOGIN_FAILED, AuditTrail.RESOURCE_USER, knownId,
                    null, Map.of("username", username)), origin);
            throw wrong;
        }
        throttle.succeeded(username);
        audit.record(new AuditTrail.Entry(user.id, AuditTrail.LOGIN, AuditTrail.RESOURCE_USER, user.id, null, null),
                origin);
        return new Session(user, issuer.issueFor(user), refreshTokens.startFamily(user.id));
    }

    /**
     * Spends a refresh token for a new pair in the same family. A token that comes back after it was spent means
     * two parties hold it: the whole family is revoked, and every live access token of the user ended (the other
     * party may hold one from this family), and that commits although the answer is 401.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public Session refresh(String presented, RequestOrigin origin) {
        RefreshToken token = refreshTokens.find(presented)
                .orElseThrow(() -> new ProblemException(ErrorCode.UNAUTHORIZED, "Unknown refresh token"));
        Instant now = Instant.now();
        if (token.revokedAt != null) {
            throw new ProblemException(ErrorCode.TOKEN_REVOKED, "This refresh token was revoked");
        }
        if (token.usedAt != null || !RefreshToken.spend(token.id, now)) {
            RefreshToken.revokeFamily(token.familyId, now);
            endedSessions.endAll(token.userId);
            audit.record(new AuditTrail.Entry(token.userId, AuditTrail.REFRESH_TOKEN_REUSED, AuditTrail.RESOURCE_USER,
                    token.userId, null, Map.of("family_id", token.familyId)), origin);
            throw new ProblemException(ErrorCode.TOKEN_REVOKED,
                    "This refresh token was already used; every token of its login is now revoked");
        }
        if (token.expiresAt.isBefore(now)) {
            throw new ProblemException(ErrorCode.UNAUTHORIZED, "This refresh token has expired");
        }
        User user = User.findById(token.userId);
        if (user == null || !user.active()) {
            RefreshToken.revokeFamily(token.familyId, now);
            throw new ProblemException(ErrorCode.UNAUTHORIZED, "The account of this token no longer exists or is inactive");
        }
        audit.record(new AuditTrail.Entry(user.id, AuditTrail.TOKEN_REFRESH, AuditTrail.RESOURCE_USER, user.id, null,
                null), origin);
        return new Session(user, issuer.issueFor(user), refreshTokens.issue(user.id, token.familyId));
    }

    /** Revokes the access token and, when the client sends its refresh token, the whole login behind it. */
    @Transactional
    public void logout(JsonWebToken jwt, String presentedRefresh, RequestOrigin origin) {
        Long userId = AccessGate.userIdOf(jwt);
        boolean endedFamily = refreshTokens.find(presentedRefresh)
                .filter(token -> userId != null && token.userId == userId)
                .map(token -> RefreshToken.revokeFamily(token.familyId, Instant.now()) > 0)
                .orElse(false);
        audit.record(new AuditTrail.Entry(userId, AuditTrail.LOGOUT, AuditTrail.RESOURCE_USER, userId, null,
                Map.of("refresh_family_revoked", endedFamily)), origin);
        revocations.revoke(jwt.getTokenID(), Instant.ofEpochSecond(jwt.getExpirationTime())).await().indefinitely();
    }
}
