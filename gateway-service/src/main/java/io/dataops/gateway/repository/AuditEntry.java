package io.dataops.gateway.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of AUDIT_LOG (docs/product-spec.md §13.3). Old and new values are JSON text in CLOB columns. */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Long userId;
    public String action;
    public String resourceType;
    public Long resourceId;
    public String oldValue;
    public String newValue;
    public String ipAddress;
    public String userAgent;
    public Instant createdAt;
    /** Id of the service's audit event this row stores; null for the gateway's own rows. */
    public String eventId;
    /** The service where the action happened; null for the gateway's own rows. */
    public String service;
}
