package io.dataops.validation.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.UnreadableEventException;
import io.dataops.validation.service.BatchValidation;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** Consumes {@code Topics.FILE_ROWS_REJECTED}: the loader's rejects, recorded like any other row error. */
@ApplicationScoped
public class LoaderRejectsListener {
    private final BatchValidation validation;
    private final DeadLetterPublisher deadLetters;

    public LoaderRejectsListener(BatchValidation validation, DeadLetterPublisher deadLetters) {
        this.validation = validation;
        this.deadLetters = deadLetters;
    }

    @Incoming("file-rows-rejected-in")
    @Blocking
    public CompletionStage<Void> onMessage(Message<String> message) {
        try {
            validation.recordLoaderRejects(EventCodec.decode(message.getPayload(), RowsRejected.class));
        } catch (UnreadableEventException e) {
                deadLetters.park(message, e.getMessage());
        }
        return message.ack();
    }
}
