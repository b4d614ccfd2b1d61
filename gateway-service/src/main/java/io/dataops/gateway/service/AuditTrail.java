package io.dataops.gateway.service;

import io.dataops.model.audit.RequestOrigin;
import io.dataops.model.audit.TrustedProxies;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.gateway.repository.AuditEntry;
import io.dataops.model.audit.AuditEvent;
import io.dataops.model.api.Page;
import io.dataops.model.api.PageRequest;
import io.dataops.platform.listing.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.function.Function;

/** AUDIT_LOG (docs/product-spec.md §13.3): who did what to which resource, from where, with the values before and after. */
@ApplicationScoped
public class AuditTrail {
    public static final String LOGIN = "LOGIN";
    public static final String LOGIN_FAILED = "LOGIN_FAILED";
    public static final String LOGOUT = "LOGOUT";
    public static final String TOKEN_REFRESH = "TOKEN_REFRESH";
    public static final String REFRESH_TOKEN_REUSED = "REFRESH_TOKEN_REUSED";
    public static final String USER_CREATE = "USER_CREATE";
    public static final String USER_UPDATE = "USER_UPDATE";
    public static final String USER_DELETE = "USER_DELETE";
    public static final String RESOURCE_USER = "user";

    public record Entry(Long userId, String action, String resourceType, Long resourceId, Object oldValue,
                        Object newValue) {
    }

    public record Filter(Long userId, String action, String resourceType, Instant from, Instant to) {
    }

    private final ObjectMapper json;

    public AuditTrail(ObjectMapper json) {
        this.json = json;
    }

    /** In the caller's transaction: the row commits or rolls back with the change it describes. */
    @Transactional
    public void record(Entry entry, RequestOrigin origin) {
        AuditEntry row = new AuditEntry();
        row.userId = entry.userId();
        row.action = entry.action();
        row.resourceType = entry.resourceType();
        row.resourceId = entry.resourceId();
        row.oldValue = toJson(entry.oldValue());
        row.newValue = toJson(entry.newValue());
        row.ipAddress = origin.ipAddress();
        row.userAgent = origin.userAgent();
        row.createdAt = Instant.now();
        row.persist();
    }

    /**
     * Stores a service's audit event once: a redelivered event (same id) changes nothing. Runs on the one consumer
     * of its partition, so the lookup and the insert cannot race with another copy of the same event.
     */
    @Transactional
    public boolean store(AuditEvent event) {
        if (event.eventId() == null || AuditEntry.count("eventId", event.eventId()) > 0) {
            return false;
        }
        AuditEntry row = new AuditEntry();
        row.eventId = event.eventId();
        row.service = cut(event.service(), 30);
        row.userId = event.userId();
        row.action = cut(event.action() == null ? "UNKNOWN" : event.action(), 50);
        row.resourceType = cut(event.resourceType(), 50);
        row.resourceId = event.resourceId();
        row.oldValue = event.oldValue() == null || event.oldValue().isNull() ? null : event.oldValue().toString();
        row.newValue = event.newValue() == null || event.newValue().isNull() ? null : event.newValue().toString();
        RequestOrigin origin = RequestOrigin.of(null, event.ipAddress(), event.userAgent(), TrustedProxies.NONE);
        row.ipAddress = origin.ipAddress();
        row.userAgent = origin.userAgent();
        row.createdAt = event.occurredAt() == null ? Instant.now() : event.occurredAt();
        row.persist();
        return true;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** Newest first. */
    @Transactional
    public Page<AuditEntry> search(Filter filter, PageRequest request) {
        return ListQuery.where()
                .equal("userId", filter.userId())
                .equal("action", filter.action())
                .equal("resourceType", filter.resourceType())
                .atLeast("createdAt", filter.from())
                .before("createdAt", filter.to())
                .orderBy("createdAt desc, id desc")
                .page(request, (jpql, params) -> AuditEntry.find(jpql, params), Function.<AuditEntry>identity());
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit value is not serialisable", e);
        }
    }
}
