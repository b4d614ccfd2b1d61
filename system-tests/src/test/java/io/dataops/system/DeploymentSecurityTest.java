package io.dataops.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the deployment files (docker-compose.yml, deploy/kafka, deploy/k8s, deploy/prometheus, the Dockerfiles) and
 * checks what the security review asked of them: Kafka only with SASL and per-service ACLs, Redis with a password, a
 * size limit on every emptyDir, and health, metrics and OpenAPI on each service's management port only, which probes
 * and Prometheus use and nothing publishes or routes (docs/adr/0023).
 * A plain JUnit test: nothing is started. The expected ACLs are written here from the platform's topic design
 * (who produces and who consumes each topic), not read from the files under test.
 */
class DeploymentSecurityTest {
    private static final List<String> SERVICES = List.of("gateway", "ingest", "validation", "loader", "job", "report");
    /** Service -> its public port (README, "What runs where"); its management port is this plus 1000. */
    private static final Map<String, Integer> PUBLIC_PORTS = Map.of("gateway", 8080, "ingest", 8081, "validation", 8082,
            "loader", 8083, "job", 8084, "report", 8085);

    private static int managementPort(String service) {
        return PUBLIC_PORTS.get(service) + 1000;
    }

    /** Topic -> the users that may write it. */
    private static final Map<String, Set<String>> WRITERS = Map.of(
            "dataops.file-rows.uploaded", Set.of("dataops-ingest"),
            "dataops.file-rows.validated", Set.of("dataops-validation"),
            "dataops.file-rows.rejected", Set.of("dataops-loader"),
            "dataops.pipeline.events", Set.of("dataops-ingest", "dataops-validation", "dataops-loader", "dataops-job"),
            "dataops.audit", serviceUsers(),
            "dataops.dead-letter", serviceUsers(),
            "dataops.files.inbound", Set.of("dataops-inbound"));
    /** Topic -> the users that may read it (the consumers). */
    private static final Map<String, Set<String>> READERS = Map.of(
            "dataops.file-rows.uploaded", Set.of("dataops-validation"),
            "dataops.file-rows.validated", Set.of("dataops-loader"),
            "dataops.file-rows.rejected", Set.of("dataops-validation"),
            "dataops.pipeline.events", Set.of("dataops-ingest", "dataops-validation", "dataops-loader", "dataops-job",
                    "dataops-report"),
            "dataops.audit", Set.of("dataops-gateway"));
    /** User -> its one consumer group. */
    private static final Map<String, String> GROUPS = Map.of(
            "dataops-gateway", "gateway-audit", "dataops-ingest", "ingest-service",
            "dataops-validation", "validation-service", "dataops-loader", "loader-service",
            "dataops-job", "job-service", "dataops-report", "report-service");

    private static Path root;
    private static Map<String, Object> compose;
    private static List<Map<String, Object>> k8s;

    private static Set<String> serviceUsers() {
        Set<String> users = new HashSet<>();
        SERVICES.forEach(s -> users.add("dataops-" + s));
        return users;
    }

    /** The expected grants as "user operation resource name". */
    private static Set<String> expectedGrants() {
        Set<String> grants = new HashSet<>();
        WRITERS.forEach((topic, users) -> users.forEach(u -> grants.add(u + " Write topic " + topic)));
        READERS.forEach((topic, users) -> users.forEach(u -> grants.add(u + " Read topic " + topic)));
        GROUPS.forEach((user, group) -> grants.add(user + " Read group " + group));
        return grants;
    }

    @BeforeAll
    static void readTheFiles() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docker-compose.yml"))) {
            root = root.getParent();
        }
        compose = yaml().load(Files.readString(root.resolve("docker-compose.yml")));
        k8s = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : yaml().loadAll(Files.readString(file))) {
                    if (document != null) {
                        k8s.add(map(document));
                    }
                }
            }
        }
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(options);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static Map<String, Object> service(String name) {
        return map(map(compose.get("services")).get(name));
    }

    private static Map<String, Object> path(Map<String, Object> from, String... keys) {
        Map<String, Object> at = from;
        for (String key : keys) {
            at = at == null ? null : map(at.get(key));
        }
        return at;
    }

    // ---------------------------------------------------------------------------------------------------------
    // docker-compose.yml and deploy/kafka
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void the_compose_broker_has_no_listener_without_sasl_a_client_can_reach_and_denies_what_no_acl_grants()
            throws IOException {
        Map<String, Object> kafka = service("kafka");
        assertThat(String.valueOf(kafka.get("entrypoint"))).contains("/etc/dataops/kafka/start-broker.sh");
        // the image's KAFKA_* variables would write a second configuration: only ours may configure listeners
        assertThat(map(kafka.get("environment")).keySet()).noneMatch(k -> k.startsWith("KAFKA_LISTENER")
                || k.equals("KAFKA_ADVERTISED_LISTENERS"));
        assertThat(list(kafka.get("ports"))).allSatisfy(p -> assertThat(String.valueOf(p)).startsWith("127.0.0.1:"));

        Properties broker = new Properties();
        try (Reader in = Files.newBufferedReader(root.resolve("deploy/kafka/server.properties"))) {
            broker.load(in);
        }
        Map<String, String> protocolOf = new LinkedHashMap<>();
        for (String entry : broker.getProperty("listener.security.protocol.map").split(",")) {
            String[] nameAndProtocol = entry.trim().split(":");
            protocolOf.put(nameAndProtocol[0], nameAndProtocol[1]);
        }
        Matcher listener = Pattern.compile("(\\w+)://([^:,]*):(\\d+)").matcher(broker.getProperty("listeners"));
        int listeners = 0;
        while (listener.find()) {
            listeners++;
            String protocol = protocolOf.get(listener.group(1));
            assertThat(protocol).as("listener %s", listener.group(1)).isNotNull();
            if (!protocol.startsWith("SASL_")) {
                assertThat(listener.group(2)).as("listener %s without SASL", listener.group(1))
                        .isIn("127.0.0.1", "localhost");
            }
        }
        assertThat(listeners).isEqualTo(3);
        assertThat(protocolOf.values()).doesNotContain("PLAINTEXT", "SSL");
        assertThat(broker.getProperty("sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
        assertThat(broker.getProperty("authorizer.class.name")).isNotBlank();
        assertThat(broker.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
        assertThat(broker.getProperty("super.users").split(";"))
                .containsExactlyInAnyOrder("User:dataops-admin", "User:dataops-controller");
    }

    @Test
    void every_compose_service_logs_in_to_kafka_as_its_own_user_and_to_redis_with_the_password() {
        for (String name : SERVICES) {
            Map<String, Object> env = map(service(name + "-service").get("environment"));
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL")).as(name).isEqualTo("SASL_PLAINTEXT");
            assertThat(env.get("KAFKA_SASL_MECHANISM")).as(name).isEqualTo("SCRAM-SHA-512");
            assertThat(String.valueOf(env.get("KAFKA_SASL_JAAS_CONFIG"))).as(name)
                    .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required ")
                    .contains("username=\"dataops-" + name + "\"")
                    .contains("password=\"${DATAOPS_KAFKA_" + name.toUpperCase() + "_PASSWORD:?");
            assertThat(String.valueOf(env.get("QUARKUS_REDIS_PASSWORD"))).as(name).startsWith("${DATAOPS_REDIS_PASSWORD:?");
        }
    }

    @Test
    void compose_redis_requires_a_password_and_listens_on_loopback_only() {
        Map<String, Object> redis = service("redis");
        assertThat(String.valueOf(redis.get("command"))).contains("requirepass").contains("$$DATAOPS_REDIS_PASSWORD");
        assertThat(String.valueOf(map(redis.get("environment")).get("DATAOPS_REDIS_PASSWORD")))
                .startsWith("${DATAOPS_REDIS_PASSWORD:?");
        assertThat(String.valueOf(map(redis.get("healthcheck")).get("test"))).contains("REDISCLI_AUTH");
        assertThat(list(redis.get("ports"))).allSatisfy(p -> assertThat(String.valueOf(p)).startsWith("127.0.0.1:"));
    }

    @Test
    void every_secret_compose_needs_is_listed_in_env_example_without_a_value() throws IOException {
        String composeText = Files.readString(root.resolve("docker-compose.yml"));
        Set<String> required = new HashSet<>();
        Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(composeText);
        while (variable.find()) {
            required.add(variable.group(1));
        }
        assertThat(required).contains("DATAOPS_REDIS_PASSWORD", "DATAOPS_KAFKA_ADMIN_PASSWORD",
                "DATAOPS_KAFKA_INBOUND_PASSWORD");
        List<String> example = Files.readAllLines(root.resolve(".env.example"));
        for (String name : required) {
            assertThat(example).as(name).contains(name + "=");
        }
        assertThat(example).filteredOn(l -> !l.startsWith("#") && l.contains("="))
                .allSatisfy(l -> assertThat(l).as("no value is committed").endsWith("="));
    }

    @Test
    void the_compose_acl_script_grants_exactly_the_platform_table() throws IOException {
        String script = Files.readString(root.resolve("deploy/kafka/grant-acls.sh"));
        String table = script.substring(script.indexOf("ACLS='") + 6, script.indexOf("'", script.indexOf("ACLS='") + 6));
        Set<String> grants = new HashSet<>();
        for (String line : table.strip().split("\n")) {
            grants.add(String.join(" ", line.trim().split("\\s+")));
        }
        assertThat(grants).containsExactlyInAnyOrderElementsOf(expectedGrants());
        // the one shot that runs the script is given each user's own password
        Map<String, Object> env = map(service("kafka-acls").get("environment"));
        for (String user : Set.of("gateway", "ingest", "validation", "loader", "job", "report", "inbound")) {
            String variable = "DATAOPS_KAFKA_" + user.toUpperCase() + "_PASSWORD";
            assertThat(String.valueOf(env.get(variable))).as(variable).startsWith("${" + variable + ":?");
        }
    }

    @Test
    void no_compose_service_publishes_a_management_port_and_prometheus_scrapes_the_management_ports()
            throws IOException {
        for (String name : SERVICES) {
            List<Object> ports = list(service(name + "-service").get("ports"));
            assertThat(ports).as(name).isNotEmpty();
            for (Object port : ports) {
                // "host:container" or "ip:host:container": the container side is the last part
                String[] parts = String.valueOf(port).split(":");
                assertThat(Integer.parseInt(parts[parts.length - 1])).as("%s publishes %s", name, port)
                        .isEqualTo(PUBLIC_PORTS.get(name));
            }
        }
        for (Map.Entry<String, Object> other : map(compose.get("services")).entrySet()) {
            for (Object port : list(map(other.getValue()).get("ports"))) {
                assertThat(String.valueOf(port)).as(other.getKey()).doesNotMatch(".*:90(8[0-5])$");
            }
        }
        Map<String, Object> prometheus = yaml().load(Files.readString(root.resolve("deploy/prometheus/prometheus.yml")));
        Map<String, Object> job = list(prometheus.get("scrape_configs")).stream().map(DeploymentSecurityTest::map)
                .filter(j -> "dataops-services".equals(j.get("job_name"))).findFirst().orElseThrow();
        assertThat(job.get("metrics_path")).isEqualTo("/q/metrics");
        Set<String> targets = new HashSet<>();
        for (Object config : list(job.get("static_configs"))) {
            list(map(config).get("targets")).forEach(t -> targets.add(String.valueOf(t)));
        }
        Set<String> expected = new HashSet<>();
        SERVICES.forEach(s -> expected.add(s + "-service:" + managementPort(s)));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void every_image_checks_health_on_its_management_port_and_exposes_only_the_public_port() throws IOException {
        for (String name : SERVICES) {
            List<String> lines = Files.readAllLines(root.resolve(name + "-service/src/main/docker/Dockerfile.jvm"));
            assertThat(lines).as(name).filteredOn(l -> l.startsWith("EXPOSE"))
                    .containsExactly("EXPOSE " + PUBLIC_PORTS.get(name));
            assertThat(String.join("\n", lines)).as(name)
                    .contains("${QUARKUS_MANAGEMENT_PORT:-" + managementPort(name) + "}/q/health/ready")
                    .contains("-Dquarkus.management.host=0.0.0.0");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // deploy/k8s
    // ---------------------------------------------------------------------------------------------------------

    private static List<Map<String, Object>> ofKind(String kind) {
        return k8s.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static String name(Map<String, Object> resource) {
        return String.valueOf(path(resource, "metadata").get("name"));
    }

    private static Map<String, Object> podSpec(Map<String, Object> workload) {
        return path(workload, "spec", "template", "spec");
    }

    @Test
    void every_empty_dir_of_every_pod_has_a_size_limit() {
        List<Map<String, Object>> workloads = new ArrayList<>(ofKind("Deployment"));
        workloads.addAll(ofKind("Job"));
        assertThat(ofKind("Deployment")).hasSize(SERVICES.size());
        int emptyDirs = 0;
        for (Map<String, Object> workload : workloads) {
            for (Object volume : list(podSpec(workload).get("volumes"))) {
                Map<String, Object> v = map(volume);
                if (v.containsKey("emptyDir")) {
                    emptyDirs++;
                    assertThat(v.get("emptyDir")).as("%s volume %s", name(workload), v.get("name")).isNotNull();
                    assertThat(map(v.get("emptyDir")).get("sizeLimit")).as("%s volume %s", name(workload), v.get("name"))
                            .isNotNull();
                }
            }
        }
        assertThat(emptyDirs).isGreaterThanOrEqualTo(SERVICES.size());
    }

    @Test
    void every_k8s_service_logs_in_to_kafka_with_its_own_users_secret_and_to_redis_with_a_password() {
        Map<String, Object> shared = path(ofKind("ConfigMap").stream()
                .filter(c -> name(c).equals("dataops-shared")).findFirst().orElseThrow(), "data");
        assertThat(shared.get("KAFKA_SECURITY_PROTOCOL")).isIn("SASL_PLAINTEXT", "SASL_SSL");
        assertThat(shared.get("KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
        for (String service : SERVICES) {
            Map<String, Object> deployment = ofKind("Deployment").stream()
                    .filter(d -> name(d).equals(service + "-service")).findFirst().orElseThrow();
            Map<String, Map<String, Object>> env = new LinkedHashMap<>();
            for (Object container : list(podSpec(deployment).get("containers"))) {
                for (Object variable : list(map(container).get("env"))) {
                    env.put(String.valueOf(map(variable).get("name")), map(variable));
                }
            }
            Map<String, Object> jaas = path(env.get("KAFKA_SASL_JAAS_CONFIG"), "valueFrom", "secretKeyRef");
            assertThat(jaas).as(service).containsEntry("name", "dataops-" + service).containsEntry("key", "sasl.jaas.config");
            Map<String, Object> redis = path(env.get("QUARKUS_REDIS_PASSWORD"), "valueFrom", "secretKeyRef");
            assertThat(redis).as(service).containsEntry("name", "dataops-redis").containsEntry("key", "password");
        }
    }

    @Test
    void the_kafka_users_acls_are_exactly_the_platform_table_and_the_topic_job_may_only_create_topics() {
        Set<String> grants = new HashSet<>();
        for (Map<String, Object> user : ofKind("KafkaUser")) {
            assertThat(path(user, "spec", "authentication").get("type")).isEqualTo("scram-sha-512");
            for (Object entry : list(path(user, "spec", "authorization").get("acls"))) {
                Map<String, Object> acl = map(entry);
                Map<String, Object> resource = map(acl.get("resource"));
                for (Object operation : list(acl.get("operations"))) {
                    grants.add(name(user) + " " + operation + " " + resource.get("type") + " " + resource.get("name")
                            + ("prefix".equals(resource.get("patternType")) ? "*" : ""));
                }
            }
        }
        Set<String> expected = expectedGrants();
        expected.addAll(Set.of("dataops-topics Create topic dataops.*", "dataops-topics Describe topic dataops.*",
                "dataops-topics DescribeConfigs topic dataops.*"));
        assertThat(grants).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void the_example_kafka_cluster_authenticates_every_listener_and_authorizes_every_request() {
        Map<String, Object> kafka = ofKind("Kafka").get(0);
        List<Object> listeners = list(path(kafka, "spec", "kafka").get("listeners"));
        assertThat(listeners).isNotEmpty().allSatisfy(l -> assertThat(path(map(l), "authentication"))
                .containsEntry("type", "scram-sha-512"));
        assertThat(path(kafka, "spec", "kafka", "authorization")).containsEntry("type", "simple");
        assertThat(path(kafka, "spec", "entityOperator", "userOperator")).containsEntry("watchedNamespace", "dataops");
    }

    @Test
    void every_pod_is_probed_and_scraped_on_its_management_port_which_no_service_or_ingress_carries() {
        for (String service : SERVICES) {
            Map<String, Object> deployment = ofKind("Deployment").stream()
                    .filter(d -> name(d).equals(service + "-service")).findFirst().orElseThrow();
            Map<String, Object> container = map(list(podSpec(deployment).get("containers")).get(0));
            Map<String, Integer> containerPorts = new LinkedHashMap<>();
            for (Object port : list(container.get("ports"))) {
                containerPorts.put(String.valueOf(map(port).get("name")), (Integer) map(port).get("containerPort"));
            }
            assertThat(containerPorts).as(service).containsExactlyInAnyOrderEntriesOf(
                    Map.of("http", PUBLIC_PORTS.get(service), "management", managementPort(service)));
            Map<String, Object> env = new LinkedHashMap<>();
            for (Object variable : list(container.get("env"))) {
                env.put(String.valueOf(map(variable).get("name")), map(variable).get("value"));
            }
            assertThat(env).as(service).containsEntry("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort(service)));
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                Map<String, Object> get = path(container, probe, "httpGet");
                assertThat(get).as("%s %s", service, probe).containsEntry("port", "management");
                assertThat(String.valueOf(get.get("path"))).as("%s %s", service, probe).startsWith("/q/health/");
            }
            Map<String, Object> annotations = path(deployment, "spec", "template", "metadata", "annotations");
            assertThat(annotations).as(service).containsEntry("prometheus.io/port", String.valueOf(managementPort(service)))
                    .containsEntry("prometheus.io/path", "/q/metrics");
        }
        for (Map<String, Object> svc : ofKind("Service")) {
            for (Object port : list(path(svc, "spec").get("ports"))) {
                Map<String, Object> p = map(port);
                assertThat(String.valueOf(p.get("targetPort"))).as(name(svc)).isNotEqualTo("management")
                        .doesNotMatch("90(8[0-5])");
                assertThat(String.valueOf(p.get("port"))).as(name(svc)).doesNotMatch("90(8[0-5])");
            }
        }
        for (Map<String, Object> ingress : ofKind("Ingress")) {
            assertThat(String.valueOf(ingress)).as(name(ingress)).doesNotContain("management", "/q/");
        }
    }
}
