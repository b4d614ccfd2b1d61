package io.dataops.loader.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** A row of CUSTOMERS, read side: rows are written by the batch MERGE. */
@Entity
@Table(name = "customers")
public class Customer extends PanacheEntityBase {
    @Id
    public Long id;
    public String customerCode;
    public String name;
    public String email;
    public String phone;
    public String country;
    public String segment;
    public BigDecimal creditLimit;
    public int isActive;
    public Long sourceFileId;
    public Instant createdAt;
}
