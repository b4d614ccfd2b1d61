package io.dataops.ingest.repository;

import io.dataops.model.status.FileStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** DATA_FILES.status holds the lower-case value ({@link FileStatus#value()}), not the constant's name. */
@Converter(autoApply = true)
public class FileStatusColumn implements AttributeConverter<FileStatus, String> {
    @Override
    public String convertToDatabaseColumn(FileStatus status) {
        return status == null ? null : status.value();
    }

    @Override
    public FileStatus convertToEntityAttribute(String value) {
        if (value == null) {
            return null;
        }
        FileStatus status = FileStatus.of(value);
        if (status == null) {
            throw new IllegalStateException("DATA_FILES.status holds an unknown value: " + value);
        }
        return status;
    }
}
