package io.dataops.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
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
    public static final String UPLOADED = "uploaded";
    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String filename;
    @Column(name = "original_name")
    public String originalName;
    @Column(name = "file_type")
    public String fileType;
    @Column(name = "file_size")
    public long fileSize;
    public String sha256;
    @Column(name = "row_count")
    public Long rowCount;
    public String status;
    @Column(name = "uploaded_by")
    public long uploadedBy;
    @Column(name = "uploaded_at")
    public Instant uploadedAt;
    @Column(name = "processed_at")
    public Instant processedAt;
    @Column(name = "error_message")
    public String errorMessage;
    /** validation-service's score of the newest run (FileQualityScored), 0..1; null until one is scored. */
    @Column(name = "quality_score")
    public java.math.BigDecimal qualityScore;
}
