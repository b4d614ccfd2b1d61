package io.dataops.validation.messaging;

import io.dataops.model.events.PipelineEvent;
import io.dataops.model.runtime.PipelineEventReader;
import io.dataops.validation.repository.FileHousekeeping;
import io.dataops.validation.repository.KnownFile;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns which files exist from FileUploaded, which jobs were cancelled from JobCancelled, and forgets a file's
 * errors and ledgers on FileDeleted; each is idempotent, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class PipelineEventListener {
    private final FileHousekeeping housekeeping;

    public PipelineEventListener(FileHousekeeping housekeeping) {
        this.housekeeping = housekeeping;
    }

    @Incoming("pipeline-events-in")
    @Blocking
    @Transactional
    public void onEvent(String payload) {
        PipelineEvent event = PipelineEventReader.read(payload).orElse(null);
        if (event == null) {
            return;
        }
        if (event instanceof PipelineEvent.FileUploaded uploaded && KnownFile.findById(uploaded.fileId()) == null) {
            KnownFile file = new KnownFile();
            file.fileId = uploaded.fileId();
            file.originalName = uploaded.originalName();
            file.uploadedAt = uploaded.at();
            file.persist();
        } else if (event instanceof PipelineEvent.JobCancelled cancelled) {
            housekeeping.cancelled(cancelled.jobId(), cancelled.fileId());
        } else if (event instanceof PipelineEvent.FileDeleted deleted) {
            housekeeping.forget(deleted.fileId());
        }
    }
}
