package io.dataops.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One big file across replicas (README "Scaling a stage"; docs/product-spec.md): a 200,000-row customers file with bad
 * rows and keys repeated within the file, run three times on one stack, each time under its own key prefix so the
 * runs do not meet as duplicates across files.
 * <ol>
 *     <li>A: one replica of each stage, undisturbed: the reference.</li>
 *     <li>B: two replicas each of validation and loader: each replica handles at least a quarter of the batches, and
 *     the loaded rows and the errors equal A's exactly.</li>
 *     <li>C: two and two again, and validation-2 and loader-2 are SIGKILLed in the middle of the file: the survivors
 *     take over their partitions and the result again equals A's.</li>
 * </ol>
 * Rows and errors are compared with the prefix stripped, every column but ids and provenance (job, file, row number,
 * timestamps). The ledgers' {@code handled_by} says which replica committed each batch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(7)
class ScaleOutIT {
    private static final int ROWS = 200_000;
    /** dataops.ingest.batch-size (README): the rows of one Kafka batch and so of one ledger row. */
    private static final int BATCH_SIZE = 500;
    private static final int BATCHES = ROWS / BATCH_SIZE;
    private static final String RULES = "{\"target_table\":\"customers\",\"validation_rules\":{"
            + "\"required_fields\":[\"customer_code\",\"name\"],\"email_format\":[\"email\"],"
            + "\"positive_numbers\":[\"credit_limit\"]}}";
    private static final String[] COUNTRIES = {"USA", "Canada", "Germany", "Japan", "Brazil"};
    private static final String[] SEGMENTS = {"SMB", "Enterprise", "Consumer"};

    private final String gateway = "http://localhost:" + PlatformProcesses.port(8080);
    private PlatformProcesses platform;
    private String token;
    /** Scenario A's result, which B and C must equal. */
    private Result reference;

    @BeforeAll
    void startPlatform() {
        platform = PlatformProcesses.shared();
        token = login();
    }

    @AfterAll
    void oneReplicaEachAgain() {
        // the stack is shared with the other system tests: leave it as it was, killed replicas included
        platform.scale("validation=1", "loader=1");
    }

    // ---- the file: each row a function of its index and the run's prefix

    /**
     * Row {@code i} repeats the key of row {@code i - 500} (a row of the previous batch) when {@code i % 1000 == 999}:
     * the lower row keeps the key, the higher one is a DUPLICATE. Neither of the two is ever a bad row.
     */
    private static boolean repeatsAKey(int i) {
        return i % 1000 == 999;
    }

    private static int keyIndex(int i) {
        return repeatsAKey(i) ? i - 500 : i;
    }

    /** The error validation must record for row {@code i} as {@code type|field|value}, or null for a good row. */
    private static String plantedError(int i) {
        if (i % 500 == 499) {
            return null; // the rows that repeat a key and the rows whose key is repeated
        }
        if (i % 97 == 0) {
            return "FORMAT|email|no-at-sign-" + i;
        }
        return i % 131 == 0 ? "RANGE|credit_limit|-" + (i % 100) + ".25" : null;
    }

    private static String customer(String prefix, int i) {
        String error = plantedError(i);
        String email = error != null && error.startsWith("FORMAT") ? "no-at-sign-" + i : "s" + i + "@example.com";
        String creditLimit = error != null && error.startsWith("RANGE") ? "-" + (i % 100) + ".25"
                : (1 + i % 99_999) + "." + String.format("%02d", i % 100);
        return String.join(",", String.format("%s%08d", prefix, keyIndex(i)), "Customer " + i, email,
                String.format("+1-555-%04d", i % 10_000), COUNTRIES[i % COUNTRIES.length], SEGMENTS[i % SEGMENTS.length],
                creditLimit);
    }

    private Path writeCustomers(String prefix) throws IOException {
        Path file = platform.workDir().resolve("scale_out_" + prefix + "_200k.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("customer_code,name,email,phone,country,segment,credit_limit\n");
            for (int i = 0; i < ROWS; i++) {
                out.write(customer(prefix, i) + "\n");
            }
        }
        return file;
    }

    // ---- the scenarios

    @Test
    @Order(1)
    void a_single_replica_of_each_stage_loads_every_good_row_and_records_every_planted_error() throws Exception {
        platform.scale("validation=1", "loader=1");
        Run run = start("A");
        awaitCompleted(run.jobId(), Duration.ofMinutes(8));
        reference = resultOf(run);

        List<String> planted = new ArrayList<>();
        int loaded = 0;
        for (int i = 0; i < ROWS; i++) {
            if (plantedError(i) != null) {
                planted.add((i + 2) + "|" + plantedError(i)); // line 1 is the header
            } else if (repeatsAKey(i)) {
                planted.add((i + 2) + "|DUPLICATE|customer_code|" + String.format("%08d", keyIndex(i)));
            } else {
                loaded++;
            }
        }
        Collections.sort(planted);
        assertThat(reference.errors()).as("errors of the single-replica run").isEqualTo(planted);
        assertThat(reference.rows()).as("customers loaded by the single-replica run").hasSize(loaded);
        // the lower row of a repeated key is the one loaded: its name is "Customer <its own index>"
        assertThat(reference.rows().get(String.format("%08d", 499))).startsWith("Customer 499,");
    }

    @Test
    @Order(2)
    void two_replicas_of_validation_and_of_the_loader_share_the_file_and_load_exactly_what_one_replica_loads()
            throws Exception {
        assertThat(reference).as("scenario A's result").isNotNull();
        platform.scale("validation=2", "loader=2");
        Run run = start("B");
        awaitCompleted(run.jobId(), Duration.ofMinutes(8));

        Result result = resultOf(run);
        assertThat(result.errors()).as("errors with two replicas per stage").isEqualTo(reference.errors());
        assertSameRows(result);
        Map<String, Long> validated = handledBy("VALIDATION.validated_batches", run.jobId());
        Map<String, Long> loaded = handledBy("LOADER.loaded_batches", run.jobId());
        assertThat(validated.values().stream().mapToLong(Long::longValue).sum()).as("batches validated").isEqualTo(BATCHES);
        assertThat(validated).as("batches validated by each replica").containsOnlyKeys("validation", "validation-2")
                .allSatisfy((replica, batches) -> assertThat(batches).as(replica).isGreaterThanOrEqualTo(BATCHES / 4));
        long loadedBatches = loaded.values().stream().mapToLong(Long::longValue).sum();
        assertThat(loaded).as("batches loaded by each replica").containsOnlyKeys("loader", "loader-2")
                .allSatisfy((replica, batches) -> assertThat(batches).as(replica).isGreaterThanOrEqualTo(loadedBatches / 4));
    }

    @Test
    @Order(3)
    void the_survivors_take_over_when_one_replica_of_each_stage_is_killed_mid_file_and_load_exactly_the_same()
            throws Exception {
        assertThat(reference).as("scenario A's result").isNotNull();
        platform.scale("validation=2", "loader=2");
        Run run = start("C");
        // mid-file: some batches loaded, most of the file still ahead of the loader
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> job(run.jobId()).getLong("progress.rows_loaded") >= 20_000);
        platform.kill("validation-2");
        platform.kill("loader-2");
        long validatedBeforeKill = batchesIn("VALIDATION.validated_batches", run.jobId());
        long loadedBeforeKill = batchesIn("LOADER.loaded_batches", run.jobId());

        awaitCompleted(run.jobId(), Duration.ofMinutes(8));
        Result result = resultOf(run);
        assertThat(result.errors()).as("errors after the kills").isEqualTo(reference.errors());
        assertSameRows(result);

        // the kills proved something only if the killed replicas had work left and had been working on this file
        // (a killed replica commits nothing after its kill, so what the ledgers name it for was committed before)
        assertThat(loadedBeforeKill).as("batches loaded before the kill")
                .isLessThan(batchesIn("LOADER.loaded_batches", run.jobId()));
        assertThat(validatedBeforeKill).as("batches validated before the kill").isLessThan(BATCHES);
        assertThat(handledBy("VALIDATION.validated_batches", run.jobId()).getOrDefault("validation-2", 0L))
                .as("batches validation-2 committed before its kill").isPositive();
        assertThat(handledBy("LOADER.loaded_batches", run.jobId()).getOrDefault("loader-2", 0L))
                .as("batches loader-2 committed before its kill").isPositive();
    }

    private void assertSameRows(Result result) {
        List<String> differences = new ArrayList<>();
        reference.rows().forEach((key, row) -> {
            if (!row.equals(result.rows().get(key))) {
                differences.add(key + ": " + row + " in A, " + result.rows().get(key));
            }
        });
        result.rows().keySet().stream().filter(key -> !reference.rows().containsKey(key))
                .forEach(key -> differences.add(key + ": not in A, loaded " + result.rows().get(key)));
        assertThat(differences.subList(0, Math.min(10, differences.size())))
                .as(differences.size() + " rows differ from the single-replica run").isEmpty();
    }

    // ---- what a run left in the database, read as the database's admin

    private record Run(String prefix, long fileId, long jobId) {
    }

    /** Loaded rows by key and errors as sorted {@code row|type|field|value}, the run's prefix stripped. */
    private record Result(Map<String, String> rows, List<String> errors) {
    }

    private Result resultOf(Run run) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        try (Connection db = platform.database()) {
            each(db, "SELECT customer_code, name, email, phone, country, segment, credit_limit, is_active"
                    + " FROM LOADER.customers WHERE source_file_id = ?", run.fileId(), row -> {
                String key = strip(run, row.get(0));
                if (rows.put(key, String.join(",", row.subList(1, row.size()))) != null) {
                    throw new AssertionError(row.get(0) + " loaded twice");
                }
            });
            each(db, "SELECT row_number, error_type, field_name, field_value FROM VALIDATION.data_errors"
                    + " WHERE source_file_id = ?", run.fileId(), row -> errors.add(row.get(0) + "|" + row.get(1) + "|"
                    + row.get(2) + "|" + strip(run, row.get(3))));
        }
        Collections.sort(errors);
        return new Result(rows, errors);
    }

    private static String strip(Run run, String value) {
        return value != null && value.startsWith(run.prefix()) ? value.substring(run.prefix().length()) : value;
    }

    private long batchesIn(String ledger, long jobId) throws SQLException {
        List<Long> count = new ArrayList<>();
        try (Connection db = platform.database()) {
            each(db, "SELECT COUNT(*) FROM " + ledger + " WHERE job_id = ?", jobId, row -> count.add(Long.parseLong(row.get(0))));
        }
        return count.get(0);
    }

    /** Batches of the job in a ledger, by the replica that committed them (the ledger's handled_by). */
    private Map<String, Long> handledBy(String ledger, long jobId) throws SQLException {
        Map<String, Long> batches = new TreeMap<>();
        try (Connection db = platform.database()) {
            each(db, "SELECT handled_by, COUNT(*) FROM " + ledger + " WHERE job_id = ? GROUP BY handled_by", jobId,
                    row -> batches.put(row.get(0), Long.parseLong(row.get(1))));
        }
        return batches;
    }

    private interface RowCheck {
        void check(List<String> row);
    }

    /** Each row of {@code sql} (one {@code ?}, bound to {@code id}), every column as text (numbers in plain notation). */
    private static void each(Connection db, String sql, long id, RowCheck check) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        Object value = rows.getObject(c);
                        row.add(value instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(value));
                    }
                    check.check(row);
                }
            }
        }
    }

    // ---- the API

    private Run start(String prefix) throws IOException {
        long fileId = given().baseUri(gateway).auth().oauth2(token)
                .multiPart("file", writeCustomers(prefix).toFile(), "text/csv")
                .when().post("/api/data/upload").then().statusCode(201).extract().jsonPath().getLong("id");
        long jobId = given().baseUri(gateway).auth().oauth2(token).contentType("application/json").body(RULES)
                .when().post("/api/data/files/" + fileId + "/process").then().statusCode(202)
                .extract().jsonPath().getLong("job_id");
        return new Run(prefix, fileId, jobId);
    }

    private String login() {
        return given().baseUri(gateway).contentType("application/json")
                .body(Map.of("username", "admin", "password", PlatformProcesses.ADMIN_PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    private JsonPath job(long jobId) {
        return given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                .then().statusCode(200).extract().jsonPath();
    }

    private void awaitCompleted(long jobId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed".equals(job(jobId).getString("status")));
    }
}
