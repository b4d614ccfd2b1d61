package io.dataops.loader.service;

import io.dataops.loader.sql.ChildInsert;
import io.dataops.loader.sql.LoadStatements;
import io.dataops.model.events.RowBatch;
import io.dataops.model.targets.ChildArray;
import io.dataops.model.targets.TargetTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the nested arrays of parents just written into their child tables, in the parents' transaction. A parent
 * that is rewritten (displaced by a lower row, or updated in upsert mode) first loses its old children
 * ({@link #deleteAll}).
 */
class ChildWriter {
    /** Built once per child table: the SQL text does not change between batches. */
    private final Map<String, ChildInsert> inserts = new ConcurrentHashMap<>();

    /** An element of a nested array the database refused, with the path that names it in the error. */
    static final class ElementRefused extends Exception {
        final SQLException cause;
        final ChildArray child;
        final int index;

        ElementRefused(SQLException cause, ChildArray child, int index) {
            super(cause);
            this.cause = cause;
            this.child = child;
            this.index = index;
        }
    }

    /** One element of one parent, as bound into a child insert. */
    private record Element(Candidate parent, int index, Map<String, String> values) {
    }

    /** Children of every parent just written: one JDBC batch INSERT per child table. */
    void insertAll(Connection c, TargetTable parent, RowBatch batch, List<Candidate> written) throws SQLException {
        List<ChildArray> arrays = parent.children();
        for (int a = 0; a < arrays.size(); a++) {
            ChildInsert insert = insertFor(arrays.get(a));
            List<Element> elements = new ArrayList<>();
            for (Candidate candidate : written) {
                List<Map<String, String>> values = candidate.children().get(a);
                for (int i = 0; i < values.size(); i++) {
                    elements.add(new Element(candidate, i, values.get(i)));
                }
            }
            if (elements.isEmpty()) {
                continue;
            }
            // one JDBC batch, like the parents (BatchWriter#insert)
            try (PreparedStatement s = c.prepareStatement(insert.insertRowsSql(parent, 1))) {
                for (Element e : elements) {
                    insert.bindRow(s, 1, parentKey(parent, e.parent()), e.index(), e.values(), batch.fileId(),
                            batch.jobId(), e.parent().row().rowNumber());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    /** Deletes the children of the parents holding {@code keys}, before those parents are rewritten. */
    void deleteAll(Connection c, TargetTable parent, List<String> keys) throws SQLException {
        for (ChildArray array : parent.children()) {
            ChildInsert insert = insertFor(array);
            for (int from = 0; from < keys.size(); from += LoadStatements.ROWS_PER_STATEMENT) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + LoadStatements.ROWS_PER_STATEMENT));
                try (PreparedStatement s = c.prepareStatement(insert.deleteForParentsSql(parent, chunk.size()))) {
                    for (int i = 0; i < chunk.size(); i++) {
                        s.setString(i + 1, chunk.get(i));
                    }
                    s.executeUpdate();
                }
            }
        }
    }

    /** Children of one parent, one statement each, so a refusal names its element. */
    void writeOneByOne(Connection c, TargetTable parent, RowBatch batch, Candidate candidate)
            throws SQLException, ElementRefused {
        List<ChildArray> arrays = parent.children();
        for (int a = 0; a < arrays.size(); a++) {
            ChildInsert insert = insertFor(arrays.get(a));
            List<Map<String, String>> elements = candidate.children().get(a);
            if (elements.isEmpty()) {
                continue;
            }
            try (PreparedStatement s = c.prepareStatement(insert.insertRowsSql(parent, 1))) {
                for (int i = 0; i < elements.size(); i++) {
                    try {
                        insert.bindRow(s, 1, parentKey(parent, candidate), i, elements.get(i), batch.fileId(),
                                batch.jobId(), candidate.row().rowNumber());
                        s.executeUpdate();
                    } catch (SQLException e) {
                        throw new ElementRefused(e, arrays.get(a), i);
                    }
                }
            }
        }
    }

    private ChildInsert insertFor(ChildArray child) {
        return inserts.computeIfAbsent(child.table().name(), name -> new ChildInsert(child));
    }

    private static String parentKey(TargetTable parent, Candidate candidate) {
        String key = candidate.row().values().get(parent.naturalKey());
        return key == null ? null : key.trim();
    }
}
