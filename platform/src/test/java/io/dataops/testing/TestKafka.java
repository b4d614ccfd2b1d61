package io.dataops.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Plain Kafka clients on the test broker, for tests that play another stage of the pipeline. Each read starts at the
 * beginning of the topic, so a record published before the read began is found too.
 */
public final class TestKafka {

    public static void send(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", KafkaBrokerResource.bootstrapServers(),
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the topic until {@code done} holds for the records kept. When the timeout passes first it fails with what
     * it did collect: a wait that ends quietly would let the assertions after it judge a half-read topic.
     */
    public static List<ConsumerRecord<String, String>> readUntil(String topic, Predicate<ConsumerRecord<String, String>> keep,
                                                                 Predicate<List<ConsumerRecord<String, String>>> done,
                                                                 Duration timeout) {
        List<ConsumerRecord<String, String>> kept = read(topic, keep, done, timeout);
        if (!done.test(kept)) {
            throw new AssertionError("Waited " + timeout + " on " + topic + " and the records read are still not enough; "
                    + kept.size() + " kept: " + values(kept));
        }
        return kept;
    }

    /**
     * Every record kept during the whole of {@code window}: for a test that counts what a run emitted in all, where
     * no single record says the run is over.
     */
    public static List<ConsumerRecord<String, String>> readFor(String topic, Predicate<ConsumerRecord<String, String>> keep,
                                                               Duration window) {
        return read(topic, keep, kept -> false, window);
    }

    /** Fails as soon as a record {@code forbidden} matches shows up on the topic within {@code window}. */
    public static void assertNothingArrives(String topic, Predicate<ConsumerRecord<String, String>> forbidden,
                                            Duration window) {
        List<ConsumerRecord<String, String>> arrived = read(topic, forbidden, kept -> !kept.isEmpty(), window);
        if (!arrived.isEmpty()) {
            throw new AssertionError("Expected nothing on " + topic + " within " + window + ", got: " + values(arrived));
        }
    }

    private static List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> keep,
                                                             Predicate<List<ConsumerRecord<String, String>>> done,
                                                             Duration timeout) {
        List<ConsumerRecord<String, String>> kept = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (System.currentTimeMillis() < deadline && !done.test(kept)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (keep.test(record)) {
                        kept.add(record);
                    }
                }
            }
        }
        return kept;
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        // a row batch can be long: enough of each record to recognise it
        return records.stream().map(r -> r.key() + "=" + (r.value().length() > 300 ? r.value().substring(0, 300) + "..." : r.value()))
                .toList();
    }

    private TestKafka() {
    }
}
