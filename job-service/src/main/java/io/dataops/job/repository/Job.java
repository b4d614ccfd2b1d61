package io.dataops.job.repository;

import io.dataops.model.status.JobStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of JOBS: one run of work (a file's processing, later a scheduled pull) and how far it got. */
@Entity
@Table(name = "jobs")
public class Job extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String jobName;
    public String jobType;
    public JobStatus status;
    public Long fileId;
    public Long startedBy;
    public Instant createdAt;
    public Instant startedAt;
    public Instant completedAt;
    /** JSON text. */
    public String parameters;
    /** JSON text. */
    public String result;
    public String errorMessage;
    public long rowsRead;
    public long rowsValid;
    public long rowsRejected;
    public long rowsLoaded;
    /** Rows ingest has read from the file so far (ahead of rowsRead, which counts validated rows). */
    public long rowsIngested;
    public long bytesRead;
    public Long bytesTotal;
    /** The file's row count, known once ingest finished reading it. */
    public Long rowsTotal;
    public Long cancelledBy;

    public boolean finished() {
        return status != null && status.finished();
    }
}
