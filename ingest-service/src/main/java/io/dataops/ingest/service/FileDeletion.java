package io.dataops.ingest.service;

import io.dataops.platform.messaging.PipelineEventPublisher;
import io.dataops.ingest.repository.DataFile;
import io.dataops.ingest.repository.FileRun;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.ProblemException;
import io.dataops.model.status.FileStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Deletes a file: its DATA_FILES and FILE_RUNS rows and its stored content here, and through FileDeleted its errors
 * and ledgers in validation-service and its ledgers in loader-service. Rows already loaded into the targets stay,
 * with {@code source_file_id} naming the deleted file (docs/jobs-and-files.md).
 * <p>
 * FileDeleted is sent inside the transaction that deletes the rows, before its commit: if the broker refuses it
 * nothing is deleted and the caller may retry; a commit failing after the send leaves the file listed while the
 * other stages forgot it, and a retried DELETE finishes the job. The content goes last, after the commit.
 */
@ApplicationScoped
public class FileDeletion {
    private static final Logger LOG = Logger.getLogger(FileDeletion.class);
    private final PipelineEventPublisher events;
    private final FileIngestion files;

    public FileDeletion(PipelineEventPublisher events, FileIngestion files) {
        this.events = events;
        this.files = files;
    }

    public void delete(long fileId, long userId) {
        Path content = QuarkusTransaction.requiringNew().call(() -> {
            DataFile file = DataFile.findById(fileId);
            if (file == null) {
                throw ProblemException.notFound("File", fileId);
            }
            boolean running = file.status == FileStatus.PROCESSING
                    || FileRun.count("fileId = ?1 and state in ?2", fileId, List.of(FileRun.QUEUED, FileRun.EMITTING)) > 0;
            if (running) {
                throw new ProblemException(ErrorCode.FILE_BUSY,
                        "File " + fileId + " is being processed; cancel its job or wait until it ends");
            }
            FileRun.delete("fileId", fileId);
            file.delete();
            events.publish(new PipelineEvent.FileDeleted(fileId, userId, Instant.now()));
            return files.contentOf(file);
        });
        try {
            Files.deleteIfExists(content);
        } catch (IOException e) {
            LOG.warnf(e, "File %d: row deleted but its content %s could not be removed", fileId, content);
        }
    }
}
