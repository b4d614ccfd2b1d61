package io.dataops.loader.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.util.List;

/** A row of ORDER_ITEMS, read side: written with its order by the loader. */
@Entity
@Table(name = "order_items")
public class OrderItem extends PanacheEntityBase {
    @Id
    public Long id;
    public Long orderId;
    public int lineNo;
    public String product;
    public int qty;
    public BigDecimal price;

    public static List<OrderItem> ofOrder(long orderId) {
        return list("orderId = ?1 order by lineNo", orderId);
    }
}
