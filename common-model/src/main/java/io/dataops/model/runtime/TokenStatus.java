package io.dataops.model.runtime;

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
 * Reads what the gateway wrote to Redis about a signed token: logged out ({@code TOKEN_REVOKED}) or its user
 * deactivated since it was issued ({@code UNAUTHORIZED}). One round trip (MGET) per request.
 */
@ApplicationScoped
public class TokenStatus {
    private final ReactiveValueCommands<String, String> values;

    public TokenStatus(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    /** The problem that refuses this token, or null when it may pass. Fails when Redis cannot be reached. */
    public Uni<Problem> refusalOf(JsonWebToken token) {
        String revokedKey = token.getTokenID() == null ? null : RevocationKeys.revokedToken(token.getTokenID());
        Long userId = TokenClaims.userId(token.getClaim(TokenClaims.USER_ID));
        String inactiveKey = userId == null ? null : RevocationKeys.inactiveUser(userId);
        List<String> keys = new ArrayList<>(2);
        if (revokedKey != null) {
            keys.add(revokedKey);
        }
        if (inactiveKey != null) {
            keys.add(inactiveKey);
        }
        if (keys.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return values.mget(keys.toArray(String[]::new)).map(found -> refusal(found, revokedKey, inactiveKey));
    }

    private static Problem refusal(Map<String, String> found, String revokedKey, String inactiveKey) {
        if (revokedKey != null && found.get(revokedKey) != null) {
            return Problem.of(ErrorCode.TOKEN_REVOKED, "This token was revoked by a logout");
        }
        if (inactiveKey != null && found.get(inactiveKey) != null) {
            return Problem.of(ErrorCode.UNAUTHORIZED, "The account of this token is inactive");
        }
        return null;
    }
}
