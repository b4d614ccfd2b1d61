package io.dataops.validation.repository;

import io.dataops.platform.jdbc.DataAccessException;
import io.dataops.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.Optional;

/** RUN_RULES: the effective rules of a run as resolved for the first of its batches to come, read by every other. */
@ApplicationScoped
public class RunRuleStore {
    private final Sql sql;

    public RunRuleStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** A run's effective rules as resolved for its first batch. */
    public record RunRuleSnapshot(String rulesJson, LocalDate asOf) {
    }

    public Optional<RunRuleSnapshot> find(long jobId) {
        return sql.one("SELECT rules, as_of FROM run_rules WHERE job_id = ?",
                r -> new RunRuleSnapshot(r.getString(1), r.getDate(2).toLocalDate()), jobId);
    }

    /**
     * Stores this snapshot unless the run has one, and answers the run's snapshot. Two replicas resolving the first
     * batches of a run at once meet at the primary key: the second waits for the first's commit, fails, and reads
     * the first's snapshot, so a run has one rule set whichever batch came first. Call in a transaction of its own.
     */
    public RunRuleSnapshot saveFirst(long jobId, long fileId, String target, RunRuleSnapshot snapshot) {
        try {
            sql.update("INSERT INTO run_rules (job_id, file_id, target, rules, as_of) VALUES (?, ?, ?, ?, ?)",
                    jobId, fileId, target, snapshot.rulesJson(), snapshot.asOf());
            return snapshot;
        } catch (DataAccessException e) {
            // ORA-00001 and H2's 23505 both have SQLState class 23
            if (e.sqlState() == null || !e.sqlState().startsWith("23")) {
                throw e;
            }
            return find(jobId).orElseThrow(() -> e);
        }
    }
}
