package io.dataops.validation.messaging;

import io.dataops.model.events.PipelineEvent;
import io.dataops.model.Topics;
import io.dataops.platform.messaging.DeadLetters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.dataops.validation.repository.FileHousekeeping;
import io.dataops.validation.repository.KnownFile;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns which files exist from FileUploaded, which jobs were cancelled from JobCancelled, and forgets a file's
 * errors and ledgers on FileDeleted; each is idempotent, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class PipelineEventListener {
    private final FileHousekeeping housekeeping;
    private final DeadLetters deadLetters;

    public PipelineEventListener(FileHousekeeping housekeeping, DeadLetters deadLetters) {
        this.housekeeping = housekeeping;
        this.deadLetters = deadLetters;
    }

    @Incoming("pipeline-events-in")
    @Blocking
    public void onEvent(String payload) {
        // each try in its own transaction: a failed one rolls back before the next (or before the event is parked)
        deadLetters.consume(Topics.PIPELINE_EVENTS, payload, PipelineEvent.class,
                event -> QuarkusTransaction.requiringNew().run(() -> apply(event)));
    }

    private void apply(PipelineEvent event) {
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
