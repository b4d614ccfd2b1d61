package io.dataops.validation.messaging;

import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.LoaderReport;
import io.dataops.model.events.RowsRejected;
import io.dataops.platform.messaging.DeadLetters;
import io.dataops.platform.messaging.PipelineEventPublisher;
import io.dataops.validation.service.BatchValidation;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code Topics.FILE_ROWS_REJECTED}: the loader's rejects, recorded like any other row error, and its
 * closing report, published as the file's FileLoaded only now, when every reject before it is in DATA_ERRORS.
 * These reports are not a run's batches (no cancellation or delivery count applies: recording them twice changes
 * nothing), so they take the platform's plain path: decode, retry, park what never succeeds, acknowledge.
 */
@ApplicationScoped
public class LoaderRejectsListener {
    private final BatchValidation validation;
    private final DeadLetters deadLetters;
    private final PipelineEventPublisher events;

    public LoaderRejectsListener(BatchValidation validation, DeadLetters deadLetters, PipelineEventPublisher events) {
        this.validation = validation;
        this.deadLetters = deadLetters;
        this.events = events;
    }

    @Incoming("file-rows-rejected-in")
    @Blocking
    public CompletionStage<Void> onMessage(Message<String> message) {
        deadLetters.consume(message, LoaderReport.class, this::record);
        return message.ack();
    }

    private void record(LoaderReport report) {
        if (report instanceof RowsRejected rejected) {
            validation.recordLoaderRejects(rejected);
        } else if (report instanceof LoadFinished finished) {
            events.publish(finished.loaded());
        }
    }
}
