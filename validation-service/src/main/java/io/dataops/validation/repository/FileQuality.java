package io.dataops.validation.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** A row of FILE_QUALITY, read side (written by {@link QualityStore#record}). */
@Entity
@Table(name = "file_quality")
public class FileQuality extends PanacheEntityBase {
    @Id
    @Column(name = "job_id")
    public long jobId;
    @Column(name = "file_id")
    public long fileId;
    public String target;
    @Column(name = "rows_read")
    public long rowsRead;
    @Column(name = "cells_total")
    public long cellsTotal;
    @Column(name = "cells_filled")
    public long cellsFilled;
    @Column(name = "rows_valid")
    public long rowsValid;
    @Column(name = "distinct_keys")
    public long distinctKeys;
    public BigDecimal completeness;
    public BigDecimal validity;
    public BigDecimal uniqueness;
    @Column(name = "quality_score")
    public BigDecimal qualityScore;
    @Column(name = "computed_at")
    public Instant computedAt;

    /** The newest run's score of a file, or of the given run. */
    public static FileQuality latest(long fileId, Long jobId) {
        return jobId == null
                ? FileQuality.<FileQuality>find("fileId = ?1 order by computedAt desc, jobId desc", fileId).firstResult()
                : FileQuality.<FileQuality>find("fileId = ?1 and jobId = ?2", fileId, jobId).firstResult();
    }
}
