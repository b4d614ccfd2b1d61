package io.dataops.validation.messaging;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.platform.closing.ClosingGate;
import io.dataops.platform.messaging.DeadLetters;
import io.dataops.platform.messaging.PipelineEventPublisher;
import io.dataops.platform.messaging.StageConsumer;
import io.dataops.validation.repository.FileHousekeeping;
import io.dataops.validation.repository.ValidationLedger;
import io.dataops.validation.service.BatchValidation;
import io.dataops.validation.service.FileKeyRetention;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code Topics.FILE_ROWS_UPLOADED}: a batch is validated and committed, then its valid rows are sent on
 * {@code Topics.FILE_ROWS_VALIDATED} under the key they came with. Once every batch the closing marker announces is
 * validated, whichever message completes the run forwards the marker with this stage's totals (the quality score
 * waits for the loader: {@link LoaderRejectsListener}). The rest (cancelled jobs, redeliveries, retries, dead letters,
 * progress, the closing gate, acknowledgement) is the platform's {@link StageConsumer}.
 */
@Singleton
public class FileRowsListener extends StageConsumer {
    /** The run_closings gate of a run's batches from ingest. */
    static final String ROWS_GATE = "rows";

    private final BatchValidation validation;
    private final MutinyEmitter<String> validated;
    private final FileKeyRetention keyRetention;

    public FileRowsListener(BatchValidation validation, @Channel("file-rows-validated-out") MutinyEmitter<String> validated,
                            PipelineEventPublisher events, DeadLetters deadLetters,
                            FileHousekeeping housekeeping, FileKeyRetention keyRetention, DataSource dataSource) {
        super("validation", deadLetters, housekeeping, events, new ClosingGate(dataSource, ROWS_GATE,
                "SELECT COUNT(*) FROM validated_batches WHERE job_id = ?"));
        this.validation = validation;
        this.validated = validated;
        this.keyRetention = keyRetention;
    }

    @Incoming("file-rows-in")
    @Blocking
    public CompletionStage<Void> onMessage(Message<String> message) {
        return consume(message);
    }

    @Override
    protected void process(RowBatch batch) {
        forward(validation.validate(batch));
    }

    @Override
    protected void close(RowsEnd end) {
        forward(validation.closeRows(end));
        keyRetention.runClosed(end.jobId());
    }

    @Override
    protected PipelineEvent.JobProgressed progress(RowBatch batch) {
        ValidationLedger.Totals totals = validation.totals(batch.jobId());
        return new PipelineEvent.JobProgressed(batch.jobId(), batch.fileId(), "validation",
                totals.rowsRead(), totals.rowsValid(), totals.rowsRejected(), 0, Instant.now());
    }

    private void forward(FileRowsMessage message) {
        validated.sendMessageAndAwait(KafkaRecord.of(FileRowsMessage.partitionKey(message), EventCodec.encode(message)));
    }
}
