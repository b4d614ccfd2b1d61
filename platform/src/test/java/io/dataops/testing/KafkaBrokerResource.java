package io.dataops.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts one {@link InJvmKafka} per test JVM and points the service at it. Every test class of a module
 * shares the broker; tests keep apart by using their own file and job ids.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    private static final String BOOTSTRAP_PROPERTY = "dataops.test.kafka.bootstrap";

    @Override
    public synchronized Map<String, String> start() {
        String bootstrap = System.getProperty(BOOTSTRAP_PROPERTY);
        if (bootstrap == null) {
            InJvmKafka kafka = InJvmKafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-test-broker-stop"));
            bootstrap = kafka.bootstrapServers();
            System.setProperty(BOOTSTRAP_PROPERTY, bootstrap);
        }
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by the shutdown hook
    }

    public static String bootstrapServers() {
        return System.getProperty(BOOTSTRAP_PROPERTY);
    }
}
