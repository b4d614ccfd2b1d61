package io.dataops.gateway.rest;

import io.dataops.gateway.config.GatewayConfig;
import io.dataops.model.audit.RequestOrigin;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a request's client address and user agent for throttling and the audit log. */
@ApplicationScoped
public class ClientOrigins {
    private final boolean trustForwardedFor;

    public ClientOrigins(GatewayConfig config) {
        this.trustForwardedFor = config.trustForwardedFor();
    }

    public RequestOrigin of(HttpServerRequest request) {
        String remote = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return RequestOrigin.of(request.getHeader("X-Forwarded-For"), remote, request.getHeader("User-Agent"),
                trustForwardedFor);
    }
}
