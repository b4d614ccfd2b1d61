package io.dataops.model.targets;

import java.util.List;
import java.util.Optional;

/**
 * A table files can be loaded into, defined once: its columns as the file supplies them and its natural key.
 * Validation checks rows against it and the loader builds its MERGE from it, so a new target is a migration
 * plus a definition in {@link TargetTables}.
 */
public record TargetTable(String name, String naturalKey, List<Column> columns) {

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
