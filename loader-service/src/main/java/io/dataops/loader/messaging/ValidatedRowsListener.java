package io.dataops.loader.messaging;

import io.dataops.loader.repository.FileHousekeeping;
import io.dataops.loader.repository.LoadLedger;
import io.dataops.loader.service.BatchLoad;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.LoaderReport;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.RowsRejected.RejectedRow;
import io.dataops.platform.closing.ClosingGate;
import io.dataops.platform.messaging.DeadLetters;
import io.dataops.platform.messaging.PipelineEventPublisher;
import io.dataops.platform.messaging.StageConsumer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code Topics.FILE_ROWS_VALIDATED}: loads each batch and reports the rows it could not load on
 * {@code Topics.FILE_ROWS_REJECTED}. Once every batch the closing marker announces is loaded, whichever message
 * completes the run (on whichever replica) turns the ledger's totals into a {@link LoadFinished} report on the same
 * topic, which validation-service turns into the file's FileLoaded event once every reject it counts is recorded.
 * The rest (cancelled jobs, redeliveries, retries, dead letters, progress, the closing gate, acknowledgement) is the
 * platform's {@link StageConsumer}.
 */
@Singleton
public class ValidatedRowsListener extends StageConsumer {
    private final BatchLoad loads;
    private final MutinyEmitter<String> rejected;

    public ValidatedRowsListener(BatchLoad loads, PipelineEventPublisher events, DeadLetters deadLetters,
                                 @Channel("file-rows-rejected-out") MutinyEmitter<String> rejected,
                                 FileHousekeeping housekeeping, DataSource dataSource) {
        super("loader", deadLetters, housekeeping, events, new ClosingGate(dataSource, "rows",
                "SELECT COUNT(*) FROM loaded_batches WHERE job_id = ?"));
        this.loads = loads;
        this.rejected = rejected;
    }

    @Incoming("file-rows-validated-in")
    @Blocking
    public CompletionStage<Void> onMessage(Message<String> message) {
        return consume(message);
    }

    @Override
    protected void process(RowBatch batch) {
        List<RejectedRow> rejects = loads.load(batch);
        if (!rejects.isEmpty()) {
            report(new RowsRejected(batch.jobId(), batch.fileId(), batch.target(), batch.batchNo(), rejects));
        }
    }

    @Override
    protected void close(RowsEnd end) {
        LoadLedger.Totals totals = loads.totals(end.jobId());
        long rejectedInAll = end.rejectedCount() + totals.rowsRejected();
        // other replicas' rejects may still be on their way: validation publishes FileLoaded once it has recorded
        // as many rejected rows as this report counts
        report(new LoadFinished(new PipelineEvent.FileLoaded(end.jobId(), end.fileId(), end.target(),
                end.rowCount(), end.rowCount() - rejectedInAll, rejectedInAll, totals.rowsLoaded(), Instant.now()),
                totals.rowsRejected(), totals.inFileDuplicates()));
    }

    @Override
    protected PipelineEvent.JobProgressed progress(RowBatch batch) {
        LoadLedger.Totals totals = loads.totals(batch.jobId());
        return new PipelineEvent.JobProgressed(batch.jobId(), batch.fileId(), "loader", 0, 0, 0,
                totals.rowsLoaded(), Instant.now());
    }

    private void report(LoaderReport report) {
        rejected.sendMessageAndAwait(KafkaRecord.of(Long.toString(report.fileId()), EventCodec.encode(report)));
    }
}
