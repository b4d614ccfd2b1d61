package io.dataops.validation.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of DATA_ERRORS, read side (rows are written in JDBC batches by {@link DataErrorWriter}). */
@Entity
@Table(name = "data_errors")
public class DataError extends PanacheEntityBase {
    @Id
    public Long id;
    @Column(name = "source_file_id")
    public long sourceFileId;
    @Column(name = "job_id")
    public long jobId;
    @Column(name = "row_number")
    public long rowNumber;
    @Column(name = "raw_data")
    public String rawData;
    @Column(name = "error_type")
    public String errorType;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "field_name")
    public String fieldName;
    @Column(name = "field_value")
    public String fieldValue;
    @Column(name = "created_at")
    public Instant createdAt;
}
