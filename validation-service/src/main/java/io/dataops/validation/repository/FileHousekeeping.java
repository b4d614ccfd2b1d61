package io.dataops.validation.repository;

import io.dataops.model.events.PipelineEvent;
import io.dataops.platform.messaging.StageHousekeeping;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.util.List;

/**
 * Validation's CANCELLED_JOBS, KNOWN_FILES (learnt from FileUploaded, for the errors API's file names), and
 * forgetting a deleted file: its DATA_ERRORS, ledgers, run rule snapshots, closings, file keys, quality scores and KNOWN_FILES
 * row. Each event is idempotent: a redelivered one changes nothing.
 */
@Singleton // a client proxy would need a no-args constructor the shared base class does not have
public class FileHousekeeping extends StageHousekeeping {

    public FileHousekeeping(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    public void apply(PipelineEvent event) {
        if (event instanceof PipelineEvent.FileUploaded uploaded && KnownFile.findById(uploaded.fileId()) == null) {
            KnownFile file = new KnownFile();
            file.fileId = uploaded.fileId();
            file.originalName = uploaded.originalName();
            file.uploadedAt = uploaded.at();
            file.persist();
        }
        super.apply(event);
    }

    @Override
    protected List<String> forgetFileStatements() {
        // recorded_rejects and file_keys know jobs, not files: reach them through the file's runs first
        return List.of(
                "DELETE FROM recorded_rejects WHERE job_id IN (SELECT job_id FROM validated_batches WHERE file_id = ?)",
                "DELETE FROM file_keys WHERE job_id IN (SELECT job_id FROM run_rules WHERE file_id = ?)",
                "DELETE FROM run_rules WHERE file_id = ?",
                "DELETE FROM run_closings WHERE file_id = ?",
                "DELETE FROM file_quality WHERE file_id = ?",
                "DELETE FROM data_errors WHERE source_file_id = ?",
                "DELETE FROM validated_batches WHERE file_id = ?",
                "DELETE FROM known_files WHERE file_id = ?");
    }
}
