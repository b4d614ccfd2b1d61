package io.dataops.loader.messaging;

import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.LoadMode;
import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.LoaderReport;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.RowsRejected;
import io.dataops.model.events.RowsRejected.RejectedRow;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestKafka;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Plays validation-service on the real broker with orders and their items; reads the tables directly. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class OrdersLoadTest {
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 50);

    @Inject
    DataSource dataSource;

    private static SourceRow customer(long line, String code, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_code", code);
        values.put("name", name);
        return SourceRow.of(line, values, code);
    }

    private static SourceRow order(long line, String number, String customer, String total, String items) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("order_number", number);
        values.put("customer_code", customer);
        values.put("order_date", "2024-01-15");
        values.put("total_amount", total);
        values.put("status", "completed");
        values.put("items", items);
        return SourceRow.of(line, values, "{\"order_number\":\"" + number + "\"}");
    }

    private static String item(String product, int qty, String price) {
        return "{\"product\":\"" + product + "\",\"qty\":" + qty + ",\"price\":" + price + "}";
    }

    private static String items(String... items) {
        return "[" + String.join(",", items) + "]";
    }

    private static void send(FileRowsMessage message) {
        TestKafka.send(Topics.FILE_ROWS_VALIDATED, Long.toString(message.fileId()), EventCodec.encode(message));
    }

    /** Sends the batches and the closing marker of one run and waits for its FileLoaded. */
    private static PipelineEvent.FileLoaded run(long jobId, long fileId, String target, LoadMode mode,
                                                List<SourceRow> rows) {
        send(new RowBatch(jobId, fileId, target, ValidationRules.none(), 1, rows, mode));
        send(new RowsEnd(jobId, fileId, target, 1, rows.size(), 0));
        return awaitFileLoaded(jobId);
    }

    /** The loader's closing report of a run: the FileLoaded that validation-service publishes once it has the rejects. */
    private static PipelineEvent.FileLoaded awaitFileLoaded(long jobId) {
        var records = TestKafka.readUntil(Topics.FILE_ROWS_REJECTED,
                r -> EventCodec.decode(r.value(), LoaderReport.class) instanceof LoadFinished f && f.jobId() == jobId,
                kept -> !kept.isEmpty(), Duration.ofSeconds(30));
        assertThat(records).isNotEmpty();
        return ((LoadFinished) EventCodec.decode(records.get(0).value(), LoaderReport.class)).loaded();
    }

    private static List<RejectedRow> rejectsOf(long jobId) {
        var reported = TestKafka.readUntil(Topics.FILE_ROWS_REJECTED,
                r -> EventCodec.decode(r.value(), LoaderReport.class) instanceof RowsRejected rr && rr.jobId() == jobId, kept -> !kept.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(reported).isNotEmpty();
        return EventCodec.decode(reported.get(0).value(), RowsRejected.class).rows();
    }

    private List<List<Object>> query(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        Object value = r.getObject(i);
                        row.add(value instanceof Number n ? (Object) n.toString() : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static Tuple row(List<Object> values) {
        return new Tuple(values.toArray());
    }

    private void loadCustomers(String... codes) {
        long fileId = IDS.incrementAndGet();
        List<SourceRow> rows = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            rows.add(customer(i + 2, codes[i], "Customer " + codes[i]));
        }
        assertThat(run(IDS.incrementAndGet(), fileId, "customers", LoadMode.INSERT, rows).rowsLoaded())
                .isEqualTo(codes.length);
    }

    @Test
    void loaded_orders_and_their_items_read_back_through_the_api() {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        String customer = "C" + fileId + "R";
        loadCustomers(customer);
        run(jobId, fileId, "orders", LoadMode.INSERT, List.of(
                order(1, "R" + fileId + "-1", customer, "500.00", items(item("Widget A", 10, "25.00"), item("Widget B", 5, "50.00"))),
                order(2, "R" + fileId + "-2", customer, "300.00", items(item("Gadget X", 2, "150.00")))));

        String viewer = TestTokens.forRole("viewer");
        int id = given().auth().oauth2(viewer).queryParam("source_file_id", fileId).queryParam("sort", "-order_number")
                .when().get("/api/data/orders")
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.order_number", contains("R" + fileId + "-2", "R" + fileId + "-1"))
                .body("items[1].customer_code", equalTo(customer)).body("items[1].total_amount", equalTo(500.0f))
                .extract().path("items[1].id");
        given().auth().oauth2(viewer).when().get("/api/data/orders/" + id)
                .then().statusCode(200).body("order_number", equalTo("R" + fileId + "-1"))
                .body("items.line_no", contains(1, 2)).body("items.product", contains("Widget A", "Widget B"))
                .body("items[1].qty", equalTo(5));
        given().auth().oauth2(viewer).queryParam("customer_code", customer).queryParam("date_from", "2100-01-01")
                .when().get("/api/data/orders").then().statusCode(200).body("total", equalTo(0));

        given().auth().oauth2(viewer).queryParam("date_to", "yesterday").when().get("/api/data/orders")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("INVALID_REQUEST"))
                .body("errors[0].field", equalTo("date_to"));
        given().auth().oauth2(viewer).queryParam("sort", "customer_id; drop table orders").when().get("/api/data/orders")
                .then().statusCode(400).body("errors[0].field", equalTo("sort"));
        given().auth().oauth2(viewer).when().get("/api/data/orders/999999999")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().when().get("/api/data/orders").then().statusCode(401);
    }

    @Test
    void orders_load_with_their_items_and_an_order_of_an_unknown_customer_is_a_reference_error() throws SQLException {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        String c1 = "C" + fileId + "A";
        String c2 = "C" + fileId + "B";
        loadCustomers(c1, c2);

        PipelineEvent.FileLoaded loaded = run(jobId, fileId, "orders", LoadMode.INSERT, List.of(
                order(1, "O" + fileId + "-1", c1, "500.00", items(item("Widget A", 10, "25.00"), item("Widget B", 5, "50.00"))),
                order(2, "O" + fileId + "-2", c2, "300.00", items(item("Gadget X", 2, "150.00"))),
                order(3, "O" + fileId + "-3", "INVALID", "0.00", "[]")));

        assertThat(loaded.rowsLoaded()).isEqualTo(2);
        assertThat(loaded.rowsRejected()).isEqualTo(1);
        assertThat(rejectsOf(jobId)).extracting(RejectedRow::rowNumber, RejectedRow::field, RejectedRow::value,
                RejectedRow::errorType, RejectedRow::message).containsExactly(tuple(3L, "customer_code", "INVALID",
                "REFERENCE", "customer_code 'INVALID' is not a loaded customer_code of customers"));
        assertThat(query("SELECT o.order_number, o.customer_code, c.customer_code, o.total_amount, o.load_row_number"
                + " FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.source_file_id = ?"
                + " ORDER BY o.order_number", fileId)).extracting(OrdersLoadTest::row).containsExactly(
                tuple("O" + fileId + "-1", c1, c1, "500.00", "1"),
                tuple("O" + fileId + "-2", c2, c2, "300.00", "2"));
        assertThat(query("SELECT o.order_number, i.line_no, i.product, i.qty, i.price, i.load_row_number, i.load_job_id"
                + " FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.source_file_id = ?"
                + " ORDER BY o.order_number, i.line_no", fileId)).extracting(OrdersLoadTest::row).containsExactly(
                tuple("O" + fileId + "-1", "1", "Widget A", "10", "25.00", "1", Long.toString(jobId)),
                tuple("O" + fileId + "-1", "2", "Widget B", "5", "50.00", "1", Long.toString(jobId)),
                tuple("O" + fileId + "-2", "1", "Gadget X", "2", "150.00", "2", Long.toString(jobId)));
    }

    @Test
    void a_key_from_another_file_is_a_duplicate_by_default_and_an_update_when_the_run_asks_for_upsert()
            throws SQLException {
        long firstFile = IDS.incrementAndGet();
        String customer = "U" + firstFile;
        String number = "U" + firstFile + "-1";
        loadCustomers(customer);
        run(IDS.incrementAndGet(), firstFile, "orders", LoadMode.INSERT,
                List.of(order(1, number, customer, "10.00", items(item("Old", 1, "10.00")))));

        long secondFile = IDS.incrementAndGet();
        long insertJob = IDS.incrementAndGet();
        PipelineEvent.FileLoaded asInsert = run(insertJob, secondFile, "orders", LoadMode.INSERT,
                List.of(order(1, number, customer, "99.00", items(item("New", 2, "49.50")))));
        assertThat(asInsert.rowsLoaded()).isZero();
        assertThat(rejectsOf(insertJob)).extracting(RejectedRow::errorType, RejectedRow::message).containsExactly(
                tuple("DUPLICATE", "order_number '" + number + "' was already loaded from file " + firstFile + " (row 1)"));

        long upsertJob = IDS.incrementAndGet();
        List<SourceRow> upsertRows = List.of(order(1, number, customer, "99.00",
                items(item("New", 2, "49.50"), item("Newer", 1, "0.00"))));
        assertThat(run(upsertJob, secondFile, "orders", LoadMode.UPSERT, upsertRows).rowsLoaded()).isEqualTo(1);
        List<List<Object>> order = query("SELECT total_amount, source_file_id, load_job_id FROM orders"
                + " WHERE order_number = ?", number);
        List<List<Object>> items = query("SELECT i.line_no, i.product, i.source_file_id FROM order_items i"
                + " JOIN orders o ON o.id = i.order_id WHERE o.order_number = ? ORDER BY i.line_no", number);
        assertThat(order).extracting(OrdersLoadTest::row).containsExactly(
                tuple("99.00", Long.toString(secondFile), Long.toString(upsertJob)));
        assertThat(items).extracting(OrdersLoadTest::row).containsExactly(
                tuple("1", "New", Long.toString(secondFile)), tuple("2", "Newer", Long.toString(secondFile)));

        // the same file run again in upsert mode: nothing changes, nothing is wrong
        long rerun = IDS.incrementAndGet();
        PipelineEvent.FileLoaded again = run(rerun, secondFile, "orders", LoadMode.UPSERT, upsertRows);
        assertThat(again.rowsLoaded()).isZero();
        assertThat(again.rowsRejected()).isZero();
        assertThat(query("SELECT total_amount, source_file_id, load_job_id FROM orders WHERE order_number = ?", number))
                .isEqualTo(order);
        assertThat(query("SELECT i.line_no, i.product, i.source_file_id FROM order_items i"
                + " JOIN orders o ON o.id = i.order_id WHERE o.order_number = ? ORDER BY i.line_no", number))
                .isEqualTo(items);
    }

    @Test
    void a_batch_the_database_refuses_is_retried_row_by_row_and_only_the_bad_rows_are_rejected() throws SQLException {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        String tooLong = "N".repeat(600); // longer than LOAD_REJECTS.field_value too: the ledger clips it
        List<SourceRow> rows = List.of(
                customer(2, "R" + fileId + "A", "Fine"),
                customer(3, "R" + fileId + "B", tooLong),
                customer(4, "R" + fileId + "C", "Also fine"));

        PipelineEvent.FileLoaded loaded = run(jobId, fileId, "customers", LoadMode.INSERT, rows);

        assertThat(loaded.rowsLoaded()).isEqualTo(2);
        assertThat(loaded.rowsRejected()).isEqualTo(1);
        assertThat(rejectsOf(jobId)).singleElement().satisfies(reject -> {
            assertThat(reject.rowNumber()).isEqualTo(3);
            assertThat(reject.errorType()).isEqualTo("VALUE_TOO_LARGE");
            assertThat(reject.field()).isEqualTo("name");
            assertThat(reject.value()).isEqualTo(tooLong);
            assertThat(reject.message()).startsWith("The database refused the row: Value too long for column")
                    .doesNotContain("MERGE", "SQL statement", "SELECT");
        });
        assertThat(query("SELECT customer_code, name FROM customers WHERE source_file_id = ? ORDER BY customer_code",
                fileId)).extracting(OrdersLoadTest::row).containsExactly(
                tuple("R" + fileId + "A", "Fine"), tuple("R" + fileId + "C", "Also fine"));
    }

    @Test
    void an_item_the_database_refuses_rejects_its_order_only_and_a_redelivered_batch_changes_nothing()
            throws SQLException {
        long fileId = IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        String customer = "I" + fileId;
        loadCustomers(customer);
        RowBatch batch = new RowBatch(jobId, fileId, "orders", ValidationRules.none(), 1, List.of(
                order(1, "I" + fileId + "-1", customer, "1.00", items(item("One", 1, "1.00"))),
                order(2, "I" + fileId + "-2", customer, "2.00", items(item("Two", 1, "1.00"), item("P".repeat(101), 1, "1.00"))),
                order(3, "I" + fileId + "-3", customer, "3.00", items(item("Three", 3, "1.00")))), LoadMode.INSERT);

        send(batch);
        send(batch);
        send(new RowsEnd(jobId, fileId, "orders", 1, 3, 0));
        PipelineEvent.FileLoaded loaded = awaitFileLoaded(jobId);
        send(batch);
        send(new RowsEnd(jobId, fileId, "orders", 1, 3, 0));

        assertThat(loaded.rowsLoaded()).isEqualTo(2);
        assertThat(loaded.rowsRejected()).isEqualTo(1);
        assertThat(rejectsOf(jobId)).singleElement().satisfies(reject -> {
            assertThat(reject.rowNumber()).isEqualTo(2);
            assertThat(reject.field()).isEqualTo("items[1].product");
            assertThat(reject.errorType()).isEqualTo("VALUE_TOO_LARGE");
        });
        var redelivered = TestKafka.readUntil(Topics.FILE_ROWS_REJECTED,
                r -> EventCodec.decode(r.value(), LoaderReport.class) instanceof RowsRejected rr && rr.jobId() == jobId, kept -> kept.size() >= 3,
                Duration.ofSeconds(30));
        assertThat(redelivered).hasSize(3).allSatisfy(r -> assertThat(EventCodec.decode(r.value(), RowsRejected.class)
                .rows()).extracting(RejectedRow::rowNumber).containsExactly(2L));
        assertThat(query("SELECT o.order_number, COUNT(i.id) FROM orders o LEFT JOIN order_items i ON i.order_id = o.id"
                + " WHERE o.source_file_id = ? GROUP BY o.order_number ORDER BY o.order_number", fileId))
                .extracting(OrdersLoadTest::row).containsExactly(
                        tuple("I" + fileId + "-1", "1"), tuple("I" + fileId + "-3", "1"));
        assertThat(query("SELECT rows_offered, rows_loaded FROM loaded_batches WHERE job_id = ?", jobId))
                .extracting(OrdersLoadTest::row).containsExactly(tuple("3", "2"));
    }
}
