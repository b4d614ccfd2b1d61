package io.dataops.validation.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.ProgressGate;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.UnreadableEventException;
import io.dataops.model.problem.ProblemException;
import io.dataops.platform.messaging.DeadLetters;
import io.dataops.validation.repository.FileHousekeeping;
import io.dataops.validation.repository.ValidationLedger;
import io.dataops.validation.rules.QualityScore;
import io.dataops.validation.service.BatchValidation;
import io.dataops.validation.service.FileKeyRetention;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code Topics.FILE_ROWS_UPLOADED}. A batch is validated and committed, then its valid rows are sent
 * on; only then is the message acknowledged, so the offset never runs ahead of the database or of the next topic.
 */
@ApplicationScoped
public class FileRowsListener {
    private final BatchValidation validation;
    private final MutinyEmitter<String> validated;
    private final PipelineEventPublisher events;
    private final DeadLetters deadLetters;
    private final ProgressGate progress = new ProgressGate(1000);
    private final FileHousekeeping housekeeping;
    private final FileKeyRetention keyRetention;

    public FileRowsListener(BatchValidation validation, @Channel("file-rows-validated-out") MutinyEmitter<String> validated,
                            PipelineEventPublisher events, DeadLetters deadLetters,
                            FileHousekeeping housekeeping, FileKeyRetention keyRetention) {
        this.housekeeping = housekeeping;
        this.keyRetention = keyRetention;
        this.validation = validation;
        this.validated = validated;
        this.events = events;
        this.deadLetters = deadLetters;
    }

    @Incoming("file-rows-in")
    @Blocking
    public CompletionStage<Void> onMessage(Message<String> message) {
        FileRowsMessage rows;
        try {
            rows = EventCodec.decode(message.getPayload(), FileRowsMessage.class);
        } catch (UnreadableEventException e) {
            deadLetters.park(message, e.getMessage());
            return message.ack();
        }
        if (housekeeping.isCancelled(rows.jobId())) {
            // a cancelled job's batches and closing marker are dropped: nothing recorded, nothing forwarded
            progress.forget(rows.jobId());
            return message.ack();
        }
        int deliveries = housekeeping.delivered(rows.jobId(), rows instanceof RowBatch batch ? batch.batchNo() : 0,
                rows.fileId());
        if (deadLetters.deliveredTooOften(deliveries)) {
            deadLetters.park(message, "delivered " + deliveries + " times; the stage stopped each time before finishing it");
            events.publish(new PipelineEvent.FileFailed(rows.jobId(), rows.fileId(),
                    deadLetters.crashLoopFailure("validation", rows, deliveries), Instant.now()));
            return message.ack();
        }
        try {
            deadLetters.retrying(() -> process(rows));
        } catch (ProblemException e) {
            // e.g. a target this version does not know: retrying can never succeed
            deadLetters.park(message, e.getMessage());
            events.publish(new PipelineEvent.FileFailed(rows.jobId(), rows.fileId(), e.problem().detail(), Instant.now()));
        } catch (RuntimeException e) {
            // tried and failed every time: the run cannot finish without this message, so it fails with a clear reason
            deadLetters.park(message, DeadLetters.describe(e));
            events.publish(new PipelineEvent.FileFailed(rows.jobId(), rows.fileId(), deadLetters.runFailure("validation", rows),
                    Instant.now()));
        }
        return message.ack();
    }

    private void process(FileRowsMessage rows) {
        if (rows instanceof RowBatch batch) {
            forward(validation.validate(batch));
            if (progress.shouldReport(batch.jobId())) {
                ValidationLedger.Totals totals = validation.totals(batch.jobId());
                events.publish(new PipelineEvent.JobProgressed(batch.jobId(), batch.fileId(), "validation",
                        totals.rowsRead(), totals.rowsValid(), totals.rowsRejected(), 0, Instant.now()));
            }
        } else if (rows instanceof RowsEnd end) {
            BatchValidation.Closing closing = validation.close(end);
            forward(closing.forward());
            progress.forget(end.jobId());
            keyRetention.runClosed(end.jobId());
            QualityScore q = closing.quality();
            events.publish(new PipelineEvent.FileQualityScored(end.jobId(), end.fileId(), q.rows(),
                    q.completeness().doubleValue(), q.validity().doubleValue(), q.uniqueness().doubleValue(),
                    q.score().doubleValue(), Instant.now()));
        }
    }

    private void forward(FileRowsMessage message) {
        validated.sendMessageAndAwait(KafkaRecord.of(Long.toString(message.fileId()), EventCodec.encode(message)));
    }
}
