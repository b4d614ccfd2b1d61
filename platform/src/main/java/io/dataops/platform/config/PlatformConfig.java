package io.dataops.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** Settings of the glue every service shares (docs/configuration.md, "Every service"). */
@ConfigMapping(prefix = "dataops.platform")
public interface PlatformConfig {

    /**
     * Check each authenticated /api request against the Redis logout list and inactive-user marks. The gateway
     * switches this off: its AccessGate makes the same checks together with the rate limit.
     */
    @WithDefault("true")
    boolean revocationCheck();

    /**
     * Content-Security-Policy of every answer of the public port (Swagger UI, which needs inline scripts, is on the
     * management port). Empty: no header.
     */
    Optional<String> contentSecurityPolicy();

    /**
     * Proxies whose X-Forwarded-For is believed, as CIDR blocks or addresses (comma-separated in an env var).
     * Empty, the default: nobody's, the client is the socket's peer. Otherwise the client is the right-most hop that
     * is not one of these (RequestOrigins). Used for the login throttle's per-address limit and the audit log.
     */
    Optional<List<String>> trustedProxies();

    /**
     * This replica's name, written to the stage ledgers' handled_by column: which replica committed a batch.
     * Set from DATAOPS_INSTANCE (./dataops names replicas validation, validation-2, ...); empty, the host name
     * ({@link io.dataops.platform.config.ReplicaName}).
     */
    Optional<String> instance();

    Audit audit();

    Consumer consumer();

    /** How every Kafka consumer treats a message it cannot process (io.dataops.platform.messaging.DeadLetters). */
    interface Consumer {
        /** Tries of a message whose processing throws, before it is parked on the dead-letter topic. */
        @WithDefault("3")
        int attempts();

        /** Pause after the first failed try; it grows with each try. */
        @WithDefault("PT0.5S")
        java.time.Duration retryPause();

        /**
         * The largest message value a consumer decodes, in bytes, after decompression
         * ({@link io.dataops.platform.messaging.BoundedStringDeserializer}); a larger one is parked, never parsed.
         */
        @WithDefault("16777216")
        int maxMessageBytes();

        /**
         * Deliveries of one batch a stage accepts: a batch delivered more often kept crashing or stopping the stage
         * while it was processed, so it is parked on the dead-letter topic and its run fails instead.
         */
        @WithDefault("3")
        int maxDeliveries();
    }

    interface Audit {
        /**
         * Publish an audit event for every successful POST/PUT/PATCH/DELETE under /api to {@code dataops.audit}.
         * The gateway switches this off: it writes its own actions to AUDIT_LOG directly.
         */
        @WithDefault("true")
        boolean publish();
    }
}
