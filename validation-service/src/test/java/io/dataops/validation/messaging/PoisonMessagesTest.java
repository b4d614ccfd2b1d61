package io.dataops.validation.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestKafka;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message validation cannot process goes to the dead-letter topic with its reason, and the consumer goes on:
 * the good batch sent after it, on the same partition, is still validated and forwarded.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class PoisonMessagesTest {
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 70);

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void a_batch_whose_rows_are_null_is_parked_with_its_reason_the_next_batch_is_still_validated_and_the_run_fails() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        String key = Long.toString(fileId);
        TestKafka.send(Topics.PIPELINE_EVENTS, key, EventCodec.encode(
                new PipelineEvent.FileUploaded(fileId, "c.csv", "csv", 10, 1, Instant.now())));
        String poison = "{\"type\":\"RowBatch\",\"jobId\":" + jobId + ",\"fileId\":" + fileId
                + ",\"target\":\"customers\",\"batchNo\":1,\"rows\":null}";
        TestKafka.send(Topics.FILE_ROWS_UPLOADED, key, poison);
        // same key, same partition: it can only be validated if the consumer went on after the poison
        RowBatch good = new RowBatch(jobId, fileId, "customers", ValidationRules.none(), 2, List.of(SourceRow.of(3,
                Map.of("customer_code", "P" + fileId, "name", "Pat", "email", "pat@x.io"), "P,Pat,pat@x.io")));
        TestKafka.send(Topics.FILE_ROWS_UPLOADED, key, EventCodec.encode(good));
        TestKafka.send(Topics.FILE_ROWS_UPLOADED, key, EventCodec.encode(new RowsEnd(jobId, fileId, "customers", 2, 1, 0)));

        List<ConsumerRecord<String, String>> parked = TestKafka.readUntil(Topics.DEAD_LETTER, r -> key.equals(r.key()),
                kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).value()).isEqualTo(poison);
        assertThat(header(parked.get(0), "dataops-dlq-reason")).contains("rows must not be null");
        assertThat(header(parked.get(0), "dataops-dlq-source-topic")).isEqualTo(Topics.FILE_ROWS_UPLOADED);
        assertThat(header(parked.get(0), "dataops-dlq-service")).isEqualTo("validation-service");

        List<FileRowsMessage> forwarded = TestKafka.readUntil(Topics.FILE_ROWS_VALIDATED, r -> (key + "-2").equals(r.key()),
                        kept -> !kept.isEmpty(), Duration.ofSeconds(30))
                .stream().map(r -> EventCodec.decode(r.value(), FileRowsMessage.class)).toList();
        assertThat(forwarded).hasSize(1);
        assertThat(((RowBatch) forwarded.get(0)).rows()).extracting(r -> r.values().get("customer_code"))
                .containsExactly("P" + fileId);
        // the run lost batch 1, so it can never close: it fails at once, saying which message
        List<ConsumerRecord<String, String>> failed = TestKafka.readUntil(Topics.PIPELINE_EVENTS,
                r -> EventCodec.decode(r.value(), PipelineEvent.class) instanceof PipelineEvent.FileFailed f && f.jobId() == jobId,
                kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(failed).hasSize(1);
        assertThat(((PipelineEvent.FileFailed) EventCodec.decode(failed.get(0).value(), PipelineEvent.class)).reason())
                .startsWith("validation could not read batch 1 of this run (").contains("rows must not be null")
                .contains(Topics.DEAD_LETTER);
    }
}
