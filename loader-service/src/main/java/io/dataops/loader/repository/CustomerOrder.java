package io.dataops.loader.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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
    @Column(name = "order_number")
    public String orderNumber;
    @Column(name = "customer_id")
    public Long customerId;
    @Column(name = "customer_code")
    public String customerCode;
    @Column(name = "order_date")
    public LocalDate orderDate;
    @Column(name = "total_amount")
    public BigDecimal totalAmount;
    public String status;
    @Column(name = "source_file_id")
    public Long sourceFileId;
    @Column(name = "created_at")
    public Instant createdAt;
}
