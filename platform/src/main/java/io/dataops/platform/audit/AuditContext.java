package io.dataops.platform.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * What a resource may add to the audit event of the current request; everything is optional. The action and
 * resource come from the route (AuditActions) and the id from the path or the created entity unless set here.
 */
@RequestScoped
public class AuditContext {
    private String action;
    private String resourceType;
    private Long resourceId;
    private Object oldValue;
    private Object newValue;
    private boolean skipped;

    /** Overrides the derived action name, e.g. {@code FILE_UPLOAD}. */
    public AuditContext action(String action) {
        this.action = action;
        return this;
    }

    public AuditContext resource(String type, Long id) {
        this.resourceType = type;
        this.resourceId = id;
        return this;
    }

    /** The state before the change; serialised to JSON. Leave out secrets. */
    public AuditContext oldValue(Object value) {
        this.oldValue = value;
        return this;
    }

    /** The state after the change; serialised to JSON. Leave out secrets. */
    public AuditContext newValue(Object value) {
        this.newValue = value;
        return this;
    }

    /** This request changed nothing worth recording (e.g. an idempotent repeat). */
    public void skip() {
        this.skipped = true;
    }

    String action() {
        return action;
    }

    String resourceType() {
        return resourceType;
    }

    Long resourceId() {
        return resourceId;
    }

    Object oldValue() {
        return oldValue;
    }

    Object newValue() {
        return newValue;
    }

    boolean skipped() {
        return skipped;
    }
}
