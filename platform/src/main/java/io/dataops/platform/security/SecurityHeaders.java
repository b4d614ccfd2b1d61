package io.dataops.platform.security;

import io.dataops.platform.config.PlatformConfig;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Content-Security-Policy on every answer of the public port. Swagger UI, which runs inline scripts a strict policy
 * would block, is on the management port (docs/adr/0023), where these filters do not run; only Quarkus' dev mode
 * still serves its Dev UI under /q/ on the public port, so there alone /q/ goes without the header. The fixed headers
 * (nosniff, frame and referrer policy, no-store on /api) are plain {@code quarkus.http.header} settings in
 * META-INF/microprofile-config.properties; this one needs a path exception that setting cannot express.
 */
@ApplicationScoped
public class SecurityHeaders {
    private final String policy;
    private final boolean devUi = LaunchMode.current() == LaunchMode.DEVELOPMENT;

    public SecurityHeaders(PlatformConfig config) {
        this.policy = config.contentSecurityPolicy().filter(p -> !p.isBlank()).orElse(null);
    }

    void register(@Observes Filters filters) {
        if (policy == null) {
            return;
        }
        filters.register(ctx -> {
            if (!(devUi && ctx.normalizedPath().startsWith("/q/"))) {
                ctx.response().headers().set("Content-Security-Policy", policy);
            }
            ctx.next();
        }, 100);
    }
}
