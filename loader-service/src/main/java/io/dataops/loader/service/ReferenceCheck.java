package io.dataops.loader.service;

import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.RowsRejected.RejectedRow;
import io.dataops.model.events.SourceRow;
import io.dataops.model.targets.ChildArray;
import io.dataops.model.targets.ChildRows;
import io.dataops.model.targets.Reference;
import io.dataops.model.targets.TargetTable;
import io.dataops.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which rows of a batch may be written: a row whose reference column names no loaded row (an order's
 * unknown customer_code) is rejected as REFERENCE, one whose nested array cannot be read as TYPE, before anything
 * is written.
 */
@ApplicationScoped
class ReferenceCheck {
    /** Oracle accepts at most 1000 expressions in an IN list. */
    private static final int IN_LIST = 500;

    private final Sql sql;

    ReferenceCheck(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Adds the rejected rows to {@code rejects}; returns the others, in batch order. */
    List<Candidate> candidates(TargetTable target, RowBatch batch, List<RejectedRow> rejects) {
        Map<Reference, Set<String>> known = new HashMap<>();
        for (Reference reference : target.references()) {
            known.put(reference, existingKeys(reference, batch.rows()));
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
    private Set<String> existingKeys(Reference reference, List<SourceRow> rows) {
        List<String> wanted = rows.stream().map(r -> trimmed(r.values().get(reference.column())))
                .filter(v -> v != null).distinct().toList();
        Set<String> found = new HashSet<>();
        for (int from = 0; from < wanted.size(); from += IN_LIST) {
            List<String> chunk = wanted.subList(from, Math.min(wanted.size(), from + IN_LIST));
            // table and key name come from the target catalogue, never from the request
            found.addAll(sql.list("SELECT " + reference.key() + " FROM " + reference.table() + " WHERE "
                    + reference.key() + " IN (" + String.join(", ", chunk.stream().map(v -> "?").toList()) + ")",
                    r -> r.getString(1), chunk.toArray()));
        }
        return found;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
