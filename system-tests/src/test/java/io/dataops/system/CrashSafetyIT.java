package io.dataops.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs a 150,000-row customers file and a 40,000-order file with nested items through the platform at the same time,
 * SIGKILLs ingest, validation, job-service and the loader one after another while both files are in flight, starts
 * each again with ./dataops, and checks that the run ends exactly as an undisturbed run of these files must: every
 * loaded row with every column the file gave it, every order with exactly its items, every planted error recorded
 * once, and the jobs' counters.
 * <p>
 * A kill proves nothing if the stage had already finished the file, so after each kill the test reads what the stage
 * had committed (its schema in the stack's H2 server) and requires that part of the file was still ahead of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(4)
class CrashSafetyIT {
    private static final int CUSTOMERS = 150_000;
    private static final int ORDERS = 40_000;
    /** The customers the orders refer to; loaded before the kills start, so only the planted codes are unknown. */
    private static final int ORDER_CUSTOMERS = 100;
    /** dataops.ingest.batch-size (README): the rows of one Kafka batch and so of one ledger row. */
    private static final int BATCH_SIZE = 500;
    private static final String CUSTOMER_RULES = "{\"target_table\":\"customers\",\"validation_rules\":{"
            + "\"required_fields\":[\"customer_code\",\"name\"],\"email_format\":[\"email\"],"
            + "\"positive_numbers\":[\"credit_limit\"]}}";
    private static final String[] COUNTRIES = {"USA", "Canada", "Germany", "Japan", "Brazil"};
    private static final String[] SEGMENTS = {"SMB", "Enterprise", "Consumer"};
    private static final String[] ORDER_STATUSES = {"pending", "shipped", "completed"};

    private PlatformProcesses platform;
    private final String gateway = "http://localhost:" + PlatformProcesses.port(8080);

    @BeforeAll
    void startPlatform() {
        platform = PlatformProcesses.shared();
    }

    // ---- the files: each row's values are a function of its index, so the test can recompute what must be loaded

    /** Customer {@code i} as its CSV line holds it. Every 50th has an email without @, every 77th other one a negative credit limit. */
    private static List<String> customer(int i) {
        String email = i % 50 == 0 ? "no-at-sign" : "k" + i + "@example.com";
        String creditLimit = i % 77 == 0 && i % 50 != 0 ? "-5.00" : (1 + i % 99_999) + "." + String.format("%02d", i % 100);
        return List.of(String.format("K%08d", i), "Customer " + i, email, String.format("+1-555-%04d", i % 10_000),
                COUNTRIES[i % COUNTRIES.length], SEGMENTS[i % SEGMENTS.length], creditLimit);
    }

    /** The error validation must record for customer {@code i} as {@code type|field|value}, or null for a good row. */
    private static String plantedCustomerError(int i) {
        if (i % 50 == 0) {
            return "FORMAT|email|no-at-sign";
        }
        return i % 77 == 0 ? "RANGE|credit_limit|-5.00" : null;
    }

    private static String orderCustomerCode(int i) {
        // every 100th order names a customer nobody loaded: the loader rejects it as REFERENCE (docs/targets.md)
        return i % 100 == 0 ? "NOBODY" : String.format("OC%03d", i % ORDER_CUSTOMERS);
    }

    /** Order {@code i}: order_number, customer_code, order_date, total_amount, status. */
    private static List<String> order(int i) {
        long cents = 0;
        for (List<String> item : items(i)) {
            cents += Long.parseLong(item.get(1)) * Long.parseLong(item.get(2).replace(".", ""));
        }
        return List.of(String.format("CO%08d", i), orderCustomerCode(i),
                String.format("2024-%02d-%02d", 1 + i % 12, 1 + i % 28), cents / 100 + "." + String.format("%02d", cents % 100),
                ORDER_STATUSES[i % ORDER_STATUSES.length]);
    }

    /** The 1 to 3 items of order {@code i}: product, qty, price. */
    private static List<List<String>> items(int i) {
        List<List<String>> items = new ArrayList<>();
        for (int line = 1; line <= 1 + i % 3; line++) {
            items.add(List.of("Product " + i + "-" + line, Integer.toString(line + i % 5), (i % 50 + line) + ".50"));
        }
        return items;
    }

    private Path writeCustomers() throws IOException {
        Path file = platform.workDir().resolve("crash_customers_150k.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("customer_code,name,email,phone,country,segment,credit_limit\n");
            for (int i = 0; i < CUSTOMERS; i++) {
                out.write(String.join(",", customer(i)) + "\n");
            }
        }
        return file;
    }

    private Path writeOrderCustomers() throws IOException {
        Path file = platform.workDir().resolve("crash_order_customers.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("customer_code,name,email\n");
            for (int i = 0; i < ORDER_CUSTOMERS; i++) {
                out.write(String.format("OC%03d,Order customer %d,oc%d@example.com%n", i, i, i));
            }
        }
        return file;
    }

    private Path writeOrders() throws IOException {
        Path file = platform.workDir().resolve("crash_orders_40k.json");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("[\n");
            for (int i = 0; i < ORDERS; i++) {
                List<String> o = order(i);
                List<String> items = new ArrayList<>();
                for (List<String> item : items(i)) {
                    items.add("{\"product\": \"" + item.get(0) + "\", \"qty\": " + item.get(1) + ", \"price\": " + item.get(2) + "}");
                }
                out.write((i == 0 ? "" : ",\n") + "{\"order_number\": \"" + o.get(0) + "\", \"customer_code\": \"" + o.get(1)
                        + "\", \"order_date\": \"" + o.get(2) + "\", \"items\": [" + String.join(", ", items)
                        + "], \"total_amount\": " + o.get(3) + ", \"status\": \"" + o.get(4) + "\"}");
            }
            out.write("\n]\n");
        }
        return file;
    }

    // ---- the API

    private String login() {
        return given().baseUri(gateway).contentType("application/json")
                .body(Map.of("username", "admin", "password", PlatformProcesses.ADMIN_PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    private long upload(String token, Path file, String contentType) {
        File content = file.toFile();
        return given().baseUri(gateway).auth().oauth2(token).multiPart("file", content, contentType)
                .when().post("/api/data/upload").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private long process(String token, long fileId, String body) {
        return given().baseUri(gateway).auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/data/files/" + fileId + "/process").then().statusCode(202)
                .extract().jsonPath().getLong("job_id");
    }

    private JsonPath job(String token, long jobId) {
        return given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                .then().statusCode(200).extract().jsonPath();
    }

    private void awaitCompleted(String token, long jobId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1))
                .until(() -> "completed".equals(job(token, jobId).getString("status")));
    }

    /** Every error of the file through the API, as {@code row|type|field|value}; a duplicate fails at once. */
    private Set<String> errorsOf(String token, long fileId) {
        Set<String> errors = new HashSet<>();
        for (int page = 1; ; page++) {
            JsonPath answer = given().baseUri(gateway).auth().oauth2(token).queryParam("limit", 500).queryParam("page", page)
                    .queryParam("sort", "row_number").when().get("/api/data/files/" + fileId + "/errors")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = answer.getList("items");
            for (Map<String, Object> e : items) {
                String error = e.get("row_number") + "|" + e.get("error_type") + "|" + e.get("field_name") + "|" + e.get("field_value");
                assertThat(errors.add(error)).as("error recorded once: " + error).isTrue();
            }
            if (page >= answer.getInt("pages")) {
                return errors;
            }
        }
    }

    // ---- the test

    @Test
    void killing_ingest_validation_job_and_loader_mid_file_ends_with_exactly_the_rows_items_and_errors_of_the_files()
            throws Exception {
        String token = login();
        long orderCustomersJob = process(token, upload(token, writeOrderCustomers(), "text/csv"), CUSTOMER_RULES);
        awaitCompleted(token, orderCustomersJob, Duration.ofMinutes(2));

        long customersFile = upload(token, writeCustomers(), "text/csv");
        long ordersFile = upload(token, writeOrders(), "application/json");
        long customersJob = process(token, customersFile, CUSTOMER_RULES);
        long ordersJob = process(token, ordersFile, "{\"target_table\":\"orders\"}");
        int customerBatches = (CUSTOMERS + BATCH_SIZE - 1) / BATCH_SIZE;

        // ingest: as soon as both runs have started reading; a run still 'emitting' had not sent all of its batches
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> "running".equals(job(token, customersJob).getString("status"))
                        && "running".equals(job(token, ordersJob).getString("status")));
        platform.kill("ingest");
        String customersRun;
        String ordersRun;
        try (Connection ingest = platform.database("ingest")) {
            String sql = "SELECT state FROM file_runs WHERE job_id = ?";
            customersRun = first(ingest, sql, customersJob).get(0);
            ordersRun = first(ingest, sql, ordersJob).get(0);
        }
        // restarted before any assertion: a failure here must not leave the shared stack without a stage
        platform.start("ingest");
        assertThat(customersRun).as("customers run when ingest was killed").isEqualTo("emitting");
        assertThat(ordersRun).as("orders run when ingest was killed").isEqualTo("emitting");

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> job(token, customersJob).getLong("progress.rows_valid") >= 15_000);
        platform.kill("validation");
        long customersValidated;
        try (Connection validation = platform.database("validation")) {
            customersValidated = count(validation, "SELECT COUNT(*) FROM validated_batches WHERE job_id = ?", customersJob);
        }
        platform.start("validation");
        // the smaller orders file may already be through this stage on a fast machine; the customers file may not
        assertThat(customersValidated).as("customer batches validated before the kill").isBetween(1L, customerBatches - 1L);

        // the loader before job-service: the progress job-service reports lags while it restarts, long enough on a quiet
        // machine for the loader to finish the file before a later kill
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> job(token, customersJob).getLong("progress.rows_loaded") >= 30_000);
        platform.kill("loader");
        long customersLoaded;
        try (Connection loader = platform.database("loader")) {
            customersLoaded = count(loader, "SELECT COUNT(*) FROM loaded_batches WHERE job_id = ?", customersJob);
        }
        platform.start("loader");
        assertThat(customersLoaded).as("customer batches loaded before the kill").isBetween(1L, customerBatches - 1L);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> job(token, customersJob).getLong("progress.rows_loaded") >= 50_000);
        platform.kill("job");
        List<String> customers;
        try (Connection jobs = platform.database("job")) {
            customers = first(jobs, "SELECT status, rows_loaded + rows_rejected FROM jobs WHERE id = ?", customersJob);
        }
        platform.start("job");
        assertThat(customers.get(0)).as("customers job when job-service was killed").isEqualTo("running");
        assertThat(Long.parseLong(customers.get(1))).as("customer rows finished when job-service was killed")
                .isLessThan(CUSTOMERS);

        awaitCompleted(token, customersJob, Duration.ofMinutes(8));
        awaitCompleted(token, ordersJob, Duration.ofMinutes(4));

        int badCustomers = 0;
        Set<String> customerErrors = new HashSet<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            if (plantedCustomerError(i) != null) {
                badCustomers++;
                customerErrors.add((i + 2) + "|" + plantedCustomerError(i)); // line 1 is the header
            }
        }
        int unknownCustomerOrders = 0;
        Set<String> orderErrors = new HashSet<>();
        for (int i = 0; i < ORDERS; i++) {
            if ("NOBODY".equals(orderCustomerCode(i))) {
                unknownCustomerOrders++;
                orderErrors.add((i + 1) + "|REFERENCE|customer_code|NOBODY"); // a JSON array counts its objects from 1
            }
        }
        assertCounters(job(token, customersJob), CUSTOMERS, badCustomers);
        assertCounters(job(token, ordersJob), ORDERS, unknownCustomerOrders);
        assertThat(errorsOf(token, customersFile)).as("the customers file's errors").isEqualTo(customerErrors);
        assertThat(errorsOf(token, ordersFile)).as("the orders file's errors").isEqualTo(orderErrors);

        // every column of every loaded row, read where the loader keeps it
        try (Connection loader = platform.database("loader")) {
            assertLoadedCustomers(loader, customersFile, customersJob, CUSTOMERS - badCustomers);
            assertLoadedOrders(loader, ordersFile, ordersJob, ORDERS - unknownCustomerOrders);
        }
    }

    private static void assertCounters(JsonPath job, int rows, int rejected) {
        assertThat(job.getLong("progress.rows_read")).isEqualTo(rows);
        assertThat(job.getLong("progress.rows_rejected")).isEqualTo(rejected);
        assertThat(job.getLong("progress.rows_valid")).isEqualTo(rows - rejected);
        assertThat(job.getLong("progress.rows_loaded")).isEqualTo(rows - rejected);
        assertThat(job.getLong("progress.rows_total")).isEqualTo(rows);
    }

    private static void assertLoadedCustomers(Connection db, long fileId, long jobId, int expectedRows) throws SQLException {
        Differences differences = new Differences("customers");
        BitSet seen = new BitSet(CUSTOMERS);
        each(db, "SELECT customer_code, name, email, phone, country, segment, credit_limit, is_active, load_job_id,"
                + " load_row_number FROM customers WHERE source_file_id = ?", fileId, row -> {
            int i = Integer.parseInt(row.get(0).substring(1));
            if (seen.get(i) || plantedCustomerError(i) != null) {
                differences.add(row.get(0) + " loaded twice or despite its error");
            }
            seen.set(i);
            List<String> expected = new ArrayList<>(customer(i));
            expected.addAll(List.of("1", Long.toString(jobId), Integer.toString(i + 2)));
            differences.compare(row.get(0), expected, row);
        });
        differences.assertNone();
        assertThat(seen.cardinality()).as("customers loaded from the file").isEqualTo(expectedRows);
    }

    private static void assertLoadedOrders(Connection db, long fileId, long jobId, int expectedOrders) throws SQLException {
        Differences differences = new Differences("orders");
        BitSet seen = new BitSet(ORDERS);
        // customer_id must be the id of the customer the order names, not only a copy of its code
        each(db, "SELECT o.order_number, o.customer_code, TO_CHAR(o.order_date, 'YYYY-MM-DD'), o.total_amount, o.status,"
                + " c.customer_code, o.load_job_id, o.load_row_number FROM orders o LEFT JOIN customers c ON c.id = o.customer_id"
                + " WHERE o.source_file_id = ?", fileId, row -> {
            int i = Integer.parseInt(row.get(0).substring(2));
            if (seen.get(i)) {
                differences.add(row.get(0) + " loaded twice");
            }
            seen.set(i);
            List<String> expected = new ArrayList<>(order(i));
            expected.addAll(List.of(orderCustomerCode(i), Long.toString(jobId), Integer.toString(i + 1)));
            differences.compare(row.get(0), expected, row);
        });
        assertThat(seen.cardinality()).as("orders loaded from the file").isEqualTo(expectedOrders);

        Map<Integer, Integer> itemsPerOrder = new HashMap<>();
        each(db, "SELECT o.order_number, i.line_no, i.product, i.qty, i.price, i.source_file_id, i.load_job_id,"
                + " i.load_row_number FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.source_file_id = ?",
                fileId, row -> {
            int i = Integer.parseInt(row.get(0).substring(2));
            int line = Integer.parseInt(row.get(1));
            itemsPerOrder.merge(i, 1, Integer::sum);
            List<List<String>> items = items(i);
            if (line < 1 || line > items.size()) {
                differences.add(row.get(0) + " has an item line " + line + " its file does not have");
                return;
            }
            List<String> expected = new ArrayList<>(List.of(row.get(0), row.get(1)));
            expected.addAll(items.get(line - 1));
            expected.addAll(List.of(Long.toString(fileId), Long.toString(jobId), Integer.toString(i + 1)));
            differences.compare(row.get(0) + " line " + line, expected, row);
        });
        for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) {
            if (itemsPerOrder.getOrDefault(i, 0) != items(i).size()) {
                differences.add(String.format("CO%08d has %d items, its file %d", i, itemsPerOrder.getOrDefault(i, 0), items(i).size()));
            }
        }
        differences.assertNone();
    }

    /** Collects what differs instead of failing at the first row, and reports the count and the first few. */
    private static final class Differences {
        private final String what;
        private final List<String> first = new ArrayList<>();
        private int count;

        Differences(String what) {
            this.what = what;
        }

        void compare(String key, List<String> expected, List<String> actual) {
            if (!expected.equals(actual)) {
                add(key + ": expected " + expected + " but loaded " + actual);
            }
        }

        void add(String difference) {
            count++;
            if (first.size() < 10) {
                first.add(difference);
            }
        }

        void assertNone() {
            assertThat(first).as(count + " differences in the loaded " + what).isEmpty();
        }
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

    /** The first row of {@code sql}; fails if there is none. */
    private static List<String> first(Connection db, String sql, long id) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        each(db, sql, id, rows::add);
        assertThat(rows).as(sql + " for " + id).isNotEmpty();
        return rows.get(0);
    }

    private static long count(Connection db, String sql, long id) throws SQLException {
        return Long.parseLong(first(db, sql, id).get(0));
    }
}
