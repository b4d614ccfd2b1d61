package io.dataops.model.security;

/**
 * Redis keys of the token checks every service makes (docs/adr/0006, 0009): the gateway writes them on logout,
 * deactivation and every change that ends a user's sessions; every service reads them before it admits a token.
 * Kept once so writer and readers cannot drift.
 */
public final class RevocationKeys {
    /** A logged-out access token, by its {@code jti}; lives until the token would have expired. */
    public static final String REVOKED_TOKEN_PREFIX = "dataops:revoked-token:";
    /** A user deactivated or deleted while tokens of theirs may still be alive, by user id. */
    public static final String INACTIVE_USER_PREFIX = "dataops:inactive-user:";

    /**
     * A user whose live access tokens were ended by a role or password change, a deactivation or deletion, or a
     * reused refresh token, by user id. The value is the change's epoch millisecond: a token issued at or before
     * it is refused (TokenClaims.ISSUED_AT_MILLIS), a token issued after it passes. Lives as long as an access
     * token plus the accepted clock skew, so it outlasts every token it voids; reactivating a user leaves it.
     */
    public static final String SESSIONS_ENDED_PREFIX = "dataops:sessions-ended:";

    public static String sessionsEnded(long userId) {
        return SESSIONS_ENDED_PREFIX + userId;
    }

    public static String revokedToken(String tokenId) {
        return REVOKED_TOKEN_PREFIX + tokenId;
    }

    public static String inactiveUser(long userId) {
        return INACTIVE_USER_PREFIX + userId;
    }

    private RevocationKeys() {
    }
}
