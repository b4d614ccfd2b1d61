package io.dataops.system;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds JWTs byte by byte, so a test can send exactly the token an attacker would: any header, any claims, signed
 * with the platform's own key (from the var directory of the running stack), another key, an HMAC secret, or not at all.
 */
final class JwtForge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey platformKey;
    private final byte[] publicKeyPem;
    /** The key id the platform's tokens name (none before the gateway wrote one); forged tokens name it too. */
    private String keyId;

    JwtForge(Path keysDir) {
        try {
            this.platformKey = privateKey(Files.readString(keysDir.resolve("jwt-private.pem")));
            this.publicKeyPem = Files.readAllBytes(keysDir.resolve("jwt-public.pem"));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the platform's JWT keys in " + keysDir, e);
        }
    }

    /** Names the same key id as the given genuine token, as an attacker copying a real header would. */
    JwtForge keyIdOf(String genuineToken) {
        Object kid = headerOf(genuineToken).get("kid");
        this.keyId = kid == null ? null : kid.toString();
        return this;
    }

    /** The claims of a token, unverified. */
    static Map<String, Object> claimsOf(String token) {
        return decode(token.split("\\.")[1]);
    }

    static Map<String, Object> headerOf(String token) {
        return decode(token.split("\\.")[0]);
    }

    /** Signed by the platform's private key, as the gateway signs: whatever the claims say, the signature is good. */
    String platformSigned(Map<String, Object> claims) {
        return rs256(header("RS256"), claims, platformKey);
    }

    String strangerSigned(Map<String, Object> claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return rs256(header("RS256"), claims, generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic key-confusion attack: HS256 with the (public) RSA key's PEM bytes as the HMAC secret. */
    String hs256WithPublicKey(Map<String, Object> claims) {
        try {
            String signingInput = encode(header("HS256")) + "." + encode(claims);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(publicKeyPem, "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** alg=none and an empty signature. */
    String unsigned(Map<String, Object> claims) {
        return encode(header("none")) + "." + encode(claims) + ".";
    }

    /** The payload replaced, the original header and signature kept. */
    static String withPayload(String token, Map<String, Object> claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + encode(claims) + "." + parts[2];
    }

    private Map<String, Object> header(String alg) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        return header;
    }

    private static String rs256(Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        try {
            String signingInput = encode(header) + "." + encode(claims);
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, Object> json) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> decode(String part) {
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(part), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
