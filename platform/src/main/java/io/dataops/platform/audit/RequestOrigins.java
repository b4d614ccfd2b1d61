package io.dataops.platform.audit;

import io.dataops.platform.config.PlatformConfig;

import io.dataops.model.audit.RequestOrigin;
import io.dataops.model.audit.TrustedProxies;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * A request's client address and user agent, for the login throttle and the audit log, believing X-Forwarded-For
 * only from {@code dataops.platform.trusted-proxies}. Built at start, so a malformed entry stops the service with
 * the entry named instead of silently trusting nobody (or everybody).
 */
@Startup
@Singleton
public class RequestOrigins {
    private final TrustedProxies trusted;

    public RequestOrigins(PlatformConfig config) {
        try {
            this.trusted = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("dataops.platform.trusted-proxies: " + e.getMessage(), e);
        }
    }

    public RequestOrigin of(HttpServerRequest request) {
        String remote = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return RequestOrigin.of(request.headers().getAll("X-Forwarded-For"), remote, request.getHeader("User-Agent"),
                trusted);
    }
}
