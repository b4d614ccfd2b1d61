package io.dataops.gateway.rest;

import io.dataops.gateway.service.SigningKey;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The public key that verifies the gateway's tokens, as a JSON Web Key Set. Public: services (and anyone) may
 * point {@code mp.jwt.verify.publickey.location} here instead of at a PEM file.
 */
@Path("/.well-known/jwks.json")
public class JwksResource {
    private final SigningKey key;

    public JwksResource(SigningKey key) {
        this.key = key;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public String jwks() {
        return key.jwks();
    }
}
