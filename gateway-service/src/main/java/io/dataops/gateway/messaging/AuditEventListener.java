package io.dataops.gateway.messaging;

import io.dataops.gateway.service.AuditTrail;
import io.dataops.model.audit.AuditEvent;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.UnreadableEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Stores the services' audit events ({@code dataops.audit}) in AUDIT_LOG. The offset is committed after the
 * database commit; a redelivered event is recognised by its id and changes nothing.
 */
@ApplicationScoped
public class AuditEventListener {
    private static final Logger LOG = Logger.getLogger(AuditEventListener.class);
    private final AuditTrail audit;

    public AuditEventListener(AuditTrail audit) {
        this.audit = audit;
    }

    @Incoming("audit-in")
    @Blocking
    public void onEvent(String json) {
        AuditEvent event;
        try {
            event = EventCodec.decode(json, AuditEvent.class);
        } catch (UnreadableEventException e) {
            // a message no version of us can read: keeping it would stop the partition forever
            LOG.errorf("Unreadable audit event skipped: %s", e.getMessage());
            return;
        }
        audit.store(event);
    }
}
