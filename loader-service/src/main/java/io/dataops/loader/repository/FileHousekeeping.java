package io.dataops.loader.repository;

import io.dataops.platform.messaging.StageHousekeeping;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.util.List;

/**
 * The loader's CANCELLED_JOBS, and forgetting a deleted file's ledgers (LOADED_BATCHES, LOAD_REJECTS, RUN_CLOSINGS). The loaded
 * rows stay, with their source_file_id provenance.
 */
@Singleton // a client proxy would need a no-args constructor the shared base class does not have
public class FileHousekeeping extends StageHousekeeping {

    public FileHousekeeping(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected List<String> forgetFileStatements() {
        // load_rejects knows jobs, not files: reach them through the file's loaded batches first
        return List.of(
                "DELETE FROM load_rejects WHERE job_id IN (SELECT job_id FROM loaded_batches WHERE file_id = ?)",
                "DELETE FROM loaded_batches WHERE file_id = ?",
                "DELETE FROM run_closings WHERE file_id = ?");
    }
}
