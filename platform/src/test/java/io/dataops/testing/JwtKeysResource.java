package io.dataops.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/**
 * A fresh RSA key pair per test JVM, written as PEM files: the service under test verifies tokens with the
 * public key exactly as in production, and {@link TestTokens} signs with the private one. Nothing is committed.
 * The paths travel in system properties because Quarkus may load this class in more than one class loader.
 */
public class JwtKeysResource implements QuarkusTestResourceLifecycleManager {
    static final String PRIVATE_KEY_PROPERTY = "dataops.test.jwt.private-key";
    static final String PUBLIC_KEY_PROPERTY = "dataops.test.jwt.public-key";

    @Override
    public synchronized Map<String, String> start() {
        if (System.getProperty(PUBLIC_KEY_PROPERTY) == null) {
            writeKeyPair();
        }
        return Map.of(
                "mp.jwt.verify.publickey.location", System.getProperty(PUBLIC_KEY_PROPERTY),
                "smallrye.jwt.sign.key.location", System.getProperty(PRIVATE_KEY_PROPERTY));
    }

    @Override
    public void stop() {
        // the key files live in the JVM's temp dir for the whole run
    }

    private static void writeKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createTempDirectory("dataops-jwt");
            Path privateKey = dir.resolve("private.pem");
            Path publicKey = dir.resolve("public.pem");
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            System.setProperty(PRIVATE_KEY_PROPERTY, privateKey.toString());
            System.setProperty(PUBLIC_KEY_PROPERTY, publicKey.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
