package io.dataops.loader.service;

import io.dataops.loader.sql.ChildInsert;
import io.dataops.loader.sql.MergeStatement;
import io.dataops.model.events.LoadMode;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.ChildArray;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the nested arrays of parents just written into their child tables, in the parents' transaction. In upsert
 * mode an updated parent first loses its old children.
 */
@ApplicationScoped
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

    /** Children of every parent just written, one JDBC batch per child table. */
    void writeAll(Connection c, MergeStatement merge, RowBatch batch, List<Candidate> written) throws SQLException {
        List<ChildArray> children = merge.target().children();
        for (int a = 0; a < children.size(); a++) {
            ChildInsert insert = insertFor(children.get(a));
            try (PreparedStatement ids = c.prepareStatement(merge.idQuery());
                 PreparedStatement delete = c.prepareStatement(insert.deleteSql());
                 PreparedStatement s = c.prepareStatement(insert.insertSql())) {
                boolean any = false;
                for (Candidate candidate : written) {
                    long parentId = parentId(ids, merge, candidate.row());
                    if (merge.mode() == LoadMode.UPSERT) {
                        delete.setLong(1, parentId);
                        delete.executeUpdate();
                    }
                    List<Map<String, String>> elements = candidate.children().get(a);
                    for (int i = 0; i < elements.size(); i++) {
                        insert.bind(s, parentId, i, elements.get(i), batch.fileId(), batch.jobId(),
                                candidate.row().rowNumber());
                        s.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    s.executeBatch();
                }
            }
        }
    }

    /** Children of one parent, one statement each, so a refusal names its element. */
    void writeOneByOne(Connection c, MergeStatement merge, RowBatch batch, Candidate candidate)
            throws SQLException, ElementRefused {
        List<ChildArray> children = merge.target().children();
        for (int a = 0; a < children.size(); a++) {
            ChildInsert insert = insertFor(children.get(a));
            long parentId;
            try (PreparedStatement ids = c.prepareStatement(merge.idQuery())) {
                parentId = parentId(ids, merge, candidate.row());
            }
            if (merge.mode() == LoadMode.UPSERT) {
                try (PreparedStatement delete = c.prepareStatement(insert.deleteSql())) {
                    delete.setLong(1, parentId);
                    delete.executeUpdate();
                }
            }
            List<Map<String, String>> elements = candidate.children().get(a);
            try (PreparedStatement s = c.prepareStatement(insert.insertSql())) {
                for (int i = 0; i < elements.size(); i++) {
                    try {
                        insert.bind(s, parentId, i, elements.get(i), batch.fileId(), batch.jobId(),
                                candidate.row().rowNumber());
                        s.executeUpdate();
                    } catch (SQLException e) {
                        throw new ElementRefused(e, children.get(a), i);
                    }
                }
            }
        }
    }

    private ChildInsert insertFor(ChildArray child) {
        return inserts.computeIfAbsent(child.table().name(), name -> new ChildInsert(child));
    }

    private static long parentId(PreparedStatement ids, MergeStatement merge, SourceRow row) throws SQLException {
        ids.setString(1, merge.naturalKeyOf(row));
        try (ResultSet r = ids.executeQuery()) {
            if (!r.next()) {
                throw new IllegalStateException("MERGE wrote " + merge.naturalKeyOf(row) + " but no row holds it");
            }
            return r.getLong(1);
        }
    }
}
