package io.dataops.report.repository;

import io.dataops.model.status.FileStatus;
import io.dataops.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The dashboard's read model (DASHBOARD_FILES, DASHBOARD_JOBS), kept with MERGE. Loaded rows are counted per job
 * and summed, so a re-run that loads nothing new does not hide what the first run loaded; errors are the file's
 * latest run, because a re-run reports the same bad rows again. so every event can be applied
 * any number of times. A finished job or file is never moved back by a late event.
 */
@ApplicationScoped
public class DashboardModel {
    /** A job whose processing was requested and has not started: the dashboard's word for job-service's pending. */
    public static final String QUEUED = "queued";

    private final Sql sql;

    public DashboardModel(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public void fileUploaded(long fileId, Instant at) {
        sql.update("MERGE INTO dashboard_files f USING (SELECT CAST(? AS NUMBER(19)) AS file_id, CAST(? AS TIMESTAMP) AS at FROM dual) s"
                + " ON (f.file_id = s.file_id)"
                + " WHEN NOT MATCHED THEN INSERT (file_id, status, uploaded_at) VALUES (s.file_id, 'uploaded', s.at)",
                fileId, Timestamp.from(at));
    }

    public void fileStatus(long fileId, FileStatus status, Instant at) {
        sql.update("MERGE INTO dashboard_files f USING (SELECT CAST(? AS NUMBER(19)) AS file_id, CAST(? AS VARCHAR2(20 CHAR)) AS status,"
                + " CAST(? AS TIMESTAMP) AS at FROM dual) s ON (f.file_id = s.file_id)"
                + " WHEN MATCHED THEN UPDATE SET f.status = s.status"
                + " WHEN NOT MATCHED THEN INSERT (file_id, status, uploaded_at) VALUES (s.file_id, s.status, s.at)",
                fileId, status.value(), Timestamp.from(at));
    }

    public void fileLoaded(long fileId, String target, long loaded, long rejected, Instant at) {
        sql.update("MERGE INTO dashboard_files f USING (SELECT CAST(? AS NUMBER(19)) AS file_id, CAST(? AS VARCHAR2(50 CHAR)) AS target_table,"
                + " CAST(? AS NUMBER(19)) AS rows_loaded, CAST(? AS NUMBER(19)) AS rows_rejected, CAST(? AS TIMESTAMP) AS at FROM dual) s"
                + " ON (f.file_id = s.file_id)"
                + " WHEN MATCHED THEN UPDATE SET f.status = 'completed', f.target_table = s.target_table,"
                + " f.rows_loaded = s.rows_loaded, f.rows_rejected = s.rows_rejected, f.processed_at = s.at"
                + " WHEN NOT MATCHED THEN INSERT (file_id, status, uploaded_at, processed_at, target_table, rows_loaded, rows_rejected)"
                + " VALUES (s.file_id, 'completed', s.at, s.at, s.target_table, s.rows_loaded, s.rows_rejected)",
                fileId, target, loaded, rejected, Timestamp.from(at));
    }

    /**
     * Moves a job to {@code status} unless it already finished; {@code queued} never overwrites anything.
     * Answers whether the row changed, so the caller can leave the file alone when the event was stale.
     */
    public boolean jobStatus(long jobId, long fileId, String status, Instant at) {
        // MERGE counts only rows it inserted or updated: a WHEN MATCHED row filtered out by WHERE counts 0
        // in Oracle and in H2 alike.
        return sql.update("MERGE INTO dashboard_jobs j USING (SELECT CAST(? AS NUMBER(19)) AS job_id, CAST(? AS NUMBER(19)) AS file_id,"
                + " CAST(? AS VARCHAR2(20 CHAR)) AS status, CAST(? AS TIMESTAMP) AS at FROM dual) s ON (j.job_id = s.job_id)"
                + " WHEN MATCHED THEN UPDATE SET j.status = s.status, j.updated_at = s.at"
                + "   WHERE j.status NOT IN ('completed', 'failed', 'cancelled') AND s.status <> 'queued'"
                + " WHEN NOT MATCHED THEN INSERT (job_id, file_id, status, updated_at) VALUES (s.job_id, s.file_id, s.status, s.at)",
                jobId, fileId, status, Timestamp.from(at)) > 0;
    }

    /** The job's target, from the events that name it; the row exists (jobStatus ran first for the same event). */
    public void jobTarget(long jobId, String target) {
        sql.update("UPDATE dashboard_jobs SET target_table = ? WHERE job_id = ?", target, jobId);
    }

    /**
     * Rows the job put into its target so far. Progress only raises it (events carry totals); {@code last} (the
     * job's FileLoaded) sets the authoritative count.
     */
    public void jobLoaded(long jobId, String target, long loaded, boolean last) {
        sql.update("UPDATE dashboard_jobs SET rows_loaded = " + (last ? "?" : "GREATEST(rows_loaded, ?)")
                + ", target_table = COALESCE(?, target_table) WHERE job_id = ?", loaded, target, jobId);
    }

    /** A deleted file leaves the file counts; the rows its jobs loaded stay in the targets, and in the counts. */
    public void fileDeleted(long fileId) {
        sql.update("DELETE FROM dashboard_files WHERE file_id = ?", fileId);
    }

    public record Stats(long filesTotal, long filesToday, long filesProcessing, long filesFailed, long customers,
                        long orders, long errorsTotal, long errorsToday, long jobsRunning, long jobsQueued) {
    }

    public Stats stats(Instant startOfToday) {
        String query = "SELECT"
                + " (SELECT COUNT(*) FROM dashboard_files),"
                + " (SELECT COUNT(*) FROM dashboard_files WHERE uploaded_at >= ?),"
                + " (SELECT COUNT(*) FROM dashboard_files WHERE status = 'processing'),"
                + " (SELECT COUNT(*) FROM dashboard_files WHERE status = 'failed'),"
                + " (SELECT COALESCE(SUM(rows_loaded), 0) FROM dashboard_jobs WHERE target_table = 'customers'),"
                + " (SELECT COALESCE(SUM(rows_loaded), 0) FROM dashboard_jobs WHERE target_table = 'orders'),"
                + " (SELECT COALESCE(SUM(rows_rejected), 0) FROM dashboard_files),"
                + " (SELECT COALESCE(SUM(rows_rejected), 0) FROM dashboard_files WHERE processed_at >= ?),"
                + " (SELECT COUNT(*) FROM dashboard_jobs WHERE status = 'running'),"
                + " (SELECT COUNT(*) FROM dashboard_jobs WHERE status = 'queued')"
                + " FROM dual";
        Timestamp today = Timestamp.from(startOfToday);
        return sql.one(query, r -> new Stats(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10)), today, today).orElseThrow();
    }
}
