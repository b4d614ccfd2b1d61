package io.dataops.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A row of FILE_RUNS: one processing run of a file, the emitter's durable to-do item. */
@Entity
@Table(name = "file_runs")
public class FileRun extends PanacheEntityBase {
    public static final String QUEUED = "queued";
    public static final String EMITTING = "emitting";
    public static final String EMITTED = "emitted";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    @Id
    public long jobId;
    public long fileId;
    public String targetTable;
    /** The run's validation rules as JSON (EventCodec form). */
    public String rules;
    /** The run's load mode, LoadMode's wire name: insert or upsert. */
    public String loadMode = "insert";
    public String state;
    /** "," ";" "|" or "tab"; null for JSON files. */
    public String delimiter;
    public String encoding;
    public int batchesEmitted;
    public long rowsEmitted;
    public Instant createdAt;

    public static boolean cancelled(long jobId) {
        return count("jobId = ?1 and state = ?2", jobId, CANCELLED) > 0;
    }

    public static List<FileRun> unfinished() {
        return list("state in ?1 order by createdAt", List.of(QUEUED, EMITTING));
    }
}
