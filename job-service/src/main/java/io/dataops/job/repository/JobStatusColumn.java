package io.dataops.job.repository;

import io.dataops.model.status.JobStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** JOBS.status holds the lower-case value ({@link JobStatus#value()}), not the constant's name. */
@Converter(autoApply = true)
public class JobStatusColumn implements AttributeConverter<JobStatus, String> {
    @Override
    public String convertToDatabaseColumn(JobStatus status) {
        return status == null ? null : status.value();
    }

    @Override
    public JobStatus convertToEntityAttribute(String value) {
        if (value == null) {
            return null;
        }
        JobStatus status = JobStatus.of(value);
        if (status == null) {
            throw new IllegalStateException("JOBS.status holds an unknown value: " + value);
        }
        return status;
    }
}
