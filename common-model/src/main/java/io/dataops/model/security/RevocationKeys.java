package io.dataops.model.security;

/**
 * Redis keys of the token checks every service makes (docs/adr/0006, 0009): the gateway writes them on logout and
 * deactivation, every service reads them before it admits a token. Kept once so writer and readers cannot drift.
 */
public final class RevocationKeys {
    /** A logged-out access token, by its {@code jti}; lives until the token would have expired. */
    public static final String REVOKED_TOKEN_PREFIX = "dataops:revoked-token:";
    /** A user deactivated or deleted while tokens of theirs may still be alive, by user id. */
    public static final String INACTIVE_USER_PREFIX = "dataops:inactive-user:";

    public static String revokedToken(String tokenId) {
        return REVOKED_TOKEN_PREFIX + tokenId;
    }

    public static String inactiveUser(long userId) {
        return INACTIVE_USER_PREFIX + userId;
    }

    private RevocationKeys() {
    }
}
