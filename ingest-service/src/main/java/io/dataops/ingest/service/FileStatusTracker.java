package io.dataops.ingest.service;

import io.dataops.ingest.repository.DataFile;
import io.dataops.model.events.PipelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * DATA_FILES.status from pipeline events. Each event sets a state outright, so applying one twice is harmless.
 */
@ApplicationScoped
public class FileStatusTracker {

    @Transactional
    public void apply(PipelineEvent event) {
        DataFile file = DataFile.findById(event.fileId());
        if (file == null) {
            return;
        }
        if (event instanceof PipelineEvent.FileLoaded loaded) {
            file.status = DataFile.COMPLETED;
            file.rowCount = loaded.rowsRead();
            file.processedAt = loaded.at();
            file.errorMessage = null;
        } else if (event instanceof PipelineEvent.FileFailed failed) {
            file.status = DataFile.FAILED;
            file.processedAt = failed.at();
            file.errorMessage = truncate(failed.reason(), 1000);
        } else if (event instanceof PipelineEvent.FileQualityScored scored) {
            file.qualityScore = java.math.BigDecimal.valueOf(scored.score()).setScale(4, java.math.RoundingMode.HALF_UP);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
