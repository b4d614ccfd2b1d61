package io.dataops.loader.service;

import io.dataops.loader.mapping.ChildInsert;
import io.dataops.loader.mapping.DatabaseReject;
import io.dataops.loader.mapping.DuplicateCheck;
import io.dataops.loader.mapping.MergeStatement;
import io.dataops.loader.repository.LoadLedger;
import io.dataops.model.events.LoadMode;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.RowsRejected.RejectedRow;
import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.ChildArray;
import io.dataops.model.targets.ChildRows;
import io.dataops.model.targets.Reference;
import io.dataops.model.targets.TargetTable;
import io.dataops.model.targets.TargetTables;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads one batch of valid rows and records the batch and its rejects in the ledger, all in one transaction. A
 * batch already in the ledger is skipped whole: a redelivery changes nothing.
 * <ol>
 * <li>Rows whose reference columns name no loaded row (an order's unknown customer_code) are rejected as
 * REFERENCE before anything is written.</li>
 * <li>The other rows go in with one JDBC batch MERGE; a row that met a stored key is a DUPLICATE unless it is the
 * same row of the same file again (or, in upsert mode, it updates the row another file stored).</li>
 * <li>The nested arrays of every row just written go into their child tables in the same transaction.</li>
 * <li>If the database refuses any of it (a value too large for a column, a constraint), the whole transaction is
 * rolled back and the batch is loaded again, in a fresh transaction, row by row with a savepoint per row: only
 * the refused rows (parent and children together) are rejected, the others load.</li>
 * </ol>
 */
@ApplicationScoped
public class BatchLoad {
    private static final Logger LOG = Logger.getLogger(BatchLoad.class);
    public static final String DUPLICATE = RowsRejected.DUPLICATE;
    /** Oracle accepts at most 1000 expressions in an IN list. */
    private static final int IN_LIST = 500;

    private final DataSource dataSource;
    private final LoadLedger ledger;
    /** Built once per target and mode: the SQL text does not change between batches. */
    private final Map<String, MergeStatement> merges = new ConcurrentHashMap<>();
    private final Map<String, ChildInsert> childInserts = new ConcurrentHashMap<>();

    public BatchLoad(DataSource dataSource, LoadLedger ledger) {
        this.dataSource = dataSource;
        this.ledger = ledger;
    }

    /** The database refused something in a batch; thrown to roll the batch back and load it row by row. */
    static final class RefusedBatch extends RuntimeException {
        RefusedBatch(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** A row ready to be written: its parsed nested arrays, one list per {@link ChildArray} of the target. */
    private record Candidate(SourceRow row, List<List<Map<String, String>>> children) {
    }

    /** An element of a nested array the database refused, with the path that names it in the error. */
    private static final class ElementRefused extends Exception {
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

    /** @return the batch's rejected rows, read from the ledger, so a redelivery reports them again */
    public List<RejectedRow> load(RowBatch batch) {
        LoadMode mode = batch.mode();
        MergeStatement merge = merges.computeIfAbsent(batch.target() + "/" + mode,
                name -> new MergeStatement(TargetTables.require(batch.target()), mode));
        try {
            return QuarkusTransaction.requiringNew().call(() -> loadInTransaction(batch, merge, false));
        } catch (RefusedBatch e) {
            LOG.infof("Job %d batch %d: the database refused part of the batch (%s); loading it row by row",
                    batch.jobId(), batch.batchNo(), DatabaseReject.of((SQLException) e.getCause()));
            return QuarkusTransaction.requiringNew().call(() -> loadInTransaction(batch, merge, true));
        }
    }

    private List<RejectedRow> loadInTransaction(RowBatch batch, MergeStatement merge, boolean rowByRow) {
        if (ledger.contains(batch.jobId(), batch.batchNo())) {
            return ledger.rejects(batch.jobId(), batch.batchNo());
        }
        List<RejectedRow> rejects = new ArrayList<>();
        int loaded;
        try (Connection c = dataSource.getConnection()) {
            List<Candidate> candidates = candidates(c, merge.target(), batch, rejects);
            loaded = rowByRow ? loadRowByRow(c, merge, batch, candidates, rejects)
                    : loadInOneGo(c, merge, batch, candidates, rejects);
        } catch (SQLException e) {
            throw new IllegalStateException("Batch " + batch.batchNo() + " of job " + batch.jobId()
                    + " could not be loaded", e);
        }
        rejects.sort(Comparator.comparingLong(RejectedRow::rowNumber));
        ledger.record(batch.jobId(), batch.batchNo(), batch.fileId(), batch.rows().size(), loaded, rejects);
        return rejects;
    }

    /** Rejects rows with a dangling reference or an unreadable nested array; the rest are candidates. */
    private List<Candidate> candidates(Connection c, TargetTable target, RowBatch batch, List<RejectedRow> rejects)
            throws SQLException {
        Map<Reference, Set<String>> known = new java.util.HashMap<>();
        for (Reference reference : target.references()) {
            known.put(reference, existingKeys(c, reference, batch.rows()));
        }
        List<Candidate> candidates = new ArrayList<>(batch.rows().size());
        rows:
        for (SourceRow row : batch.rows()) {
            for (Reference reference : target.references()) {
                String value = trimmed(row.values().get(reference.column()));
                if (value != null && !known.get(reference).contains(value)) {
                    rejects.add(new RejectedRow(row.rowNumber(), reference.column(), value, RowsRejected.REFERENCE,
                            reference.column() + " '" + value + "' is not a loaded " + reference.key() + " of "
                                    + reference.table(), row.raw()));
                    continue rows;
                }
            }
            List<List<Map<String, String>>> children = new ArrayList<>();
            for (ChildArray child : target.children()) {
                try {
                    children.add(ChildRows.parse(row.values().get(child.field())));
                } catch (ChildRows.NotAnArrayException e) {
                    rejects.add(new RejectedRow(row.rowNumber(), child.field(), null, "TYPE",
                            child.field() + " " + e.getMessage(), row.raw()));
                    continue rows;
                }
            }
            candidates.add(new Candidate(row, children));
        }
        return candidates;
    }

    /** The values of a reference column among the rows that the referenced table holds. */
    private static Set<String> existingKeys(Connection c, Reference reference, List<SourceRow> rows) throws SQLException {
        List<String> wanted = rows.stream().map(r -> trimmed(r.values().get(reference.column())))
                .filter(v -> v != null).distinct().toList();
        Set<String> found = new HashSet<>();
        for (int from = 0; from < wanted.size(); from += IN_LIST) {
            List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + IN_LIST));
            String in = String.join(", ", chunk.stream().map(v -> "?").toList());
            try (PreparedStatement s = c.prepareStatement("SELECT " + reference.key() + " FROM " + reference.table()
                    + " WHERE " + reference.key() + " IN (" + in + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getString(1));
                    }
                }
            }
        }
        return found;
    }

    private int loadInOneGo(Connection c, MergeStatement merge, RowBatch batch, List<Candidate> candidates,
                            List<RejectedRow> rejects) throws SQLException {
        if (candidates.isEmpty()) {
            return 0;
        }
        List<Candidate> written = new ArrayList<>();
        try {
            int[] counts;
            try (PreparedStatement s = c.prepareStatement(merge.sql())) {
                for (Candidate candidate : candidates) {
                    merge.bind(s, candidate.row(), batch.fileId(), batch.jobId());
                    s.addBatch();
                }
                counts = s.executeBatch();
            }
            for (int i = 0; i < counts.length; i++) {
                Candidate candidate = candidates.get(i);
                // Oracle may answer SUCCESS_NO_INFO for batched statements; then the row went in
                if (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
                    written.add(candidate);
                } else {
                    RejectedRow reject = checkExisting(c, merge, batch, candidate.row());
                    if (reject != null) {
                        rejects.add(reject);
                    }
                }
            }
            writeChildren(c, merge, batch, written);
        } catch (SQLException e) {
            throw refusedOrFailed(e);
        }
        return written.size();
    }

    private int loadRowByRow(Connection c, MergeStatement merge, RowBatch batch, List<Candidate> candidates,
                             List<RejectedRow> rejects) throws SQLException {
        int loaded = 0;
        try (PreparedStatement s = c.prepareStatement(merge.sql());
             Statement savepoints = c.createStatement()) {
            for (Candidate candidate : candidates) {
                SourceRow row = candidate.row();
                // In SQL, not Connection.setSavepoint/rollback(Savepoint): Agroal refuses a rollback of any kind on a
                // connection enlisted in a JTA transaction. Oracle and H2 both take these statements.
                savepoints.execute("SAVEPOINT load_row");
                try {
                    merge.bind(s, row, batch.fileId(), batch.jobId());
                    if (s.executeUpdate() > 0) {
                        writeChildrenOneByOne(c, merge, batch, candidate);
                        loaded++;
                    } else {
                        RejectedRow reject = checkExisting(c, merge, batch, row);
                        if (reject != null) {
                            rejects.add(reject);
                        }
                    }
                } catch (SQLException e) {
                    savepoints.execute("ROLLBACK TO SAVEPOINT load_row");
                    rejects.add(refusedRow(row, e, null, -1));
                } catch (ElementRefused e) {
                    savepoints.execute("ROLLBACK TO SAVEPOINT load_row");
                    rejects.add(refusedRow(row, e.cause, e.child, e.index));
                }
            }
        }
        return loaded;
    }

    /** The reject for a row the database refused; a failure that is not about the row's data is thrown on. */
    private static RejectedRow refusedRow(SourceRow row, SQLException e, ChildArray child, int index)
            throws SQLException {
        DatabaseReject.Verdict verdict = DatabaseReject.of(e);
        if (verdict == null) {
            throw e;
        }
        String field;
        String value;
        if (child != null) {
            field = child.path(index, verdict.column());
            value = verdict.column() == null ? null : elementValue(row, child, index, verdict.column());
        } else {
            field = verdict.column();
            value = field == null ? null : row.values().get(field);
        }
        return new RejectedRow(row.rowNumber(), field, value, verdict.errorType(), verdict.message(), row.raw());
    }

    private static String elementValue(SourceRow row, ChildArray child, int index, String column) {
        List<Map<String, String>> elements = ChildRows.parse(row.values().get(child.field()));
        return index < elements.size() ? elements.get(index).get(column) : null;
    }

    /** Children of every parent just written, one JDBC batch per child table. */
    private void writeChildren(Connection c, MergeStatement merge, RowBatch batch, List<Candidate> written)
            throws SQLException {
        List<ChildArray> children = merge.target().children();
        for (int a = 0; a < children.size(); a++) {
            ChildInsert insert = childInsert(children.get(a));
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
    private void writeChildrenOneByOne(Connection c, MergeStatement merge, RowBatch batch, Candidate candidate)
            throws SQLException, ElementRefused {
        List<ChildArray> children = merge.target().children();
        for (int a = 0; a < children.size(); a++) {
            ChildInsert insert = childInsert(children.get(a));
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

    private ChildInsert childInsert(ChildArray child) {
        return childInserts.computeIfAbsent(child.table().name(), name -> new ChildInsert(child));
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

    /** A refusal of the row data rolls the batch back for a row-by-row retry; anything else fails the batch. */
    private static RuntimeException refusedOrFailed(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            if (DatabaseReject.of(cause) != null) {
                return new RefusedBatch(cause);
            }
        }
        return new IllegalStateException("The database failed while loading a batch", e);
    }

    private static RejectedRow checkExisting(Connection c, MergeStatement merge, RowBatch batch, SourceRow row)
            throws SQLException {
        String key = merge.naturalKeyOf(row);
        try (PreparedStatement s = c.prepareStatement(merge.provenanceQuery())) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("MERGE inserted nothing for " + key + " but no row holds it");
                }
                String reason = DuplicateCheck.duplicateReason(merge.naturalKeyName(), key,
                        new DuplicateCheck.Provenance(r.getLong(1), r.getLong(2), r.getLong(3)),
                        batch.fileId(), batch.jobId(), row.rowNumber());
                return reason == null ? null
                        : new RejectedRow(row.rowNumber(), merge.naturalKeyName(), key, DUPLICATE, reason, row.raw());
            }
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Transactional
    public LoadLedger.Totals totals(long jobId) {
        return ledger.totals(jobId);
    }
}
