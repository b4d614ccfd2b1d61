package io.dataops.testing;

import io.dataops.model.security.Permissions;
import io.dataops.model.security.TokenClaims;
import io.smallrye.jwt.build.Jwt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** Real RS256 tokens, shaped like the gateway's, signed with {@link JwtKeysResource}'s private key. */
public final class TestTokens {

    public static String forRole(String role) {
        return forUser(1L, "test-" + role, role);
    }

    public static String forUser(long userId, String username, String role) {
        return issuedAt(userId, username, role, System.currentTimeMillis());
    }

    /** Like the gateway's token, issued at the given epoch millisecond ({@code iat} and {@code iat_ms}). */
    public static String issuedAt(long userId, String username, String role, long epochMillis) {
        return issued(userId, username, role, epochMillis, Duration.ofMinutes(15));
    }

    /** Issued now, expiring after {@code lifetime}. */
    public static String expiringIn(long userId, String username, String role, Duration lifetime) {
        return issued(userId, username, role, System.currentTimeMillis(), lifetime);
    }

    private static String issued(long userId, String username, String role, long epochMillis, Duration lifetime) {
        return Jwt.issuer(TokenClaims.ISSUER)
                .audience(TokenClaims.AUDIENCE)
                .upn(username)
                .subject(username)
                .groups(Permissions.groupsFor(role))
                .claim(TokenClaims.USER_ID, userId)
                .claim(TokenClaims.ROLE, role)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(epochMillis / 1000)
                .claim(TokenClaims.ISSUED_AT_MILLIS, epochMillis)
                .expiresAt(epochMillis / 1000 + lifetime.toSeconds())
                .jws().keyId("dataops")
                .sign(privateKey());
    }

    /** A token signed by our key but issued for another audience: every service must refuse it. */
    public static String forAudience(String role, String audience) {
        return Jwt.issuer(TokenClaims.ISSUER)
                .audience(audience)
                .upn("test-" + role)
                .groups(Permissions.groupsFor(role))
                .claim(TokenClaims.USER_ID, 1L)
                .claim(TokenClaims.ROLE, role)
                .claim("jti", UUID.randomUUID().toString())
                .expiresIn(Duration.ofMinutes(15))
                .jws().keyId("dataops")
                .sign(privateKey());
    }

    /** Signed by a key nobody trusts: must be refused like no token at all. */
    public static String signedByStranger(String role) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(TokenClaims.ISSUER).audience(TokenClaims.AUDIENCE).upn("mallory").groups(Permissions.groupsFor(role))
                    .expiresIn(Duration.ofMinutes(15)).sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code jti} of a token: what a logout puts on the Redis revocation list. */
    public static String tokenIdOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher jti = java.util.regex.Pattern.compile("\"jti\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        if (!jti.find()) {
            throw new IllegalArgumentException("Token has no jti");
        }
        return jti.group(1);
    }

    private static PrivateKey privateKey() {
        String location = System.getProperty(JwtKeysResource.PRIVATE_KEY_PROPERTY);
        if (location == null) {
            throw new IllegalStateException("JwtKeysResource has not started: add it to the test class");
        }
        try {
            String pem = Files.readString(Path.of(location)).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read test private key " + location, e);
        }
    }

    private TestTokens() {
    }
}
