package io.dataops.loader.messaging;

import io.dataops.loader.repository.FileHousekeeping;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.runtime.PipelineEventReader;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records cancelled jobs (JobCancelled) and forgets a deleted file's ledgers (FileDeleted); other lifecycle events
 * are not the loader's business. Both are idempotent; the offset is committed after the database commit.
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
        if (event instanceof PipelineEvent.JobCancelled cancelled) {
            housekeeping.cancelled(cancelled.jobId(), cancelled.fileId());
        } else if (event instanceof PipelineEvent.FileDeleted deleted) {
            housekeeping.forget(deleted.fileId());
        }
    }
}
