package io.dataops.model.targets;

/**
 * A column of a target whose value must be the natural key of a row already loaded in another target:
 * {@code orders.customer_code -> customers.customer_code}. The loader rejects a row whose value is not there
 * (REFERENCE) and, when {@code idColumn} is set, stores the referenced row's surrogate {@code id} in that column
 * of this target (the foreign key the schema declares, e.g. {@code orders.customer_id}).
 */
public record Reference(String column, String table, String key, String idColumn) {

    public String describe() {
        return column + " -> " + table + "." + key;
    }
}
