package io.dataops.ingest.rest;

import io.dataops.ingest.repository.DataFile;
import io.dataops.ingest.repository.FileRun;
import io.dataops.ingest.service.RowEmitter;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.ValidationRules;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = io.quarkus.test.common.TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = io.quarkus.test.common.TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = io.quarkus.test.common.TestResourceScope.GLOBAL)
class FileResourceTest {
    private static final String CSV = "customer_code,name,email\nC1,Ann,a@x.io\nC2,Bob,b@x.io\nC3,Cy,c@x.io\n";

    @Inject
    RowEmitter emitter;

    private static long upload(String name, String contentType, byte[] content) {
        return given().auth().oauth2(TestTokens.forRole("analyst"))
                .multiPart("file", name, content, contentType)
                .when().post("/api/data/upload")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    @Test
    void upload_stores_the_file_and_answers_the_spec_shape() {
        given().auth().oauth2(TestTokens.forRole("analyst"))
                .multiPart("file", "customers.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .when().post("/api/data/upload")
                .then().statusCode(201)
                .body("original_name", equalTo("customers.csv"))
                .body("filename", matchesPattern("\\d{8}_\\d{6}_[0-9a-f]{8}_customers\\.csv"))
                .body("file_type", equalTo("csv"))
                .body("file_size", equalTo(CSV.length()))
                .body("status", equalTo("uploaded"))
                .body("sha256", matchesPattern("[0-9a-f]{64}"))
                .body("id", greaterThan(0));
    }

    @Test
    void upload_of_a_file_that_is_neither_csv_nor_json_is_415_and_writes_nothing() {
        long before = QuarkusTransaction.requiringNew().call(() -> DataFile.count());
        given().auth().oauth2(TestTokens.forRole("analyst"))
                .multiPart("file", "photo.png", new byte[]{1, 2, 3}, "image/png")
                .when().post("/api/data/upload")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_FORMAT"));
        long after = QuarkusTransaction.requiringNew().call(() -> DataFile.count());
        assertThat(after).isEqualTo(before);
    }

    @Test
    void upload_of_an_empty_file_is_400_empty_file() {
        given().auth().oauth2(TestTokens.forRole("analyst"))
                .multiPart("file", "empty.csv", new byte[0], "text/csv")
                .when().post("/api/data/upload")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("EMPTY_FILE"));
    }

    @Test
    void a_path_in_the_file_name_is_stripped() {
        long id = upload("../../etc/passwd.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + id)
                .then().statusCode(200).body("original_name", equalTo("passwd.csv"));
    }

    @Test
    void unknown_file_is_404_problem() {
        given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/data/files/987654")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void no_token_or_a_stranger_signed_token_is_401_problem() {
        given().when().get("/api/data/files").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().auth().oauth2(TestTokens.signedByStranger("admin")).when().get("/api/data/files").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void a_viewer_cannot_upload() {
        given().auth().oauth2(TestTokens.forRole("viewer"))
                .multiPart("file", "c.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .when().post("/api/data/upload")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void list_filters_sorts_and_pages_and_refuses_an_unknown_sort_key() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        upload(marker + "_a.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        upload(marker + "_b.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(TestTokens.forRole("viewer"))
                .queryParam("search", marker).queryParam("sort", "original_name").queryParam("limit", 1)
                .when().get("/api/data/files")
                .then().statusCode(200)
                .body("total", equalTo(2)).body("pages", equalTo(2)).body("page", equalTo(1)).body("limit", equalTo(1))
                .body("items[0].original_name", equalTo(marker + "_a.csv"));
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("sort", "password")
                .when().get("/api/data/files")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("errors[0].field", equalTo("sort"));
    }

    @Test
    void percent_and_underscore_in_a_search_match_only_themselves() {
        // stored names never hold '%' (FileNames turns it into '_'), so a '%' in a search matches no name at all
        String marker = UUID.randomUUID().toString().substring(0, 8);
        upload(marker + "_a_b.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        upload(marker + "_axb.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("search", marker + "_a_b")
                .when().get("/api/data/files")
                .then().statusCode(200).body("items.original_name", contains(marker + "_a_b.csv"));
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("search", marker + "%b")
                .when().get("/api/data/files")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void process_refuses_an_unknown_target_a_rule_on_an_unknown_field_and_an_unknown_mode_without_changing_the_file() {
        long id = upload("rules.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(TestTokens.forRole("analyst")).contentType("application/json")
                .body("{\"target_table\":\"planets\"}")
                .when().post("/api/data/files/" + id + "/process")
                .then().statusCode(400).body("code", equalTo("UNKNOWN_TARGET"));
        given().auth().oauth2(TestTokens.forRole("analyst")).contentType("application/json")
                .body("{\"target_table\":\"customers\",\"validation_rules\":{\"email_format\":[\"mail\"]}}")
                .when().post("/api/data/files/" + id + "/process")
                .then().statusCode(400).body("code", equalTo("RULE_FIELD_UNKNOWN"))
                .body("errors[0].field", equalTo("validation_rules.email_format"));
        given().auth().oauth2(TestTokens.forRole("analyst")).contentType("application/json")
                .body("{\"target_table\":\"customers\",\"mode\":\"replace\"}")
                .when().post("/api/data/files/" + id + "/process")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST"))
                .body("errors[0].field", equalTo("mode"));
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + id)
                .then().body("status", equalTo("uploaded"));
    }

    @Test
    void a_process_body_of_the_wrong_shape_names_the_field_path_and_the_expected_type() {
        long id = upload("shapes.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        String analyst = TestTokens.forRole("analyst");
        given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"target_table\":\"customers\",\"validation_rules\":{\"email_format\":true}}")
                .when().post("/api/data/files/" + id + "/process")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("INVALID_REQUEST"))
                .body("errors.field", contains("validation_rules.email_format"))
                .body("errors.message", contains("must be an array"));
        given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"target_table\":[\"customers\"]}")
                .when().post("/api/data/files/" + id + "/process")
                .then().statusCode(400).body("errors.field", contains("target_table"))
                .body("errors.message", contains("must be a string"));
        given().auth().oauth2(analyst).contentType("application/json")
                .body("{\"target_table\":\"customers\",\n \"validation_rules\": {\"required_fields\": [\"name\",]}}")
                .when().post("/api/data/files/" + id + "/process")
                .then().statusCode(400).body("errors.field", contains("body"))
                .body("errors[0].message", startsWith("is not valid JSON at line 2, column "));
        given().auth().oauth2(analyst).contentType("application/json").body("[1, 2]")
                .when().post("/api/data/files/" + id + "/process")
                .then().statusCode(400).body("errors.field", contains("body"))
                .body("errors.message", contains("must be an object"));
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + id)
                .then().body("status", equalTo("uploaded"));
    }

    @Test
    void process_of_an_unknown_file_is_404() {
        given().auth().oauth2(TestTokens.forRole("analyst")).contentType("application/json")
                .body("{\"target_table\":\"customers\"}")
                .when().post("/api/data/files/99999/process")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void process_answers_503_when_job_service_is_down_and_leaves_the_file_uploaded() {
        long id = upload("nojobs.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(TestTokens.forRole("analyst")).contentType("application/json")
                .body("{\"target_table\":\"customers\"}")
                .when().post("/api/data/files/" + id + "/process")
                .then().statusCode(503).body("code", equalTo("UPSTREAM_UNAVAILABLE"));
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + id)
                .then().body("status", equalTo("uploaded"));
    }

    @Test
    void a_queued_run_is_emitted_as_batches_keyed_by_file_and_batch_then_a_closing_marker_keyed_by_file_and_end() {
        long fileId = upload("emit.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        long jobId = 700_000 + fileId;
        QuarkusTransaction.requiringNew().run(() -> {
            FileRun run = new FileRun();
            run.jobId = jobId;
            run.fileId = fileId;
            run.targetTable = "customers";
            run.rules = EventCodec.encode(ValidationRules.none());
            run.state = FileRun.QUEUED;
            run.delimiter = ",";
            run.encoding = "utf-8";
            run.createdAt = Instant.now();
            run.persist();
        });
        emitter.submit(jobId);

        List<FileRowsMessage> messages = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("dataops.file-rows.uploaded"));
            long deadline = System.currentTimeMillis() + 30_000;
            // the batch and the marker have different keys, so they may sit in different partitions: read both
            while (System.currentTimeMillis() < deadline && messages.size() < 2) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    FileRowsMessage message = EventCodec.decode(record.value(), FileRowsMessage.class);
                    if (message.jobId() == jobId) {
                        assertThat(record.key()).isEqualTo(fileId + (message instanceof RowsEnd ? "-end"
                                : "-" + ((RowBatch) message).batchNo()));
                        messages.add(message);
                    }
                }
            }
        }
        assertThat(messages).hasSize(2);
        messages.sort(java.util.Comparator.comparing(m -> m instanceof RowsEnd));
        RowBatch batch = (RowBatch) messages.get(0);
        assertThat(batch.batchNo()).isEqualTo(1);
        assertThat(batch.rows()).extracting(r -> r.values().get("customer_code")).containsExactly("C1", "C2", "C3");
        assertThat(batch.rows()).extracting(r -> r.rowNumber()).containsExactly(2L, 3L, 4L);
        assertThat((RowsEnd) messages.get(1)).isEqualTo(new RowsEnd(jobId, fileId, "customers", 1, 3, 0));
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((FileRun) FileRun.findById(jobId)).state))
                .isEqualTo(FileRun.EMITTED);
    }

    @Test
    void a_file_loaded_event_completes_the_file_with_its_row_count() throws Exception {
        long fileId = upload("done.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", KafkaBrokerResource.bootstrapServers(),
                "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName(),
                "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName()))) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("dataops.pipeline.events",
                    Long.toString(fileId), EventCodec.encode(new PipelineEvent.FileLoaded(1, fileId, "customers", 3, 2, 1, 2,
                    Instant.now())))).get();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId)
                        .then().body("status", equalTo("completed")).body("row_count", equalTo(3)));
    }

    @Test
    void a_quality_scored_event_shows_on_the_file() throws Exception {
        long fileId = upload("scored.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", KafkaBrokerResource.bootstrapServers(),
                "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName(),
                "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName()))) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("dataops.pipeline.events",
                    Long.toString(fileId), EventCodec.encode(new PipelineEvent.FileQualityScored(1, fileId, 3, 0.9, 0.8,
                    0.9, 0.8667, Instant.now())))).get();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + fileId)
                        .then().body("quality_score", equalTo(0.8667f)));
    }

    @Test
    void preview_detects_a_semicolon_delimiter_and_reads_windows_1252_when_asked() {
        byte[] latin = "customer_code;name;country\nC1;Zo\u00eb;Cura\u00e7ao\nC2;Ann;Fran\u00e7e\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));
        long id = upload("latin.csv", "text/csv", latin);

        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("encoding", "windows-1252").queryParam("rows", 1)
                .when().get("/api/data/files/" + id + "/preview")
                .then().statusCode(200)
                .body("delimiter", equalTo(";")).body("encoding", equalTo("windows-1252"))
                .body("columns", org.hamcrest.Matchers.contains("customer_code", "name", "country"))
                .body("rows.size()", equalTo(1))
                .body("rows[0].values.name", equalTo("Zo\u00eb")).body("rows[0].row_number", equalTo(2));
        given().auth().oauth2(TestTokens.forRole("viewer"))
                .when().get("/api/data/files/" + id + "/preview")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("errors[0].field", equalTo("encoding"));
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("rows", 1000)
                .when().get("/api/data/files/" + id + "/preview")
                .then().statusCode(400).body("errors[0].field", equalTo("rows"));
    }

    @Test
    void preview_of_json_lists_the_union_of_keys_as_columns() {
        long id = upload("rows.ndjson", "application/x-ndjson",
                "{\"a\":1}\n{\"a\":2,\"b\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/data/files/" + id + "/preview")
                .then().statusCode(200).body("file_type", equalTo("json")).body("delimiter", equalTo(null))
                .body("columns", org.hamcrest.Matchers.contains("a", "b")).body("rows.size()", equalTo(2));
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }
}
