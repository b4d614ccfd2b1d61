package io.dataops.loader.messaging;

import io.dataops.loader.repository.FileHousekeeping;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.UnreadableEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Records cancelled jobs (JobCancelled) and forgets a deleted file's ledgers (FileDeleted); other lifecycle events
 * are not the loader's business. Both are idempotent; the offset is committed after the database commit.
 */
@ApplicationScoped
public class PipelineEventListener {
    private static final Logger LOG = Logger.getLogger(PipelineEventListener.class);
    private final FileHousekeeping housekeeping;

    public PipelineEventListener(FileHousekeeping housekeeping) {
        this.housekeeping = housekeeping;
    }

    @Incoming("pipeline-events-in")
    @Blocking
    @Transactional
    public void onEvent(String payload) {
        PipelineEvent event;
        try {
            event = EventCodec.decode(payload, PipelineEvent.class);
        } catch (UnreadableEventException e) {
            LOG.warnf("Skipping a pipeline event this version cannot read: %s", e.getMessage());
            return;
        }
        if (event instanceof PipelineEvent.JobCancelled cancelled) {
            housekeeping.cancelled(cancelled.jobId(), cancelled.fileId());
        } else if (event instanceof PipelineEvent.FileDeleted deleted) {
            housekeeping.forget(deleted.fileId());
        }
    }
}
