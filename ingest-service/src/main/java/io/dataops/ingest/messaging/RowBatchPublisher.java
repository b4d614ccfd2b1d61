package io.dataops.ingest.messaging;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.util.concurrent.CompletableFuture;

/**
 * Puts a file's row batches and closing marker on {@code Topics.FILE_ROWS_UPLOADED}, each under its own key
 * ({@code <fileId>-<batchNo>}, {@code <fileId>-end}: {@link FileRowsMessage#partitionKey}), so one file's batches
 * spread over every partition and every validation replica shares a big file (docs/adr/0024-one-file-across-partitions.md).
 */
@ApplicationScoped
public class RowBatchPublisher {
    private final MutinyEmitter<String> rows;

    public RowBatchPublisher(@Channel("file-rows-out") MutinyEmitter<String> rows) {
        this.rows = rows;
    }

    /** Returns once the broker has the message (acks=all), so a run's progress is never ahead of Kafka. */
    public void publish(FileRowsMessage message) {
        rows.sendMessageAndAwait(record(message));
    }

    /**
     * Sends without waiting; the future completes when the broker has the message. The batches land in different
     * partitions and are read in any order: no consumer relies on it.
     */
    public CompletableFuture<Void> send(FileRowsMessage message) {
        return rows.sendMessage(record(message)).subscribeAsCompletionStage();
    }

    private static org.eclipse.microprofile.reactive.messaging.Message<String> record(FileRowsMessage message) {
        return KafkaRecord.of(FileRowsMessage.partitionKey(message), EventCodec.encode(message));
    }
}
