package io.dataops.loader.service;

import io.dataops.loader.mapping.DatabaseReject;
import io.dataops.loader.repository.LoadLedger;
import io.dataops.loader.sql.LoadStatements;
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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads one batch of valid rows and records the batch and its rejects in the ledger, all in one transaction. A
 * batch already in the ledger is skipped whole: a redelivery changes nothing. The batches of one file may come in
 * any order, on any replica; within a file the lower row number keeps a key
 * (docs/adr/0026-insert-once-lower-row-wins.md).
 * <ol>
 * <li>{@link ReferenceCheck} rejects rows with a dangling reference or an unreadable nested array before anything
 * is written.</li>
 * <li>{@link BatchWriter} writes the other rows and their children with a few statements (JDBC batches), whatever the
 * batch's size: a plain INSERT, and only if it meets a stored key, a look-up of who holds the batch's keys and the
 * decision of each row.</li>
 * <li>If the database refuses a row's data (a value too large for a column, a constraint), the whole transaction is
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
    private final BatchWriter writer = new BatchWriter(new ChildWriter());
    /** Built once per target: the statements' text depends only on the target and the number of rows. */
    private final Map<String, LoadStatements> statements = new ConcurrentHashMap<>();

    BatchLoad(DataSource dataSource, LoadLedger ledger, ReferenceCheck references) {
        this.sql = new Sql(dataSource);
        this.ledger = ledger;
        this.references = references;
    }

    /** The database refused something in a batch; thrown to roll the batch back and load it row by row. */
    static final class RefusedBatch extends RuntimeException {
        RefusedBatch(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** @return the batch's rejected rows, read from the ledger, so a redelivery reports them again */
    public List<RejectedRow> load(RowBatch batch) {
        LoadStatements target = statements.computeIfAbsent(batch.target(),
                name -> new LoadStatements(TargetTables.require(name)));
        try {
            return QuarkusTransaction.requiringNew().call(() -> loadInTransaction(batch, target, false));
        } catch (RefusedBatch e) {
            LOG.infof("Job %d batch %d: the database refused part of the batch (%s); loading it row by row",
                    batch.jobId(), batch.batchNo(), DatabaseReject.of((SQLException) e.getCause()));
            return QuarkusTransaction.requiringNew().call(() -> loadInTransaction(batch, target, true));
        }
    }

    private List<RejectedRow> loadInTransaction(RowBatch batch, LoadStatements target, boolean rowByRow) {
        if (ledger.contains(batch.jobId(), batch.batchNo())) {
            return ledger.rejects(batch.jobId(), batch.batchNo());
        }
        List<RejectedRow> checked = new ArrayList<>();
        List<Candidate> candidates = references.candidates(target.target(), batch, checked);
        BatchWriter.Written written = candidates.isEmpty() ? new BatchWriter.Written(0, 0, List.of())
                : sql.withConnection(c -> rowByRow
                ? writer.writeRowByRow(c, target, batch, candidates, BatchLoad::refusedRow)
                : writeInOneGo(c, target, batch, candidates));
        List<LoadLedger.Reject> rejects = new ArrayList<>(written.rejects());
        checked.forEach(reject -> rejects.add(new LoadLedger.Reject(reject, null)));
        rejects.sort(Comparator.comparingLong(reject -> reject.row().rowNumber()));
        ledger.record(batch.jobId(), batch.batchNo(), batch.fileId(), batch.rows().size(), written.loaded(),
                written.displaced(), rejects);
        return rejects.stream().map(LoadLedger.Reject::row).toList();
    }

    private BatchWriter.Written writeInOneGo(Connection c, LoadStatements target, RowBatch batch,
                                             List<Candidate> candidates) {
        try {
            return writer.write(c, target, batch, candidates);
        } catch (SQLException e) {
            throw refusedOrFailed(e);
        }
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
