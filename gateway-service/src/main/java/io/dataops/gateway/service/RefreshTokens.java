package io.dataops.gateway.service;

import io.dataops.gateway.config.GatewayConfig;
import io.dataops.gateway.repository.RefreshToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque refresh tokens: 256 random bits handed to the client once, only their SHA-256 stored. A family is the
 * chain of tokens one login rotates through.
 */
@ApplicationScoped
public class RefreshTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;
    /** Characters of every token handed out: 32 bytes in unpadded base64url. */
    public static final int TOKEN_LENGTH = (SECRET_BYTES * 4 + 2) / 3;
    private final GatewayConfig config;

    public RefreshTokens(GatewayConfig config) {
        this.config = config;
    }

    public record Issued(String token, long expiresInSeconds) {
    }

    /** A token starting a new family (a login). */
    @Transactional
    public Issued startFamily(long userId) {
        return issue(userId, UUID.randomUUID().toString());
    }

    @Transactional
    public Issued issue(long userId, String familyId) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        RefreshToken row = new RefreshToken();
        row.userId = userId;
        row.familyId = familyId;
        row.tokenHash = hash(token);
        row.createdAt = Instant.now();
        row.expiresAt = row.createdAt.plus(config.refreshTokenTtl());
        row.persist();
        return new Issued(token, config.refreshTokenTtl().toSeconds());
    }

    @Transactional
    public Optional<RefreshToken> find(String token) {
        return token == null || token.isBlank() ? Optional.empty() : RefreshToken.byHash(hash(token.trim()));
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
