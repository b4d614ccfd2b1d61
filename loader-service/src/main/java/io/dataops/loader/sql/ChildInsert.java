package io.dataops.loader.sql;

import io.dataops.model.targets.ChildArray;
import io.dataops.model.targets.Column;
import io.dataops.model.targets.TargetTable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statements that load one nested array's elements into its child table, built from the {@link ChildArray}.
 * Children are written only together with a parent row that was just inserted or updated, in the same transaction,
 * so a plain INSERT suffices: a rewritten parent first loses its old children ({@link #deleteForParentsSql}), and a parent
 * that was left alone (re-run, duplicate) gets none. Each child row carries its parent's provenance.
 */
public final class ChildInsert {
    private final ChildArray child;
    /** Statement texts for the few row counts in use (a full batch, its last one), as in {@link LoadStatements}. */
    private final Map<String, String> texts = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 8;
                }
            });

    public ChildInsert(ChildArray child) {
        this.child = child;
    }

    public ChildArray child() {
        return child;
    }

    /**
     * One INSERT for {@code rows} elements of any parents of {@code parent}: each element finds its parent's id by the
     * parent's natural key in the same statement, so writing the children of a batch costs one statement, not a
     * look-up per parent (see {@link LoadStatements} on multi-row statements and casts).
     */
    public String insertRowsSql(TargetTable parent, int rows) {
        return texts.computeIfAbsent(parent.name() + rows, k -> buildInsertRows(parent, rows));
    }

    private String buildInsertRows(TargetTable parent, int rows) {
        List<String> select = new ArrayList<>();
        select.add("(SELECT p.id FROM " + parent.name() + " p WHERE p." + parent.naturalKey()
                + " = CAST(? AS VARCHAR2(4000 CHAR))) AS " + child.parentIdColumn());
        select.add("CAST(? AS NUMBER(10)) AS " + child.positionColumn());
        child.table().columns().forEach(c -> select.add("CAST(? AS " + LoadStatements.castType(c) + ") AS " + c.name()));
        select.add("CAST(? AS NUMBER(19)) AS source_file_id");
        select.add("CAST(? AS NUMBER(19)) AS load_job_id");
        select.add("CAST(? AS NUMBER(19)) AS load_row_number");
        return "INSERT INTO " + child.table().name() + " (" + String.join(", ", columnNames()) + ") "
                + LoadStatements.unionOfRows(String.join(", ", select), rows);
    }

    /** Binds one element of {@link #insertRowsSql}; returns the next parameter's index. */
    public int bindRow(PreparedStatement statement, int at, String parentKey, int index, Map<String, String> element,
                       long fileId, long jobId, long parentRowNumber) throws SQLException {
        int i = at;
        statement.setString(i++, parentKey);
        statement.setInt(i++, index + 1);
        for (Column column : child.table().columns()) {
            MergeStatement.bindValue(statement, i++, column, element.get(column.name()));
        }
        statement.setLong(i++, fileId);
        statement.setLong(i++, jobId);
        statement.setLong(i++, parentRowNumber);
        return i;
    }

    /** Deletes the children of {@code parents} rows of {@code parent} named by natural key (before they are rewritten). */
    public String deleteForParentsSql(TargetTable parent, int parents) {
        return "DELETE FROM " + child.table().name() + " WHERE " + child.parentIdColumn() + " IN (SELECT id FROM "
                + parent.name() + " WHERE " + parent.naturalKey() + " IN (" + LoadStatements.placeholders(parents) + "))";
    }

    private List<String> columnNames() {
        List<String> names = new ArrayList<>();
        names.add(child.parentIdColumn());
        names.add(child.positionColumn());
        child.table().columns().forEach(c -> names.add(c.name()));
        names.add("source_file_id");
        names.add("load_job_id");
        names.add("load_row_number");
        return names;
    }
}
