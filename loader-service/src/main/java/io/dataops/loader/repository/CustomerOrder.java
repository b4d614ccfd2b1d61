package io.dataops.loader.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A row of ORDERS, read side: rows are written by the batch MERGE. Not "Order": that is a word of the query language. */
@Entity(name = "CustomerOrder")
@Table(name = "orders")
public class CustomerOrder extends PanacheEntityBase {
    @Id
    public Long id;
    public String orderNumber;
    public Long customerId;
    public String customerCode;
    public LocalDate orderDate;
    public BigDecimal totalAmount;
    public String status;
    public Long sourceFileId;
    public Instant createdAt;
}
