package io.dataops.model.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A state-changing request that succeeded at a service, on {@link io.dataops.model.Topics#AUDIT}: one future
 * AUDIT_LOG row (docs/product-spec.md §5.1). {@code eventId} makes storing it idempotent; the values are JSON, null when absent.
 */
public record AuditEvent(String eventId, Instant occurredAt, String service, Long userId, String username,
                         String action, String resourceType, Long resourceId, JsonNode oldValue, JsonNode newValue,
                         String ipAddress, String userAgent) {
    /** Event ids are UUIDs; AUDIT_LOG.EVENT_ID holds exactly that many characters. */
    public static final int MAX_EVENT_ID_LENGTH = 36;

    /** Checked here so the gateway's decode refuses an event AUDIT_LOG cannot hold (the dead-letter topic takes it). */
    public AuditEvent {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("eventId must not be empty");
        }
        if (eventId.length() > MAX_EVENT_ID_LENGTH) {
            throw new IllegalArgumentException("eventId has " + eventId.length() + " characters, more than "
                    + MAX_EVENT_ID_LENGTH);
        }
    }
}
