package io.dataops.gateway.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A row of REFRESH_TOKENS: the hash of one refresh token, never the token itself. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public long userId;
    public String familyId;
    public String tokenHash;
    public Instant expiresAt;
    public Instant usedAt;
    public Instant revokedAt;
    public Instant createdAt;

    public static Optional<RefreshToken> byHash(String hash) {
        return find("tokenHash", hash).firstResultOptional();
    }

    /** Marks this token spent unless another request spent it first; false means it was already used. */
    public static boolean spend(long id, Instant now) {
        return update("usedAt = ?1 where id = ?2 and usedAt is null", now, id) == 1;
    }

    public static int revokeFamily(String familyId, Instant now) {
        return update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, familyId);
    }

    public static int revokeAllOf(long userId, Instant now) {
        return update("revokedAt = ?1 where userId = ?2 and revokedAt is null", now, userId);
    }
}
