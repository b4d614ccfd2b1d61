package io.dataops.testing;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), run from Kafka's own jars
 * inside the test JVM: the same broker ./dataops runs as a process, without Docker.
 */
public final class InJvmKafka {
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private InJvmKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    public static InJvmKafka start() {
        try {
            Path dir = Files.createTempDirectory("dataops-kafka");
            int port = freePort();
            int controllerPort = freePort();
            Properties props = brokerProperties(dir, port, controllerPort);
            Path config = dir.resolve("server.properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "in-JVM test broker");
            }
            format(config);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
            server.startup();
            return new InJvmKafka(server, "localhost:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Broker settings for one node; also documented in deploy/local/kafka.properties for ./dataops. */
    static Properties brokerProperties(Path dir, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dir.resolve("data").toString());
        // as many as the deployed row topics: a file's batches spread over them (docs/adr/0024), so the tests of
        // several batches meet several partitions and their consumers see them out of order
        props.put("num.partitions", "12");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        return props;
    }

    private static void format(Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(
                new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                new PrintStream(output));
        if (exit != 0) {
            throw new IllegalStateException("Kafka storage format failed: " + output);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void stop() {
        server.shutdown();
        server.awaitShutdown();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
