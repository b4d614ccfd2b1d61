package io.dataops.platform.security;

import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem;
import io.dataops.model.security.RevocationKeys;
import io.dataops.model.security.TokenClaims;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what the gateway wrote to Redis about a signed token: logged out ({@code TOKEN_REVOKED}), its user's
 * sessions ended after it was issued ({@code TOKEN_REVOKED}), or its user deactivated ({@code UNAUTHORIZED}).
 * One round trip (MGET) per request. The gateway's AccessGate and every service's RevocationFilter ask here.
 */
@ApplicationScoped
public class TokenStatus {
    private final ReactiveValueCommands<String, String> values;

    public TokenStatus(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    /** The problem that refuses this token, or null when it may pass. Fails when Redis cannot be reached. */
    public Uni<Problem> refusalOf(JsonWebToken token) {
        return refusalOf(Checked.of(token));
    }

    /**
     * What a token is checked by, read once: a stream that outlives its request (job events) keeps this and asks
     * again later, when the request's token is no longer in scope.
     */
    public record Checked(String tokenId, Long userId, long issuedAtMillis, long expiresAtSeconds) {
        public static Checked of(JsonWebToken token) {
            return new Checked(token.getTokenID(), TokenClaims.userId(token.getClaim(TokenClaims.USER_ID)),
                    TokenClaims.issuedAtMillis(token.getClaim(TokenClaims.ISSUED_AT_MILLIS), token.getIssuedAtTime()),
                    token.getExpirationTime());
        }
    }

    public Uni<Problem> refusalOf(Checked token) {
        String revokedKey = token.tokenId() == null ? null : RevocationKeys.revokedToken(token.tokenId());
        Long userId = token.userId();
        String inactiveKey = userId == null ? null : RevocationKeys.inactiveUser(userId);
        String endedKey = userId == null ? null : RevocationKeys.sessionsEnded(userId);
        List<String> keys = new ArrayList<>(3);
        for (String key : new String[] {revokedKey, inactiveKey, endedKey}) {
            if (key != null) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return values.mget(keys.toArray(String[]::new))
                .map(found -> refusal(found, revokedKey, inactiveKey, endedKey, token.issuedAtMillis()));
    }

    private static Problem refusal(Map<String, String> found, String revokedKey, String inactiveKey, String endedKey,
                                   long issuedAtMillis) {
        if (revokedKey != null && found.get(revokedKey) != null) {
            return Problem.of(ErrorCode.TOKEN_REVOKED, "This token was revoked by a logout");
        }
        if (inactiveKey != null && found.get(inactiveKey) != null) {
            return Problem.of(ErrorCode.UNAUTHORIZED, "The account of this token is inactive");
        }
        Long endedAt = endedKey == null ? null : TokenClaims.wholeNumber(found.get(endedKey));
        // at or before: a token signed in the very millisecond of the change may carry the old role
        if (endedAt != null && issuedAtMillis <= endedAt) {
            return Problem.of(ErrorCode.TOKEN_REVOKED,
                    "The sessions of this token's user were ended (role, password or account change); log in again");
        }
        return null;
    }
}
