package io.dataops.model.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A state-changing request that succeeded at a service, on {@link io.dataops.model.Topics#AUDIT}: one future
 * AUDIT_LOG row (seed 5.1). {@code eventId} makes storing it idempotent; the values are JSON, null when absent.
 */
public record AuditEvent(String eventId, Instant occurredAt, String service, Long userId, String username,
                         String action, String resourceType, Long resourceId, JsonNode oldValue, JsonNode newValue,
                         String ipAddress, String userAgent) {
}
