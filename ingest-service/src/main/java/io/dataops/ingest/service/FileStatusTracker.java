package io.dataops.ingest.service;

import io.dataops.ingest.repository.DataFile;
import io.dataops.ingest.repository.FileRun;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.status.FileStatus;
import io.dataops.platform.messaging.PipelineEventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * DATA_FILES.status from pipeline events. Each event sets a state outright, so applying one twice is harmless.
 */
@ApplicationScoped
public class FileStatusTracker implements PipelineEventHandler {

    @Override
    @Transactional
    public void apply(PipelineEvent event) {
        if (event instanceof PipelineEvent.JobCancelled cancelled) {
            cancel(cancelled);
            return;
        }
        DataFile file = DataFile.findById(event.fileId());
        if (file == null) {
            return;
        }
        Long jobId = event instanceof PipelineEvent.FileLoaded l ? Long.valueOf(l.jobId())
                : event instanceof PipelineEvent.FileFailed f ? Long.valueOf(f.jobId()) : null;
        if (jobId != null && FileRun.cancelled(jobId)) {
            // a stage that finished the cancelled run's last batch anyway does not reopen the file
            return;
        }
        if (event instanceof PipelineEvent.FileLoaded loaded) {
            file.status = FileStatus.COMPLETED;
            file.rowCount = loaded.rowsRead();
            file.processedAt = loaded.at();
            file.errorMessage = null;
        } else if (event instanceof PipelineEvent.FileFailed failed) {
            file.status = FileStatus.FAILED;
            file.processedAt = failed.at();
            file.errorMessage = truncate(failed.reason(), 1000);
        } else if (event instanceof PipelineEvent.FileQualityScored scored) {
            file.qualityScore = java.math.BigDecimal.valueOf(scored.score()).setScale(4, java.math.RoundingMode.HALF_UP);
        }
    }

    /**
     * The run stops (its state is the emitter's stop sign) and the file says cancelled, unless a newer run of the
     * same file has started since: then the file belongs to that run.
     */
    private static void cancel(PipelineEvent.JobCancelled cancelled) {
        FileRun run = FileRun.findById(cancelled.jobId());
        if (run == null) {
            return;
        }
        if (FileRun.QUEUED.equals(run.state) || FileRun.EMITTING.equals(run.state) || FileRun.EMITTED.equals(run.state)) {
            run.state = FileRun.CANCELLED;
        }
        boolean newerRun = FileRun.count("fileId = ?1 and createdAt > ?2", run.fileId, run.createdAt) > 0;
        DataFile file = DataFile.findById(run.fileId);
        if (file != null && !newerRun && file.status == FileStatus.PROCESSING) {
            file.status = FileStatus.CANCELLED;
            file.processedAt = cancelled.at();
            file.errorMessage = null;
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
