package io.dataops.loader.messaging;

import io.dataops.loader.repository.FileHousekeeping;
import io.dataops.loader.repository.LoadLedger;
import io.dataops.loader.service.BatchLoad;
import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.LoaderReport;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.ProgressGate;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.RowsRejected.RejectedRow;
import io.dataops.model.events.UnreadableEventException;
import io.dataops.model.problem.ProblemException;
import io.dataops.platform.messaging.DeadLetters;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code Topics.FILE_ROWS_VALIDATED}: loads each batch, reports the rows it could not load on
 * {@code Topics.FILE_ROWS_REJECTED}, then acknowledges it (the offset follows the database commit and the send).
 * The closing marker turns the ledger's totals into a {@link LoadFinished} report on the same topic, which
 * validation-service turns into the file's FileLoaded event once the rejects before it are recorded.
 */
@ApplicationScoped
public class ValidatedRowsListener {
    private final BatchLoad loads;
    private final PipelineEventPublisher events;
    private final DeadLetters deadLetters;
    private final MutinyEmitter<String> rejected;
    private final ProgressGate progress = new ProgressGate(1000);
    private final FileHousekeeping housekeeping;

    public ValidatedRowsListener(BatchLoad loads, PipelineEventPublisher events, DeadLetters deadLetters,
                                 @Channel("file-rows-rejected-out") MutinyEmitter<String> rejected,
                                 FileHousekeeping housekeeping) {
        this.housekeeping = housekeeping;
        this.loads = loads;
        this.rejected = rejected;
        this.events = events;
        this.deadLetters = deadLetters;
    }

    @Incoming("file-rows-validated-in")
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
            // a cancelled job's batches and closing marker are dropped: nothing loaded, no FileLoaded
            progress.forget(rows.jobId());
            return message.ack();
        }
        int deliveries = housekeeping.delivered(rows.jobId(), rows instanceof RowBatch batch ? batch.batchNo() : 0,
                rows.fileId());
        if (deadLetters.deliveredTooOften(deliveries)) {
            deadLetters.park(message, "delivered " + deliveries + " times; the stage stopped each time before finishing it");
            events.publish(new PipelineEvent.FileFailed(rows.jobId(), rows.fileId(),
                    deadLetters.crashLoopFailure("loader", rows, deliveries), Instant.now()));
            return message.ack();
        }
        try {
            deadLetters.retrying(() -> process(rows));
        } catch (ProblemException e) {
            deadLetters.park(message, e.getMessage());
            events.publish(new PipelineEvent.FileFailed(rows.jobId(), rows.fileId(), e.problem().detail(), Instant.now()));
        } catch (RuntimeException e) {
            // tried and failed every time: the run cannot finish without this message, so it fails with a clear reason
            deadLetters.park(message, DeadLetters.describe(e));
            events.publish(new PipelineEvent.FileFailed(rows.jobId(), rows.fileId(), deadLetters.runFailure("loader", rows),
                    Instant.now()));
        }
        return message.ack();
    }

    private void process(FileRowsMessage rows) {
        if (rows instanceof RowBatch batch) {
            List<RejectedRow> rejects = loads.load(batch);
            if (!rejects.isEmpty()) {
                report(new RowsRejected(batch.jobId(), batch.fileId(), batch.target(), batch.batchNo(), rejects));
            }
            if (progress.shouldReport(batch.jobId())) {
                LoadLedger.Totals totals = loads.totals(batch.jobId());
                events.publish(new PipelineEvent.JobProgressed(batch.jobId(), batch.fileId(), "loader", 0, 0, 0,
                        totals.rowsLoaded(), Instant.now()));
            }
        } else if (rows instanceof RowsEnd end) {
            progress.forget(end.jobId());
            LoadLedger.Totals totals = loads.totals(end.jobId());
            long rejectedInAll = end.rejectedCount() + totals.rowsRejected();
            // behind this run's rejects on their topic: validation publishes FileLoaded once it has recorded them
            report(new LoadFinished(new PipelineEvent.FileLoaded(end.jobId(), end.fileId(), end.target(),
                    end.rowCount(), end.rowCount() - rejectedInAll, rejectedInAll, totals.rowsLoaded(), Instant.now())));
        }
    }

    private void report(LoaderReport report) {
        rejected.sendMessageAndAwait(KafkaRecord.of(Long.toString(report.fileId()), EventCodec.encode(report)));
    }
}
