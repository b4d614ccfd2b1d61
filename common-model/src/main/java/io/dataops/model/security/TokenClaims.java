package io.dataops.model.security;

/** Names shared by the token issuer (gateway) and every verifier. */
public final class TokenClaims {
    public static final String ISSUER = "https://dataops.local/gateway";
    /** Default {@code aud} of access tokens; gateway {@code dataops.gateway.token-audience}, services {@code mp.jwt.verify.audiences}. */
    public static final String AUDIENCE = "dataops";
    public static final String USER_ID = "uid";
    public static final String ROLE = "role";
    /**
     * When the token was issued, in epoch milliseconds. {@code iat} counts whole seconds, too coarse to tell a
     * token issued just before a role change from the fresh login right after it (RevocationKeys.sessionsEnded).
     */
    public static final String ISSUED_AT_MILLIS = "iat_ms";

    /**
     * The issue instant in epoch milliseconds: {@code iat_ms}, else {@code iat} seconds (a token without
     * {@code iat_ms} counts as issued at the start of its second, which only makes a cut-off stricter).
     */
    public static long issuedAtMillis(Object issuedAtMillisClaim, long issuedAtSeconds) {
        Long millis = wholeNumber(issuedAtMillisClaim);
        return millis != null ? millis : issuedAtSeconds * 1000;
    }

    /** The {@code uid} claim as a number, whichever JSON type the JWT library handed back; null when absent or not a number. */
    public static Long userId(Object claim) {
        return wholeNumber(claim);
    }

    /** A whole-number claim (or Redis value) as a Long, whichever type it arrives as; null when absent or not a number. */
    public static Long wholeNumber(Object claim) {
        if (claim == null) {
            return null;
        }
        if (claim instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(claim).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private TokenClaims() {
    }
}
