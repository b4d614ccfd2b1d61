package io.dataops.model.targets;

import java.util.List;
import java.util.Optional;

/**
 * A table files can be loaded into, defined once: its columns as the file supplies them, its natural key, the
 * columns that must name rows of other targets ({@link Reference}) and the nested arrays that fill child tables
 * ({@link ChildArray}). Validation checks rows against it and the loader builds its statements from it, so a new
 * target is a migration plus a definition in {@link TargetTables}.
 */
public record TargetTable(String name, String naturalKey, List<Column> columns, List<Reference> references,
                          List<ChildArray> children) {

    public TargetTable {
        columns = List.copyOf(columns);
        references = references == null ? List.of() : List.copyOf(references);
        children = children == null ? List.of() : List.copyOf(children);
    }

    public TargetTable(String name, String naturalKey, List<Column> columns) {
        this(name, naturalKey, columns, List.of(), List.of());
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
