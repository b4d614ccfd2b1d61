package io.dataops.platform.messaging;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.ProgressGate;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.UnreadableEventException;
import io.dataops.model.problem.ProblemException;
import io.dataops.platform.closing.ClosingGate;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * What every row stage does around its own logic, written once (docs/adr/0019): decode the message; drop it if its
 * job was cancelled; count the delivery and give up on a batch that keeps stopping the stage; run the stage's logic,
 * retried, and publish what follows; report progress at most once a second; acknowledge. A message that can never be
 * processed is parked on the dead-letter topic and its run fails with a clear reason, so a partition never stops.
 * <p>
 * A run's batches and its closing marker come in any order, on any replica (docs/adr/0024-one-file-across-partitions.md).
 * After its own work committed, each of them arrives at the run's {@link ClosingGate}; the one that finds the run
 * complete (the marker came and the stage's ledger holds every batch it announced) runs {@link #close(RowsEnd)} with
 * the stored marker, then records the run closed, before it is acknowledged: the closing happens once, whichever
 * replica finishes last, and again only if that message is redelivered before the closing was recorded.
 * <p>
 * A subclass holds only what makes its stage different: {@link #process(RowBatch)} (which writes the batch with its
 * ledger row in one transaction, so a redelivered batch is found done and changes nothing, then sends what follows),
 * {@link #close(RowsEnd)} and {@link #progress(RowBatch)}, and gives the gate the count of its ledger. Its
 * {@code @Incoming} method returns
 * {@link #consume(Message)}; the acknowledgement comes after the database commit and the sends, so the offset never
 * runs ahead of either. The subclass is a {@code @Singleton} (a client proxy would need a no-args constructor).
 */
public abstract class StageConsumer {
    private final String stage;
    private final DeadLetters deadLetters;
    private final StageHousekeeping housekeeping;
    private final PipelineEventPublisher events;
    private final ProgressGate progressGate;
    private final ClosingGate closings;

    /**
     * @param stage    the stage's name in progress events and in a failed run's message ("validation", "loader")
     * @param closings the run's closing row, counting the stage's ledger in batches
     */
    protected StageConsumer(String stage, DeadLetters deadLetters, StageHousekeeping housekeeping,
                            PipelineEventPublisher events, ClosingGate closings) {
        this.stage = stage;
        this.deadLetters = deadLetters;
        this.housekeeping = housekeeping;
        this.events = events;
        this.progressGate = new ProgressGate(1000);
        this.closings = closings;
    }

    /** The stage's logic for one batch: its rows and ledger row in one transaction, then what it sends on. */
    protected abstract void process(RowBatch batch);

    /**
     * The stage's closing work for a run, once every batch the marker announces is in the ledger: called by whichever
     * message completes the run (a batch or the marker), with the marker as it came.
     */
    protected abstract void close(RowsEnd end);

    /** The run's progress as this stage sees it (totals from its ledger). */
    protected abstract PipelineEvent.JobProgressed progress(RowBatch batch);

    protected CompletionStage<Void> consume(Message<String> message) {
        FileRowsMessage rows;
        try {
            rows = EventCodec.decode(message.getPayload(), FileRowsMessage.class);
        } catch (UnreadableEventException e) {
            deadLetters.park(message, e.getMessage());
            failUnreadableRun(message.getPayload(), e.getMessage());
            return message.ack();
        }
        if (housekeeping.isCancelled(rows.jobId())) {
            // a cancelled job's batches and closing marker are dropped: nothing recorded, nothing sent on
            progressGate.forget(rows.jobId());
            return message.ack();
        }
        int deliveries = housekeeping.delivered(rows.jobId(), rows instanceof RowBatch batch ? batch.batchNo() : 0,
                rows.fileId());
        if (deadLetters.deliveredTooOften(deliveries)) {
            deadLetters.park(message, "delivered " + deliveries + " times; the stage stopped each time before finishing it");
            failRun(rows, deadLetters.crashLoopFailure(stage, rows, deliveries));
            return message.ack();
        }
        try {
            deadLetters.retrying(() -> handle(rows));
        } catch (ProblemException e) {
            // e.g. a target this version does not know: retrying can never succeed
            deadLetters.park(message, e.getMessage());
            failRun(rows, e.problem().detail());
        } catch (RuntimeException e) {
            // tried and failed every time: the run cannot finish without this message, so it fails with a clear reason
            deadLetters.park(message, DeadLetters.describe(e));
            failRun(rows, deadLetters.runFailure(stage, rows));
        }
        return message.ack();
    }

    private void handle(FileRowsMessage rows) {
        ClosingGate.Outcome outcome;
        if (rows instanceof RowBatch batch) {
            process(batch);
            if (progressGate.shouldReport(batch.jobId())) {
                events.publish(progress(batch));
            }
            outcome = closings.arrive(batch.jobId(), batch.fileId(), "batch " + batch.batchNo(), null);
        } else {
            RowsEnd end = (RowsEnd) rows;
            outcome = closings.arrive(end.jobId(), end.fileId(), "end",
                    new ClosingGate.Marker(end.batchCount(), EventCodec.encode(end)));
        }
        if (outcome.closes()) {
            close((RowsEnd) EventCodec.decode(outcome.marker(), FileRowsMessage.class));
            closings.closed(rows.jobId());
            progressGate.forget(rows.jobId());
        }
    }

    /**
     * A message that names its run but breaks the event's rules (rows missing, say) is a lost batch: with a file's
     * batches in any order no closing marker can notice the gap, so the run fails here, saying why. A message that
     * does not even name a run only goes to the dead-letter topic.
     */
    private void failUnreadableRun(String payload, String reason) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = READER.readTree(payload);
            long jobId = node.path("jobId").asLong(0);
            long fileId = node.path("fileId").asLong(0);
            if (jobId > 0 && fileId > 0) {
                String which = node.has("batchNo") ? "batch " + node.path("batchNo").asInt() : "a message";
                events.publish(new PipelineEvent.FileFailed(jobId, fileId, stage + " could not read " + which
                        + " of this run (" + reason + "); the message was moved to the dead-letter topic "
                        + io.dataops.model.Topics.DEAD_LETTER, Instant.now()));
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not even JSON: nothing names a run to fail
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper READER = new com.fasterxml.jackson.databind.ObjectMapper();

    private void failRun(FileRowsMessage rows, String reason) {
        events.publish(new PipelineEvent.FileFailed(rows.jobId(), rows.fileId(), reason, Instant.now()));
    }
}
