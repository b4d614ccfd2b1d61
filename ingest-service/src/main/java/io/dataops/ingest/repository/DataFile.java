package io.dataops.ingest.repository;

import io.dataops.model.status.FileStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of DATA_FILES: one uploaded file and where its processing stands. */
@Entity
@Table(name = "data_files")
public class DataFile extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String filename;
    public String originalName;
    public String fileType;
    public long fileSize;
    public String sha256;
    public Long rowCount;
    public FileStatus status;
    public long uploadedBy;
    public Instant uploadedAt;
    public Instant processedAt;
    public String errorMessage;
    /** validation-service's score of the newest run (FileQualityScored), 0..1; null until one is scored. */
    public java.math.BigDecimal qualityScore;
}
