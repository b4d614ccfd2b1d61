package io.dataops.loader.service;

import io.dataops.loader.mapping.DuplicateCheck.Provenance;
import io.dataops.loader.mapping.KeyClaims;
import io.dataops.loader.mapping.KeyClaims.Action;
import io.dataops.loader.mapping.KeyClaims.Decision;
import io.dataops.loader.repository.LoadLedger.Reject;
import io.dataops.loader.sql.LoadStatements;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.RowsRejected.RejectedRow;
import io.dataops.model.events.SourceRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch's candidate rows and their children on one connection, in the caller's transaction, with a number
 * of statements that does not grow with the batch (docs/adr/0026-insert-once-lower-row-wins.md):
 * <ol>
 * <li>one JDBC batch INSERT of every row whose key no lower row of the batch took, and one of their children,
 * inside a savepoint: the common case, a batch of new keys, writes each row once and reads nothing;</li>
 * <li>if that INSERT meets the natural key's unique constraint, it is rolled back to the savepoint; one query reads who
 * holds the batch's keys, {@link KeyClaims} decides each row, and at most one DELETE of rewritten parents'
 * children, one multi-row MERGE rewriting stored rows, one INSERT batch of the new rows and one of the children
 * follow.</li>
 * </ol>
 * Any other refusal of the row data comes out as the SQLException, for the caller to roll back and call
 * {@link ChildWriter}'s and this class's row-by-row path, {@link #writeRowByRow}. Plain JDBC, no container: a unit
 * test counts its statements.
 */
class BatchWriter {
    private final ChildWriter children;

    BatchWriter(ChildWriter children) {
        this.children = children;
    }

    /** What a batch wrote: rows now stored by it, rows of its run it displaced, and its rejects. */
    record Written(int loaded, int displaced, List<Reject> rejects) {
    }

    /** Another replica stored one of the batch's keys between the read and the write: the batch is tried again. */
    static final class KeyTakenMeanwhile extends RuntimeException {
        KeyTakenMeanwhile(String what) {
            super(what);
        }
    }

    Written write(Connection c, LoadStatements statements, RowBatch batch, List<Candidate> candidates)
            throws SQLException {
        List<Candidate> rows = inRowOrder(candidates);
        List<Reject> rejects = new ArrayList<>();
        List<Candidate> fresh = new ArrayList<>();
        KeyClaims inBatch = new KeyClaims(statements.naturalKeyName(), Map.of(), batch.fileId(), batch.jobId(),
                batch.mode());
        for (Candidate candidate : rows) {
            Decision decision = inBatch.decide(candidate.row().rowNumber(), statements.naturalKeyOf(candidate.row()));
            if (decision.action() == Action.DUPLICATE) {
                rejects.add(duplicate(statements, candidate.row(), decision));
            } else {
                fresh.add(candidate);
            }
        }
        // a JDBC batch leaves the rows before a failing one written: the savepoint takes them back
        try (var savepoint = c.createStatement()) {
            savepoint.execute("SAVEPOINT load_batch");
            try {
                insert(c, statements, batch, fresh);
            } catch (SQLException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                savepoint.execute("ROLLBACK TO SAVEPOINT load_batch");
                return resolve(c, statements, batch, rows);
            }
        }
        children.insertAll(c, statements.target(), batch, fresh);
        return new Written(fresh.size(), 0, rejects);
    }

    /** Some keys of the batch are stored: decide each row against who holds its key, then write in bulk. */
    private Written resolve(Connection c, LoadStatements statements, RowBatch batch, List<Candidate> rows)
            throws SQLException {
        KeyClaims claims = new KeyClaims(statements.naturalKeyName(), stored(c, statements, rows), batch.fileId(),
                batch.jobId(), batch.mode());
        List<Reject> rejects = new ArrayList<>();
        List<Candidate> inserts = new ArrayList<>();
        List<Candidate> overwrites = new ArrayList<>();
        List<Provenance> expected = new ArrayList<>();
        int displaced = 0;
        for (Candidate candidate : rows) {
            Decision decision = claims.decide(candidate.row().rowNumber(), statements.naturalKeyOf(candidate.row()));
            switch (decision.action()) {
                case INSERT -> inserts.add(candidate);
                case OVERWRITE -> {
                    overwrites.add(candidate);
                    expected.add(decision.stored());
                    if (decision.displaced() != null) {
                        displaced++;
                        rejects.add(displacedReject(statements, decision));
                    }
                }
                case DUPLICATE -> rejects.add(duplicate(statements, candidate.row(), decision));
                case UNCHANGED -> {
                }
            }
        }
        if (!overwrites.isEmpty()) {
            children.deleteAll(c, statements.target(), overwrites.stream()
                    .map(o -> statements.naturalKeyOf(o.row())).toList());
            overwrite(c, statements, batch, overwrites, expected);
        }
        try {
            insert(c, statements, batch, inserts);
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new KeyTakenMeanwhile("a key of batch " + batch.batchNo() + " was stored meanwhile");
            }
            throw e;
        }
        List<Candidate> written = new ArrayList<>(overwrites);
        written.addAll(inserts);
        children.insertAll(c, statements.target(), batch, written);
        return new Written(written.size(), displaced, rejects);
    }

    /**
     * The batch again after the database refused some row's data: the same decisions, each row written on its own
     * inside a savepoint, so only the refused rows (with their children) are rejected. A refused row gives its key back
     * to a higher row of the batch, as a run in row order would.
     */
    Written writeRowByRow(Connection c, LoadStatements statements, RowBatch batch, List<Candidate> candidates,
                          RowRefusal refusal) throws SQLException {
        List<Candidate> rows = inRowOrder(candidates);
        KeyClaims claims = new KeyClaims(statements.naturalKeyName(), stored(c, statements, rows), batch.fileId(),
                batch.jobId(), batch.mode());
        List<Reject> rejects = new ArrayList<>();
        int loaded = 0;
        int displaced = 0;
        try (var savepoints = c.createStatement()) {
            for (Candidate candidate : rows) {
                SourceRow row = candidate.row();
                Decision decision = claims.decide(row.rowNumber(), statements.naturalKeyOf(row));
                if (decision.action() == Action.DUPLICATE) {
                    rejects.add(duplicate(statements, row, decision));
                    continue;
                }
                if (decision.action() == Action.UNCHANGED) {
                    continue;
                }
                // In SQL, not Connection.setSavepoint/rollback(Savepoint): Agroal refuses a rollback of any kind on a
                // connection enlisted in a JTA transaction. Oracle and H2 both take these statements.
                savepoints.execute("SAVEPOINT load_row");
                try {
                    if (decision.action() == Action.OVERWRITE) {
                        children.deleteAll(c, statements.target(), List.of(decision.key()));
                        overwrite(c, statements, batch, List.of(candidate), List.of(decision.stored()));
                    } else {
                        try {
                            insert(c, statements, batch, List.of(candidate));
                        } catch (SQLException e) {
                            if (isUniqueViolation(e)) {
                                throw new KeyTakenMeanwhile("key " + decision.key() + " was stored meanwhile");
                            }
                            throw e;
                        }
                    }
                    children.writeOneByOne(c, statements.target(), batch, candidate);
                    loaded++;
                    if (decision.displaced() != null) {
                        displaced++;
                        rejects.add(displacedReject(statements, decision));
                    }
                } catch (SQLException e) {
                    savepoints.execute("ROLLBACK TO SAVEPOINT load_row");
                    claims.refused(decision);
                    rejects.add(new Reject(refusal.rowReject(row, e, null, -1), null));
                } catch (ChildWriter.ElementRefused e) {
                    savepoints.execute("ROLLBACK TO SAVEPOINT load_row");
                    claims.refused(decision);
                    rejects.add(new Reject(refusal.rowReject(row, e.cause, e.child, e.index), null));
                }
            }
        }
        return new Written(loaded, displaced, rejects);
    }

    /** Turns a refused row into its reject; throws on a failure that is not about the row's data. */
    @FunctionalInterface
    interface RowRefusal {
        RejectedRow rowReject(SourceRow row, SQLException e, io.dataops.model.targets.ChildArray child, int index)
                throws SQLException;
    }

    private static List<Candidate> inRowOrder(List<Candidate> candidates) {
        List<Candidate> rows = new ArrayList<>(candidates);
        rows.sort(Comparator.comparingLong(candidate -> candidate.row().rowNumber()));
        return rows;
    }

    /**
     * New rows as one JDBC batch of a one-row INSERT: measured cheaper than one multi-row INSERT over H2's TCP
     * protocol 21, which sends the batch as one message, as Oracle's driver does (docs/adr/0026).
     */
    private static void insert(Connection c, LoadStatements statements, RowBatch batch, List<Candidate> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(statements.insertSql(1))) {
            for (Candidate candidate : rows) {
                statements.bindRow(s, 1, candidate.row(), batch.fileId(), batch.jobId());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void overwrite(Connection c, LoadStatements statements, RowBatch batch, List<Candidate> rows,
                                  List<Provenance> expected) throws SQLException {
        for (int from = 0; from < rows.size(); from += LoadStatements.ROWS_PER_STATEMENT) {
            int to = Math.min(rows.size(), from + LoadStatements.ROWS_PER_STATEMENT);
            try (PreparedStatement s = c.prepareStatement(statements.overwriteSql(to - from))) {
                int at = 1;
                for (int i = from; i < to; i++) {
                    at = statements.bindOverwrite(s, at, rows.get(i).row(), batch.fileId(), batch.jobId(),
                            expected.get(i));
                }
                int changed = s.executeUpdate();
                if (changed != to - from) {
                    // a row was rewritten by another replica since it was read: decide again from the start
                    throw new KeyTakenMeanwhile("a stored row of batch " + batch.batchNo() + " changed meanwhile");
                }
            }
        }
    }

    /** Who holds each of the rows' keys, in one query per {@link LoadStatements#ROWS_PER_STATEMENT} keys. */
    private static Map<String, Provenance> stored(Connection c, LoadStatements statements, List<Candidate> rows)
            throws SQLException {
        List<String> keys = rows.stream().map(r -> statements.naturalKeyOf(r.row())).filter(k -> k != null)
                .distinct().toList();
        Map<String, Provenance> stored = new HashMap<>();
        for (int from = 0; from < keys.size(); from += LoadStatements.ROWS_PER_STATEMENT) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + LoadStatements.ROWS_PER_STATEMENT));
            try (PreparedStatement s = c.prepareStatement(statements.storedSql(chunk.size()))) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        stored.put(r.getString(1), new Provenance(r.getLong(2), r.getLong(3), r.getLong(4)));
                    }
                }
            }
        }
        return stored;
    }

    private static Reject duplicate(LoadStatements statements, SourceRow row, Decision decision) {
        return new Reject(new RejectedRow(row.rowNumber(), statements.naturalKeyName(), decision.key(),
                RowsRejected.DUPLICATE, decision.reason(), row.raw()), decision.duplicateOfRow());
    }

    /**
     * The reject of a higher row this batch displaced. Its raw text is in another batch, which this one does not
     * have; the row is named by its number, key and message, the same as a run in row order reports it.
     */
    private static Reject displacedReject(LoadStatements statements, Decision decision) {
        return new Reject(new RejectedRow(decision.displaced().rowNumber(), statements.naturalKeyName(), decision.key(),
                RowsRejected.DUPLICATE, decision.displaced().reason(), null), decision.rowNumber());
    }

    /** H2's 23505 and Oracle's ORA-00001, anywhere in the exception's chain. */
    static boolean isUniqueViolation(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            if ("23505".equals(cause.getSQLState()) || cause.getErrorCode() == 1 && "23000".equals(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
