package io.dataops.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "dataops.gateway")
public interface GatewayConfig {

    /** Base URL of each service the gateway forwards to, by name (ingest, validation, loader, job, report). */
    Map<String, String> routes();

    /** Lifetime of an access token. */
    @WithDefault("PT15M")
    Duration accessTokenTtl();
}
