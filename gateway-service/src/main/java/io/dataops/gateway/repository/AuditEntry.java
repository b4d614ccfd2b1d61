package io.dataops.gateway.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of AUDIT_LOG (seed 13.3). Old and new values are JSON text in CLOB columns. */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "user_id")
    public Long userId;
    public String action;
    @Column(name = "resource_type")
    public String resourceType;
    @Column(name = "resource_id")
    public Long resourceId;
    @Column(name = "old_value")
    public String oldValue;
    @Column(name = "new_value")
    public String newValue;
    @Column(name = "ip_address")
    public String ipAddress;
    @Column(name = "user_agent")
    public String userAgent;
    @Column(name = "created_at")
    public Instant createdAt;
    /** Id of the service's audit event this row stores; null for the gateway's own rows. */
    @Column(name = "event_id")
    public String eventId;
    /** The service where the action happened; null for the gateway's own rows. */
    public String service;
}
