package io.dataops.model.security;

/** Names shared by the token issuer (gateway) and every verifier. */
public final class TokenClaims {
    public static final String ISSUER = "https://dataops.local/gateway";
    public static final String USER_ID = "uid";
    public static final String ROLE = "role";

    private TokenClaims() {
    }
}
