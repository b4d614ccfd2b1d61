package io.dataops.gateway.service;

import io.dataops.gateway.config.GatewayConfig;
import io.dataops.gateway.repository.User;
import io.dataops.model.security.Permissions;
import io.dataops.model.security.TokenClaims;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Signs RS256 access tokens with the key at {@code smallrye.jwt.sign.key.location} (kid = its thumbprint), for
 * the audience {@code dataops.gateway.token-audience}. {@code groups} holds the role
 * and every permission it grants, so each service checks permissions from the signed token alone.
 */
@ApplicationScoped
public class TokenIssuer {
    private final GatewayConfig config;
    private final SigningKey key;

    public TokenIssuer(GatewayConfig config, SigningKey key) {
        this.config = config;
        this.key = key;
    }

    public record IssuedToken(String token, long expiresInSeconds) {
    }

    public IssuedToken issueFor(User user) {
        long ttl = config.accessTokenTtl().toSeconds();
        long now = System.currentTimeMillis();
        String token = Jwt.issuer(TokenClaims.ISSUER)
                .audience(config.tokenAudience())
                .upn(user.username)
                .subject(user.username)
                .groups(Permissions.groupsFor(user.role))
                .claim(TokenClaims.USER_ID, user.id)
                .claim(TokenClaims.ROLE, user.role)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now / 1000)
                .claim(TokenClaims.ISSUED_AT_MILLIS, now)
                .expiresAt(now / 1000 + ttl)
                .jws().keyId(key.keyId())
                .sign(key.privateKey());
        return new IssuedToken(token, ttl);
    }
}
