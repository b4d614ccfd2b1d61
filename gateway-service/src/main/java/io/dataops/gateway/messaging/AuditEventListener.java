package io.dataops.gateway.messaging;

import io.dataops.gateway.service.AuditTrail;
import io.dataops.model.audit.AuditEvent;
import io.dataops.model.Topics;
import io.dataops.platform.messaging.DeadLetters;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores the services' audit events ({@code dataops.audit}) in AUDIT_LOG. The offset is committed after the
 * database commit; a redelivered event is recognised by its id and changes nothing. An event AUDIT_LOG cannot hold
 * (an id longer than a UUID, a broken payload) is parked on the dead-letter topic, so audit storage goes on.
 */
@ApplicationScoped
public class AuditEventListener {
    private final AuditTrail audit;
    private final DeadLetters deadLetters;

    public AuditEventListener(AuditTrail audit, DeadLetters deadLetters) {
        this.audit = audit;
        this.deadLetters = deadLetters;
    }

    @Incoming("audit-in")
    @Blocking
    public void onEvent(String json) {
        deadLetters.consume(Topics.AUDIT, json, AuditEvent.class, audit::store);
    }
}
