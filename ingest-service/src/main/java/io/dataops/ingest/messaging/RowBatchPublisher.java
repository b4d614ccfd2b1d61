package io.dataops.ingest.messaging;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Puts a file's row batches and closing marker on {@code Topics.FILE_ROWS_UPLOADED}, keyed by file id. */
@ApplicationScoped
public class RowBatchPublisher {
    private final MutinyEmitter<String> rows;

    public RowBatchPublisher(@Channel("file-rows-out") MutinyEmitter<String> rows) {
        this.rows = rows;
    }

    /** Returns once the broker has the message (acks=all), so a run's progress is never ahead of Kafka. */
    public void publish(FileRowsMessage message) {
        rows.sendMessageAndAwait(KafkaRecord.of(Long.toString(message.fileId()), EventCodec.encode(message)));
    }
}
