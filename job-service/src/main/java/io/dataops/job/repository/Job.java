package io.dataops.job.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Set;

/** A row of JOBS: one run of work (a file's processing, later a scheduled pull) and how far it got. */
@Entity
@Table(name = "jobs")
public class Job extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final Set<String> FINISHED = Set.of(COMPLETED, FAILED, CANCELLED);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "job_name")
    public String jobName;
    @Column(name = "job_type")
    public String jobType;
    public String status;
    @Column(name = "file_id")
    public Long fileId;
    @Column(name = "started_by")
    public Long startedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    /** JSON text. */
    public String parameters;
    /** JSON text. */
    public String result;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "rows_read")
    public long rowsRead;
    @Column(name = "rows_valid")
    public long rowsValid;
    @Column(name = "rows_rejected")
    public long rowsRejected;
    @Column(name = "rows_loaded")
    public long rowsLoaded;
    /** Rows ingest has read from the file so far (ahead of rowsRead, which counts validated rows). */
    @Column(name = "rows_ingested")
    public long rowsIngested;
    @Column(name = "bytes_read")
    public long bytesRead;
    @Column(name = "bytes_total")
    public Long bytesTotal;
    /** The file's row count, known once ingest finished reading it. */
    @Column(name = "rows_total")
    public Long rowsTotal;
    @Column(name = "cancelled_by")
    public Long cancelledBy;

    public boolean finished() {
        return FINISHED.contains(status);
    }
}
