package io.dataops.gateway.service;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * The gateway's RS256 signing key and the public half it publishes as JWKS. The public key is derived from the
 * private one, so the JWKS can never disagree with what is signed; the key id is the key's RFC 7638 thumbprint,
 * written into every token's header so a verifier holding several keys (during a rotation) picks the right one.
 */
@ApplicationScoped
public class SigningKey {
    private final PrivateKey privateKey;
    private final String keyId;
    private final String jwks;

    // smallrye-jwt's own key, read where smallrye-jwt reads it (not ours to map)
    public SigningKey(@ConfigProperty(name = "smallrye.jwt.sign.key.location") String location) {
        try {
            this.privateKey = KeyUtils.decodePrivateKey(read(location), SignatureAlgorithm.RS256);
            RsaJsonWebKey jwk = new RsaJsonWebKey(publicKeyOf(privateKey));
            this.keyId = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
            jwk.setKeyId(keyId);
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            this.jwks = "{\"keys\":[" + jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the token signing key at " + location, e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** {@code {"keys":[{kty, kid, use, alg, n, e}]}}: public parts only. */
    public String jwks() {
        return jwks;
    }

    /** A file path (local runs, mounted secrets) or, failing that, a class-path resource, as smallrye-jwt accepts. */
    private static String read(String location) throws java.io.IOException {
        String path = location.startsWith("file:") ? location.substring(5) : location;
        if (java.nio.file.Files.isRegularFile(java.nio.file.Path.of(path))) {
            return java.nio.file.Files.readString(java.nio.file.Path.of(path));
        }
        String resource = location.startsWith("classpath:") ? location.substring(10) : location;
        try (java.io.InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new java.io.FileNotFoundException(location);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static RSAPublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new GeneralSecurityException("The signing key is not an RSA private key with CRT parameters");
        }
        BigInteger modulus = crt.getModulus();
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, crt.getPublicExponent()));
    }
}
