package io.dataops.gateway.service;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/** bcrypt (cost 12) through at.favre's library. */
@ApplicationScoped
public class PasswordHasher {
    private static final int COST = 12;
    /** Compared against when the user does not exist, so a wrong username costs as long as a wrong password. */
    private static final String DECOY = BCrypt.withDefaults().hashToString(COST, "decoy-password".toCharArray());

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                (hash == null ? DECOY : hash).getBytes(StandardCharsets.UTF_8)).verified && hash != null;
    }
}
