package io.dataops.model.targets;

import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.ProblemException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every target table files can be loaded into (docs/product-spec.md §5.1). A file names a top-level target
 * ({@link #find}); child tables such as order_items are reached through their parent's {@link ChildArray} only,
 * because their rows need a parent row.
 */
public final class TargetTables {

    public static final TargetTable CUSTOMERS = new TargetTable("customers", "customer_code", List.of(
            Column.text("customer_code", 20, true),
            Column.text("name", 100, true),
            Column.text("email", 100, false),
            Column.text("phone", 20, false),
            Column.text("country", 50, false),
            Column.text("segment", 50, false),
            Column.decimal("credit_limit", 12, 2, false)));

    /** One element of an order's {@code items} array; natural key (order_id, line_no). */
    public static final TargetTable ORDER_ITEMS = new TargetTable("order_items", null, List.of(
            Column.text("product", 100, true),
            Column.integer("qty", true),
            Column.decimal("price", 12, 2, true)));

    public static final TargetTable ORDERS = new TargetTable("orders", "order_number", List.of(
            Column.text("order_number", 20, true),
            Column.text("customer_code", 20, true),
            Column.date("order_date", true),
            Column.decimal("total_amount", 12, 2, true),
            Column.text("status", 20, false)),
            List.of(new Reference("customer_code", "customers", "customer_code", "customer_id")),
            List.of(new ChildArray("items", ORDER_ITEMS, "order_id", "line_no")));

    private static final Map<String, TargetTable> BY_NAME = Map.of(
            CUSTOMERS.name(), CUSTOMERS,
            ORDERS.name(), ORDERS);

    public static Optional<TargetTable> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name.trim().toLowerCase()));
    }

    public static TargetTable require(String name) {
        return find(name).orElseThrow(() -> new ProblemException(ErrorCode.UNKNOWN_TARGET,
                "Unknown target table '" + name + "'; known: " + BY_NAME.keySet().stream().sorted().toList()));
    }

    private TargetTables() {
    }
}
