package io.dataops.model.targets;

/**
 * A field of a target's rows that holds a JSON array of objects loaded into a child table:
 * {@code orders.items -> order_items}. Each element becomes one row of {@code table}, whose natural key is
 * ({@code parentIdColumn}, {@code positionColumn}): the parent row's surrogate id and the element's position in
 * the array, counted from 1. Children are loaded in the same transaction as their parent and only with it.
 */
public record ChildArray(String field, TargetTable table, String parentIdColumn, String positionColumn) {

    /** How an error names a field of one element: {@code items[0].qty}, positions counted from 0 as in JSONPath. */
    public String path(int index, String column) {
        return field + "[" + index + "]" + (column == null ? "" : "." + column);
    }
}
