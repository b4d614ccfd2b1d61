package io.dataops.validation.repository;

import io.dataops.platform.messaging.StageHousekeeping;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.util.List;

/**
 * Validation's CANCELLED_JOBS, and forgetting a deleted file: its DATA_ERRORS, ledgers, run rule snapshots, file
 * keys, quality scores and KNOWN_FILES row.
 */
@Singleton // a client proxy would need a no-args constructor the shared base class does not have
public class FileHousekeeping extends StageHousekeeping {

    public FileHousekeeping(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected List<String> forgetFileStatements() {
        // recorded_rejects and file_keys know jobs, not files: reach them through the file's runs first
        return List.of(
                "DELETE FROM recorded_rejects WHERE job_id IN (SELECT job_id FROM validated_batches WHERE file_id = ?)",
                "DELETE FROM file_keys WHERE job_id IN (SELECT job_id FROM run_rules WHERE file_id = ?)",
                "DELETE FROM run_rules WHERE file_id = ?",
                "DELETE FROM file_quality WHERE file_id = ?",
                "DELETE FROM data_errors WHERE source_file_id = ?",
                "DELETE FROM validated_batches WHERE file_id = ?",
                "DELETE FROM known_files WHERE file_id = ?");
    }
}
