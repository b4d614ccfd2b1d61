package io.dataops.validation.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** A row of FILE_QUALITY, read side (written by {@link QualityStore#record}). */
@Entity
public class FileQuality extends PanacheEntityBase {
    @Id
    public long jobId;
    public long fileId;
    public String target;
    public long rowsRead;
    public long cellsTotal;
    public long cellsFilled;
    public long rowsValid;
    public long distinctKeys;
    public BigDecimal completeness;
    public BigDecimal validity;
    public BigDecimal uniqueness;
    public BigDecimal qualityScore;
    public Instant computedAt;

    /** The newest run's score of a file, or of the given run. */
    public static FileQuality latest(long fileId, Long jobId) {
        return jobId == null
                ? FileQuality.<FileQuality>find("fileId = ?1 order by computedAt desc, jobId desc", fileId).firstResult()
                : FileQuality.<FileQuality>find("fileId = ?1 and jobId = ?2", fileId, jobId).firstResult();
    }
}
