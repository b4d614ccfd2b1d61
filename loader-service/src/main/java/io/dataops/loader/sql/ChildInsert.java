package io.dataops.loader.sql;

import io.dataops.model.targets.ChildArray;
import io.dataops.model.targets.Column;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statements that load one nested array's elements into its child table, built from the {@link ChildArray}.
 * Children are written only together with a parent row that was just inserted or updated, in the same transaction,
 * so a plain INSERT suffices: an updated parent first loses its old children ({@link #deleteSql()}), and a parent
 * that was left alone (re-run, duplicate) gets none. Each child row carries its parent's provenance.
 */
public final class ChildInsert {
    private final ChildArray child;
    private final String insertSql;
    private final String deleteSql;

    public ChildInsert(ChildArray child) {
        this.child = child;
        List<String> names = new ArrayList<>();
        names.add(child.parentIdColumn());
        names.add(child.positionColumn());
        child.table().columns().forEach(c -> names.add(c.name()));
        names.add("source_file_id");
        names.add("load_job_id");
        names.add("load_row_number");
        this.insertSql = "INSERT INTO " + child.table().name() + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
        this.deleteSql = "DELETE FROM " + child.table().name() + " WHERE " + child.parentIdColumn() + " = ?";
    }

    public ChildArray child() {
        return child;
    }

    public String insertSql() {
        return insertSql;
    }

    public String deleteSql() {
        return deleteSql;
    }

    /** Binds element {@code index} (from 0) of the array; its position column gets {@code index + 1}. */
    public void bind(PreparedStatement statement, long parentId, int index, Map<String, String> element,
                     long fileId, long jobId, long parentRowNumber) throws SQLException {
        int i = 1;
        statement.setLong(i++, parentId);
        statement.setInt(i++, index + 1);
        for (Column column : child.table().columns()) {
            MergeStatement.bindValue(statement, i++, column, element.get(column.name()));
        }
        statement.setLong(i++, fileId);
        statement.setLong(i++, jobId);
        statement.setLong(i, parentRowNumber);
    }
}
