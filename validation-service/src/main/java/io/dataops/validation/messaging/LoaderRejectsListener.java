package io.dataops.validation.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.LoaderReport;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.UnreadableEventException;
import io.dataops.platform.messaging.DeadLetters;
import io.dataops.validation.service.BatchValidation;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code Topics.FILE_ROWS_REJECTED}: the loader's rejects, recorded like any other row error, and its
 * closing report, published as the file's FileLoaded only now, when every reject before it is in DATA_ERRORS.
 */
@ApplicationScoped
public class LoaderRejectsListener {
    private final BatchValidation validation;
    private final DeadLetters deadLetters;
    private final PipelineEventPublisher events;

    public LoaderRejectsListener(BatchValidation validation, DeadLetters deadLetters,
                                 PipelineEventPublisher events) {
        this.validation = validation;
        this.deadLetters = deadLetters;
        this.events = events;
    }

    @Incoming("file-rows-rejected-in")
    @Blocking
    public CompletionStage<Void> onMessage(Message<String> message) {
        LoaderReport report;
        try {
            report = EventCodec.decode(message.getPayload(), LoaderReport.class);
        } catch (UnreadableEventException e) {
            deadLetters.park(message, e.getMessage());
            return message.ack();
        }
        try {
            deadLetters.retrying(() -> {
                if (report instanceof RowsRejected rejected) {
                    validation.recordLoaderRejects(rejected);
                } else if (report instanceof LoadFinished finished) {
                    events.publish(finished.loaded());
                }
            });
        } catch (RuntimeException e) {
            deadLetters.park(message, DeadLetters.describe(e));
        }
        return message.ack();
    }
}
