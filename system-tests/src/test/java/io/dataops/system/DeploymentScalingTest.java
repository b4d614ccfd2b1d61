package io.dataops.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads deploy/k8s and each service's application.properties and checks what scaling a stage on its lag needs
 * (deploy/k8s/README.md, "Scaling notes"): the stage topics exist with 12 partitions before anything starts, each
 * ScaledObject watches the consumer group its service really joins on that service's main topic, and no stage may
 * scale past the partitions that would give each replica work. A plain JUnit test: nothing is started. The
 * expected stages, groups and topics come from docs/architecture.md, not from the files under test.
 */
class DeploymentScalingTest {
    /** deployment → its consumer group and the topic whose lag it scales on (docs/architecture.md). */
    private static final Map<String, List<String>> STAGES = Map.of(
            "validation-service", List.of("validation-service", "dataops.file-rows.uploaded"),
            "loader-service", List.of("loader-service", "dataops.file-rows.validated"),
            "job-service", List.of("job-service", "dataops.pipeline.events"),
            "report-service", List.of("report-service", "dataops.pipeline.events"));
    private static final int PARTITIONS = 12;

    private static Path root;
    private static List<Map<String, Object>> k8s;

    @BeforeAll
    static void readTheFiles() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docker-compose.yml"))) {
            root = root.getParent();
        }
        k8s = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    if (document != null) {
                        k8s.add(map(document));
                    }
                }
            }
        }
    }

    @Test
    void the_topic_job_creates_both_stage_topics_with_twelve_partitions() {
        Map<String, Object> container = map(list(path(only("Job", "dataops-kafka-topics"), "spec", "template", "spec")
                .get("containers")).get(0));
        String script = String.join("\n", list(container.get("args")).stream().map(String::valueOf).toList());
        String partitions = list(container.get("env")).stream().map(DeploymentScalingTest::map)
                .filter(e -> "PARTITIONS".equals(e.get("name"))).map(e -> String.valueOf(e.get("value")))
                .findFirst().orElse(null);

        assertThat(partitions).isEqualTo(String.valueOf(PARTITIONS));
        assertThat(script).contains("--partitions \"$PARTITIONS\"")
                .contains("dataops.file-rows.uploaded").contains("dataops.file-rows.validated")
                .contains("dataops.pipeline.events");
    }

    @Test
    void each_stage_scales_on_the_consumer_group_its_service_joins_on_its_main_topic() throws IOException {
        for (Map.Entry<String, List<String>> stage : STAGES.entrySet()) {
            Map<String, Object> trigger = kafkaTrigger(stage.getKey());
            String group = stage.getValue().get(0);
            String topic = stage.getValue().get(1);

            assertThat(trigger.get("consumerGroup")).as(stage.getKey()).isEqualTo(group);
            assertThat(trigger.get("topic")).as(stage.getKey()).isEqualTo(topic);
            assertThat(groupsReading(stage.getKey(), topic)).as(stage.getKey() + " reads " + topic).containsOnly(group);
        }
    }

    @Test
    void no_stage_scales_past_the_partitions_of_its_topic_and_every_one_has_a_lag_threshold() {
        for (String deployment : STAGES.keySet()) {
            Map<String, Object> spec = path(only("ScaledObject", deployment), "spec");

            assertThat(((Number) spec.get("maxReplicaCount")).intValue()).as(deployment)
                    .isBetween(1, PARTITIONS);
            assertThat(((Number) spec.get("minReplicaCount")).intValue()).as(deployment).isEqualTo(1);
            assertThat(Integer.parseInt(String.valueOf(kafkaTrigger(deployment).get("lagThreshold")))).as(deployment)
                    .isPositive();
            assertThat(kafkaTrigger(deployment).get("allowIdleConsumers")).as(deployment).isEqualTo("false");
        }
    }

    /** The group ids the service's incoming channels on this topic set in its application.properties. */
    private static List<String> groupsReading(String service, String topic) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                root.resolve(service + "/src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        Pattern channelTopic = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");
        List<String> groups = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = channelTopic.matcher(key);
            if (m.matches() && topic.equals(properties.getProperty(key))) {
                groups.add(properties.getProperty("mp.messaging.incoming." + m.group(1) + ".group.id"));
            }
        }
        return groups;
    }

    private static Map<String, Object> kafkaTrigger(String deployment) {
        return list(path(only("ScaledObject", deployment), "spec").get("triggers")).stream()
                .map(DeploymentScalingTest::map).filter(t -> "kafka".equals(t.get("type")))
                .map(t -> map(t.get("metadata"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> only(String kind, String name) {
        List<Map<String, Object>> found = k8s.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(path(d, "metadata").get("name"))).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static Map<String, Object> path(Map<String, Object> from, String... keys) {
        Map<String, Object> at = from;
        for (String key : keys) {
            at = at == null ? null : map(at.get(key));
        }
        return at;
    }
}
