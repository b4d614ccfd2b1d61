package io.dataops.gateway.service;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/** bcrypt (cost 12) through at.favre's library. */
@ApplicationScoped
public class PasswordHasher {
    private static final int COST = 12;
    /** Compared against when the user does not exist, so a wrong username costs as long as a wrong password. */
    private static final byte[] DECOY_INPUT = "not-the-decoy-password".getBytes(StandardCharsets.UTF_8);
    private static final String DECOY = BCrypt.withDefaults().hashToString(COST, "decoy-password".toCharArray());

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /**
     * A password longer than bcrypt's 72 bytes can never have been stored (PasswordPolicy refuses it), so it matches
     * nothing; it is checked against the decoy so it costs as long as any wrong password, and never reaches the
     * library, which throws on such input.
     */
    public boolean matches(String password, String hash) {
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        boolean tooLong = given.length > PasswordPolicy.MAX_LENGTH;
        boolean verified = BCrypt.verifyer().verify(tooLong ? DECOY_INPUT : given,
                (hash == null || tooLong ? DECOY : hash).getBytes(StandardCharsets.UTF_8)).verified;
        return verified && hash != null && !tooLong;
    }
}
