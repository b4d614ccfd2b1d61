package io.dataops.system;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A file's life through the gateway beyond a plain load: the loaded customers and orders (with their items) read back
 * with every value their file gave them, after an insert run and after an upsert run; deleting a processed file; and
 * cancelling a job while its file is still going through the stages. The expected values are the files this class
 * writes; its customer codes (JL..., JC...) and order numbers (JLO-...) are its own, so other classes' rows do not
 * matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(5)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobLifecycleIT {
    private static final String CUSTOMER_HEADER = "customer_code,name,email,phone,country,segment,credit_limit";
    private static final String CUSTOMER_RULES = "{\"target_table\":\"customers\",\"validation_rules\":{"
            + "\"required_fields\":[\"customer_code\",\"name\"],\"email_format\":[\"email\"],"
            + "\"positive_numbers\":[\"credit_limit\"]}}";
    /** The first customers file: four good rows, and JL009 (line 6) whose email has no @. */
    private static final List<String> FIRST_CUSTOMERS = List.of(
            "JL001,Ada Lovelace,ada@example.com,+44-20-0001,UK,Enterprise,15000.00",
            "JL002,Alan Turing,alan@example.com,+44-20-0002,UK,SMB,2500.50",
            "JL003,Grace Hopper,grace@example.com,+1-555-0003,USA,Enterprise,99999.99",
            "JL004,Edsger Dijkstra,edsger@example.com,,Netherlands,Consumer,0.01",
            "JL009,No Email,not-an-email,+1-555-0009,USA,SMB,10.00");
    /** The upsert file: JL002 and JL003 with new values, JL005 new; JL001 and JL004 are not in it. */
    private static final List<String> UPSERT_CUSTOMERS = List.of(
            "JL002,Alan M. Turing,turing@example.org,+44-20-9999,UK,Enterprise,7000.00",
            "JL003,Grace B. Hopper,grace@example.com,+1-555-3333,Canada,SMB,12.34",
            "JL005,Barbara Liskov,barbara@example.com,+1-555-0005,USA,Enterprise,500.00");
    private static final String FIRST_ORDERS = """
            [
              {"order_number": "JLO-1", "customer_code": "JL001", "order_date": "2024-03-01", "total_amount": 70.00,
               "status": "completed", "items": [{"product": "Analytical Engine", "qty": 1, "price": 50.00},
                                                {"product": "Punched Card", "qty": 4, "price": 5.00}]},
              {"order_number": "JLO-2", "customer_code": "JL002", "order_date": "2024-03-02", "total_amount": 12.50,
               "status": "pending", "items": [{"product": "Enigma Rotor", "qty": 5, "price": 2.50}]},
              {"order_number": "JLO-3", "customer_code": "JL003", "order_date": "2024-03-03", "total_amount": 31.00,
               "status": "shipped", "items": [{"product": "Compiler", "qty": 1, "price": 20.00},
                                              {"product": "Moth", "qty": 2, "price": 0.50},
                                              {"product": "Nanosecond Wire", "qty": 10, "price": 1.00}]}
            ]
            """;
    /** JLO-2 now with three items, JLO-3 with one: its items replace the stored ones; JLO-1 is not in it. */
    private static final String UPSERT_ORDERS = """
            [
              {"order_number": "JLO-2", "customer_code": "JL002", "order_date": "2024-04-02", "total_amount": 42.00,
               "status": "shipped", "items": [{"product": "Enigma Rotor", "qty": 6, "price": 2.50},
                                              {"product": "Bombe Drum", "qty": 2, "price": 10.00},
                                              {"product": "Plugboard Cable", "qty": 1, "price": 7.00}]},
              {"order_number": "JLO-3", "customer_code": "JL005", "order_date": "2024-04-03", "total_amount": 99.90,
               "status": "completed", "items": [{"product": "Compiler Manual", "qty": 3, "price": 33.30}]}
            ]
            """;
    private static final int CANCEL_ROWS = 100_000;
    /** Decimals as BigDecimal: as doubles, 99999.99 could come back as something else. */
    private static final JsonPathConfig MONEY_EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    private PlatformProcesses platform;
    private final String gateway = "http://localhost:" + PlatformProcesses.port(8080);
    private String token;
    private long firstCustomersFile;
    private long firstOrdersFile;

    @BeforeAll
    void startPlatform() {
        platform = PlatformProcesses.shared();
        token = given().baseUri(gateway).contentType("application/json")
                .body(Map.of("username", "admin", "password", PlatformProcesses.ADMIN_PASSWORD))
                .when().post("/api/auth/login").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    @Test
    @Order(1)
    void loaded_customers_and_orders_read_back_with_every_value_and_item_of_their_files() {
        firstCustomersFile = upload("jl_customers.csv", csv(FIRST_CUSTOMERS), "text/csv");
        awaitJob(process(firstCustomersFile, CUSTOMER_RULES), "completed");
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String line : FIRST_CUSTOMERS.subList(0, 4)) {
            expected.put(line.substring(0, 5), customerAsLoaded(line, firstCustomersFile));
        }
        assertThat(loadedCustomers()).isEqualTo(expected);

        firstOrdersFile = upload("jl_orders.json", FIRST_ORDERS, "application/json");
        awaitJob(process(firstOrdersFile, "{\"target_table\":\"orders\"}"), "completed");
        assertThat(loadedOrders()).isEqualTo(Map.of(
                "JLO-1", List.of("JL001", "2024-03-01", "70.00", "completed", "" + firstOrdersFile,
                        "1|Analytical Engine|1|50.00", "2|Punched Card|4|5.00"),
                "JLO-2", List.of("JL002", "2024-03-02", "12.50", "pending", "" + firstOrdersFile,
                        "1|Enigma Rotor|5|2.50"),
                "JLO-3", List.of("JL003", "2024-03-03", "31.00", "shipped", "" + firstOrdersFile,
                        "1|Compiler|1|20.00", "2|Moth|2|0.50", "3|Nanosecond Wire|10|1.00")));
    }

    @Test
    @Order(2)
    void an_upsert_file_changes_the_rows_it_names_and_the_others_keep_their_values() {
        long upsertCustomersFile = upload("jl_customers_upsert.csv", csv(UPSERT_CUSTOMERS), "text/csv");
        awaitJob(process(upsertCustomersFile, CUSTOMER_RULES.replace("{\"target_table\"", "{\"mode\":\"upsert\",\"target_table\"")),
                "completed");
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("JL001", customerAsLoaded(FIRST_CUSTOMERS.get(0), firstCustomersFile));
        expected.put("JL002", customerAsLoaded(UPSERT_CUSTOMERS.get(0), upsertCustomersFile));
        expected.put("JL003", customerAsLoaded(UPSERT_CUSTOMERS.get(1), upsertCustomersFile));
        expected.put("JL004", customerAsLoaded(FIRST_CUSTOMERS.get(3), firstCustomersFile));
        expected.put("JL005", customerAsLoaded(UPSERT_CUSTOMERS.get(2), upsertCustomersFile));
        assertThat(loadedCustomers()).isEqualTo(expected);

        long upsertOrdersFile = upload("jl_orders_upsert.json", UPSERT_ORDERS, "application/json");
        awaitJob(process(upsertOrdersFile, "{\"target_table\":\"orders\",\"mode\":\"upsert\"}"), "completed");
        assertThat(loadedOrders()).isEqualTo(Map.of(
                "JLO-1", List.of("JL001", "2024-03-01", "70.00", "completed", "" + firstOrdersFile,
                        "1|Analytical Engine|1|50.00", "2|Punched Card|4|5.00"),
                "JLO-2", List.of("JL002", "2024-04-02", "42.00", "shipped", "" + upsertOrdersFile,
                        "1|Enigma Rotor|6|2.50", "2|Bombe Drum|2|10.00", "3|Plugboard Cable|1|7.00"),
                "JLO-3", List.of("JL005", "2024-04-03", "99.90", "completed", "" + upsertOrdersFile,
                        "1|Compiler Manual|3|33.30")));
    }

    @Test
    @Order(3)
    void a_deleted_file_answers_404_for_its_errors_and_its_loaded_rows_stay_with_its_id() {
        given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + firstCustomersFile + "/errors")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].row_number", equalTo(6));

        given().baseUri(gateway).auth().oauth2(token).when().delete("/api/data/files/" + firstCustomersFile)
                .then().statusCode(204);

        given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + firstCustomersFile)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        // validation forgets the file when FileDeleted reaches it over Kafka
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + firstCustomersFile + "/errors")
                        .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND")));
        Map<String, List<String>> stillLoaded = new LinkedHashMap<>();
        stillLoaded.put("JL001", customerAsLoaded(FIRST_CUSTOMERS.get(0), firstCustomersFile));
        stillLoaded.put("JL004", customerAsLoaded(FIRST_CUSTOMERS.get(3), firstCustomersFile));
        assertThat(customers(Map.of("source_file_id", firstCustomersFile))).isEqualTo(stillLoaded);
    }

    @Test
    @Order(4)
    void after_a_cancel_nothing_more_of_the_file_loads() throws IOException {
        Path file = platform.workDir().resolve("jl_cancel_100k.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(CUSTOMER_HEADER + "\n");
            for (int i = 0; i < CANCEL_ROWS; i++) {
                out.write(String.format("JC%07d,Cancel %d,jc%d@example.com,,USA,SMB,1.00%n", i, i, i));
            }
        }
        long fileId = given().baseUri(gateway).auth().oauth2(token).multiPart("file", file.toFile(), "text/csv")
                .when().post("/api/data/upload").then().statusCode(201).extract().jsonPath().getLong("id");
        long jobId = process(fileId, CUSTOMER_RULES);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> job(jobId).getLong("progress.rows_loaded") >= 2_000);

        given().baseUri(gateway).auth().oauth2(token).when().delete("/api/data/files/" + fileId)
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("FILE_BUSY"));
        given().baseUri(gateway).auth().oauth2(token).when().post("/api/jobs/" + jobId + "/cancel")
                .then().statusCode(200).body("status", equalTo("cancelled"));

        // batches a stage took before JobCancelled reached it still finish (ADR 0012); then the count must stop
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            long now = loadedCount(fileId);
            boolean settled = now == last[0];
            last[0] = now;
            return settled;
        });
        long loaded = last[0];
        for (int second = 0; second < 5; second++) {
            sleep(Duration.ofSeconds(1));
            assertThat(loadedCount(fileId)).as("customers loaded " + (second + 1) + " s after the count settled")
                    .isEqualTo(loaded);
        }
        assertThat(loaded).as("rows loaded of a file cancelled part-way").isGreaterThanOrEqualTo(2_000).isLessThan(CANCEL_ROWS);
        JsonPath cancelled = job(jobId);
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getLong("progress.rows_loaded")).isLessThanOrEqualTo(loaded);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/files/" + fileId)
                        .then().statusCode(200).body("status", equalTo("cancelled")));
    }

    // ---- helpers

    private static String csv(List<String> lines) {
        return CUSTOMER_HEADER + "\n" + String.join("\n", lines) + "\n";
    }

    /** A CSV line as GET /api/data/customers must show it; an empty field is null (CUST007's phone, docs/product-spec.md §12.1). */
    private static List<String> customerAsLoaded(String line, long fileId) {
        List<String> values = new ArrayList<>();
        for (String field : line.split(",", -1)) {
            values.add(field.isEmpty() ? null : field);
        }
        values.add("true");
        values.add(Long.toString(fileId));
        return values;
    }

    private Map<String, List<String>> loadedCustomers() {
        return customers(Map.of("search", "JL00"));
    }

    /** The loaded customers the filter finds, by code: every field of the view as text, decimals as the file wrote them. */
    private Map<String, List<String>> customers(Map<String, Object> filter) {
        JsonPath page = given().baseUri(gateway).auth().oauth2(token).queryParams(filter).queryParam("limit", 100)
                .queryParam("sort", "customer_code").when().get("/api/data/customers")
                .then().statusCode(200).extract().jsonPath().using(MONEY_EXACT);
        Map<String, List<String>> loaded = new LinkedHashMap<>();
        for (Map<String, Object> c : page.<Map<String, Object>>getList("items")) {
            String code = (String) c.get("customer_code");
            if (!code.startsWith("JL")) {
                continue;
            }
            loaded.put(code, text(c.get("customer_code"), c.get("name"), c.get("email"), c.get("phone"), c.get("country"),
                    c.get("segment"), money(c.get("credit_limit")), c.get("is_active"), c.get("source_file_id")));
        }
        return loaded;
    }

    /** Orders JLO-*: customer_code, order_date, total_amount, status, source_file_id, then each item as line|product|qty|price. */
    private Map<String, List<String>> loadedOrders() {
        JsonPath page = given().baseUri(gateway).auth().oauth2(token).queryParam("search", "JLO-").queryParam("limit", 100)
                .when().get("/api/data/orders").then().statusCode(200).extract().jsonPath();
        Map<String, List<String>> loaded = new LinkedHashMap<>();
        for (Number id : page.<Number>getList("items.id")) {
            JsonPath order = given().baseUri(gateway).auth().oauth2(token).when().get("/api/data/orders/" + id)
                    .then().statusCode(200).extract().jsonPath().using(MONEY_EXACT);
            List<String> values = text(order.get("customer_code"), order.get("order_date"), money(order.get("total_amount")),
                    order.get("status"), order.get("source_file_id"));
            for (Map<String, Object> item : order.<Map<String, Object>>getList("items")) {
                values.add(String.join("|", text(item.get("line_no"), item.get("product"), item.get("qty"), money(item.get("price")))));
            }
            loaded.put(order.getString("order_number"), values);
        }
        return loaded;
    }

    private static List<String> text(Object... values) {
        List<String> texts = new ArrayList<>();
        for (Object value : values) {
            texts.add(value == null ? null : value.toString());
        }
        return texts;
    }

    /** An amount as the files write it, two decimals: the API's 2.5 and 2.50 are the same amount. */
    private static String money(Object value) {
        return value == null ? null : new BigDecimal(value.toString()).setScale(2).toPlainString();
    }

    private long loadedCount(long fileId) {
        return given().baseUri(gateway).auth().oauth2(token).queryParam("source_file_id", fileId).queryParam("limit", 1)
                .when().get("/api/data/customers").then().statusCode(200).extract().jsonPath().getLong("total");
    }

    private long upload(String name, String content, String contentType) {
        return given().baseUri(gateway).auth().oauth2(token)
                .multiPart("file", name, content.getBytes(StandardCharsets.UTF_8), contentType)
                .when().post("/api/data/upload").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private long process(long fileId, String body) {
        return given().baseUri(gateway).auth().oauth2(token).contentType("application/json").body(body)
                .when().post("/api/data/files/" + fileId + "/process").then().statusCode(202)
                .extract().jsonPath().getLong("job_id");
    }

    private JsonPath job(long jobId) {
        return given().baseUri(gateway).auth().oauth2(token).when().get("/api/jobs/" + jobId)
                .then().statusCode(200).extract().jsonPath();
    }

    private void awaitJob(long jobId, String status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> status.equals(job(jobId).getString("status")));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
