package io.dataops.validation.repository;

import io.dataops.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.Optional;

/** RUN_RULES: the effective rules of a run as resolved for its first batch, read by every later batch. */
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

    public void save(long jobId, long fileId, String target, RunRuleSnapshot snapshot) {
        sql.update("INSERT INTO run_rules (job_id, file_id, target, rules, as_of) VALUES (?, ?, ?, ?, ?)",
                jobId, fileId, target, snapshot.rulesJson(), snapshot.asOf());
    }
}
