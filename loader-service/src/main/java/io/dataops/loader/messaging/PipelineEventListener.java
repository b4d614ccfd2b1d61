package io.dataops.loader.messaging;

import io.dataops.loader.repository.FileHousekeeping;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.Topics;
import io.dataops.platform.messaging.DeadLetters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records cancelled jobs (JobCancelled) and forgets a deleted file's ledgers (FileDeleted); other lifecycle events
 * are not the loader's business. Both are idempotent; the offset is committed after the database commit.
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
        if (event instanceof PipelineEvent.JobCancelled cancelled) {
            housekeeping.cancelled(cancelled.jobId(), cancelled.fileId());
        } else if (event instanceof PipelineEvent.FileDeleted deleted) {
            housekeeping.forget(deleted.fileId());
        }
    }
}
