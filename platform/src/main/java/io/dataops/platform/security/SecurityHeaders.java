package io.dataops.platform.security;

import io.dataops.platform.config.PlatformConfig;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Content-Security-Policy on every answer except under /q/ (Swagger UI and the dev tools run inline scripts a
 * strict policy would block). The fixed headers (nosniff, frame and referrer policy, no-store on /api) are plain
 * {@code quarkus.http.header} settings in META-INF/microprofile-config.properties; this one needs a path exception
 * that setting cannot express.
 */
@ApplicationScoped
public class SecurityHeaders {
    private final String policy;

    public SecurityHeaders(PlatformConfig config) {
        this.policy = config.contentSecurityPolicy().filter(p -> !p.isBlank()).orElse(null);
    }

    void register(@Observes Filters filters) {
        if (policy == null) {
            return;
        }
        filters.register(ctx -> {
            if (!ctx.normalizedPath().startsWith("/q/")) {
                ctx.response().headers().set("Content-Security-Policy", policy);
            }
            ctx.next();
        }, 100);
    }
}
