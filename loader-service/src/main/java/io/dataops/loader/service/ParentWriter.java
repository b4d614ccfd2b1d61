package io.dataops.loader.service;

import io.dataops.loader.mapping.DuplicateCheck;
import io.dataops.loader.sql.MergeStatement;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.RowsRejected.RejectedRow;
import io.dataops.model.events.SourceRow;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes parent rows with the target's MERGE. A row that met a stored key is a DUPLICATE unless it is the same row
 * of the same file again (or, in upsert mode, it updates the row another file stored): the stored row's provenance
 * decides ({@link DuplicateCheck}).
 */
@ApplicationScoped
class ParentWriter {

    /** One JDBC batch for all candidates; returns those written, adds a DUPLICATE reject for each that was not. */
    List<Candidate> writeAll(Connection c, MergeStatement merge, RowBatch batch, List<Candidate> candidates,
                             List<RejectedRow> rejects) throws SQLException {
        int[] counts;
        try (PreparedStatement s = c.prepareStatement(merge.sql())) {
            for (Candidate candidate : candidates) {
                merge.bind(s, candidate.row(), batch.fileId(), batch.jobId());
                s.addBatch();
            }
            counts = s.executeBatch();
        }
        List<Candidate> written = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            Candidate candidate = candidates.get(i);
            // Oracle may answer SUCCESS_NO_INFO for batched statements; then the row went in
            if (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
                written.add(candidate);
            } else {
                addDuplicate(c, merge, batch, candidate.row(), rejects);
            }
        }
        return written;
    }

    /** One row with the prepared MERGE {@code s}; false (and a DUPLICATE reject where it is one) when it was not written. */
    boolean writeOne(Connection c, PreparedStatement s, MergeStatement merge, RowBatch batch, SourceRow row,
                     List<RejectedRow> rejects) throws SQLException {
        merge.bind(s, row, batch.fileId(), batch.jobId());
        if (s.executeUpdate() > 0) {
            return true;
        }
        addDuplicate(c, merge, batch, row, rejects);
        return false;
    }

    private static void addDuplicate(Connection c, MergeStatement merge, RowBatch batch, SourceRow row,
                                     List<RejectedRow> rejects) throws SQLException {
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
                if (reason != null) {
                    rejects.add(new RejectedRow(row.rowNumber(), merge.naturalKeyName(), key, RowsRejected.DUPLICATE,
                            reason, row.raw()));
                }
            }
        }
    }
}
