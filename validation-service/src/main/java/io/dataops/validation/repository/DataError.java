package io.dataops.validation.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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
    public long sourceFileId;
    public long jobId;
    public long rowNumber;
    public String rawData;
    public String errorType;
    public String errorMessage;
    public String fieldName;
    public String fieldValue;
    public Instant createdAt;
}
