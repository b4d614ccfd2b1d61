package io.dataops.testing;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Comparator;
import java.util.List;

/**
 * A run's messages read from a row topic. Its batches are spread over the partitions (docs/adr/0024), so a test
 * reads until the closing marker and every batch it announces are there, and puts them in file order itself.
 */
public final class RowMessages {

    /** The run's batches by batch number, then its closing marker. */
    public static List<FileRowsMessage> inFileOrder(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> EventCodec.decode(r.value(), FileRowsMessage.class))
                .sorted(Comparator.comparingInt(m -> m instanceof RowBatch batch ? batch.batchNo() : Integer.MAX_VALUE))
                .toList();
    }

    /** Whether the closing marker and as many batches as it announces were read. */
    public static boolean complete(List<ConsumerRecord<String, String>> records) {
        List<FileRowsMessage> messages = inFileOrder(records);
        return !messages.isEmpty() && messages.get(messages.size() - 1) instanceof RowsEnd end
                && messages.stream().filter(m -> m instanceof RowBatch).count() >= end.batchCount();
    }

    private RowMessages() {
    }
}
