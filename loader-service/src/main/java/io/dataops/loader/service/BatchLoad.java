package io.dataops.loader.service;

import io.dataops.loader.mapping.DatabaseReject;
import io.dataops.loader.repository.LoadLedger;
import io.dataops.loader.sql.MergeStatement;
import io.dataops.model.events.LoadMode;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.RowsRejected.RejectedRow;
import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.ChildArray;
import io.dataops.model.targets.ChildRows;
import io.dataops.model.targets.TargetTables;
import io.dataops.platform.jdbc.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads one batch of valid rows and records the batch and its rejects in the ledger, all in one transaction. A
 * batch already in the ledger is skipped whole: a redelivery changes nothing.
 * <ol>
 * <li>{@link ReferenceCheck} rejects rows with a dangling reference or an unreadable nested array before anything
 * is written.</li>
 * <li>{@link ParentWriter} writes the other rows with one JDBC batch MERGE, rejecting duplicates.</li>
 * <li>{@link ChildWriter} writes the nested arrays of every row just written, in the same transaction.</li>
 * <li>If the database refuses any of it (a value too large for a column, a constraint), the whole transaction is
 * rolled back and the batch is loaded again, in a fresh transaction, row by row with a savepoint per row: only
 * the refused rows (parent and children together) are rejected, the others load.</li>
 * </ol>
 */
@ApplicationScoped
public class BatchLoad {
    private static final Logger LOG = Logger.getLogger(BatchLoad.class);
    public static final String DUPLICATE = RowsRejected.DUPLICATE;

    private final Sql sql;
    private final LoadLedger ledger;
    private final ReferenceCheck references;
    private final ParentWriter parents;
    private final ChildWriter children;
    /** Built once per target and mode: the SQL text does not change between batches. */
    private final Map<String, MergeStatement> merges = new ConcurrentHashMap<>();

    BatchLoad(DataSource dataSource, LoadLedger ledger, ReferenceCheck references, ParentWriter parents,
              ChildWriter children) {
        this.sql = new Sql(dataSource);
        this.ledger = ledger;
        this.references = references;
        this.parents = parents;
        this.children = children;
    }

    /** The database refused something in a batch; thrown to roll the batch back and load it row by row. */
    static final class RefusedBatch extends RuntimeException {
        RefusedBatch(SQLException cause) {
            super(cause.getMessage(), cause);
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
        List<Candidate> candidates = references.candidates(merge.target(), batch, rejects);
        int loaded = sql.withConnection(c -> rowByRow ? loadRowByRow(c, merge, batch, candidates, rejects)
                : loadInOneGo(c, merge, batch, candidates, rejects));
        rejects.sort(Comparator.comparingLong(RejectedRow::rowNumber));
        ledger.record(batch.jobId(), batch.batchNo(), batch.fileId(), batch.rows().size(), loaded, rejects);
        return rejects;
    }

    private int loadInOneGo(Connection c, MergeStatement merge, RowBatch batch, List<Candidate> candidates,
                            List<RejectedRow> rejects) {
        if (candidates.isEmpty()) {
            return 0;
        }
        try {
            List<Candidate> written = parents.writeAll(c, merge, batch, candidates, rejects);
            children.writeAll(c, merge, batch, written);
            return written.size();
        } catch (SQLException e) {
            throw refusedOrFailed(e);
        }
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
                    if (parents.writeOne(c, s, merge, batch, row, rejects)) {
                        children.writeOneByOne(c, merge, batch, candidate);
                        loaded++;
                    }
                } catch (SQLException e) {
                    savepoints.execute("ROLLBACK TO SAVEPOINT load_row");
                    rejects.add(refusedRow(row, e, null, -1));
                } catch (ChildWriter.ElementRefused e) {
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

    /** A refusal of the row data rolls the batch back for a row-by-row retry; anything else fails the batch. */
    private static RuntimeException refusedOrFailed(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            if (DatabaseReject.of(cause) != null) {
                return new RefusedBatch(cause);
            }
        }
        return new IllegalStateException("The database failed while loading a batch", e);
    }

    @Transactional
    public LoadLedger.Totals totals(long jobId) {
        return ledger.totals(jobId);
    }
}
