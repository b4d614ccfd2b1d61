package io.dataops.model.security;

/** Names shared by the token issuer (gateway) and every verifier. */
public final class TokenClaims {
    public static final String ISSUER = "https://dataops.local/gateway";
    /** Default {@code aud} of access tokens; gateway {@code dataops.gateway.token-audience}, services {@code mp.jwt.verify.audiences}. */
    public static final String AUDIENCE = "dataops";
    public static final String USER_ID = "uid";
    public static final String ROLE = "role";

    /** The {@code uid} claim as a number, whichever JSON type the JWT library handed back; null when absent or not a number. */
    public static Long userId(Object claim) {
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
