package io.dataops.loader.service;

import io.dataops.loader.repository.LoadLedger.Reject;
import io.dataops.loader.sql.LoadStatements;
import io.dataops.model.events.LoadMode;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.model.targets.TargetTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer on an embedded H2 (Oracle mode) with the loader's migrations, through a connection that counts the
 * statements prepared and executed: what a batch costs in round trips to a database server must not grow with it.
 */
class BatchWriterTest {
    private static final LoadStatements CUSTOMERS = new LoadStatements(TargetTables.CUSTOMERS);
    private static final LoadStatements ORDERS = new LoadStatements(TargetTables.ORDERS);
    /** Migrated once; each test works in one transaction, rolled back after it. */
    private static Connection connection;
    private final BatchWriter writer = new BatchWriter(new ChildWriter());

    @BeforeAll
    static void migratedDatabase() throws Exception {
        connection = DriverManager.getConnection("jdbc:h2:mem:writer;MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        connection.setAutoCommit(false);
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"));
             Statement s = connection.createStatement()) {
            for (Path file : files.sorted().toList()) {
                for (String sql : Files.readString(file).replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
            }
        }
        connection.commit();
    }

    @AfterEach
    void rollBack() throws SQLException {
        connection.rollback();
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    private static Candidate customer(long row, String code) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_code", code);
        values.put("name", "Customer " + code);
        values.put("credit_limit", "10.50");
        return new Candidate(SourceRow.of(row, values, code + ",Customer"), List.of());
    }

    private static Candidate order(long row, String number, String customer, int items) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("order_number", number);
        values.put("customer_code", customer);
        values.put("order_date", "2024-01-15");
        values.put("total_amount", "3.00");
        List<Map<String, String>> elements = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            elements.add(Map.of("product", "P" + i, "qty", "1", "price", "1.00"));
        }
        return new Candidate(SourceRow.of(row, values, number), List.of(elements));
    }

    private static RowBatch batch(long fileId, long jobId, String target, List<Candidate> rows) {
        return new RowBatch(jobId, fileId, target, ValidationRules.none(), 1,
                rows.stream().map(Candidate::row).toList(), LoadMode.INSERT);
    }

    private static List<Candidate> customers(long firstRow, int count, String prefix) {
        List<Candidate> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(customer(firstRow + i, prefix + i));
        }
        return rows;
    }

    /** Round trips of one write of {@code rows} (a new count each time). */
    private int roundTrips(LoadStatements target, RowBatch batch, List<Candidate> rows) throws SQLException {
        CountingConnection counting = new CountingConnection();
        writer.write(counting.wrap(connection), target, batch, rows);
        return counting.roundTrips();
    }

    private List<String> stored(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1) + "@" + r.getLong(2));
            }
        }
        return rows;
    }

    @Test
    void a_batch_of_new_keys_is_one_insert_whatever_its_size() throws SQLException {
        int ten = roundTrips(CUSTOMERS, batch(1, 1, "customers", customers(2, 10, "A")), customers(2, 10, "A"));
        int fourHundred = roundTrips(CUSTOMERS, batch(1, 1, "customers", customers(12, 400, "B")),
                customers(12, 400, "B"));

        assertThat(ten).isEqualTo(3); // a savepoint, then prepare and execute one INSERT batch
        assertThat(fourHundred).isEqualTo(ten);
        assertThat(stored("SELECT COUNT(*), 0 FROM customers")).containsExactly("410@0");
    }

    @Test
    void a_batch_meeting_stored_keys_costs_the_same_whatever_its_size() throws SQLException {
        int[] counts = new int[2];
        int[] sizes = {10, 400};
        for (int n = 0; n < 2; n++) {
            String prefix = "K" + n + "-";
            int size = sizes[n];
            // another file holds the first half; this run's higher rows (from 10_000) hold the second half
            List<Candidate> otherFile = customers(2, size / 2, prefix);
            writer.write(connection, CUSTOMERS, batch(9, 90, "customers", otherFile), otherFile);
            List<Candidate> higher = new ArrayList<>();
            for (int i = size / 2; i < size; i++) {
                higher.add(customer(10_000 + i, prefix + i));
            }
            writer.write(connection, CUSTOMERS, batch(1, 10, "customers", higher), higher);

            List<Candidate> rows = customers(2, size, prefix);
            CountingConnection counting = new CountingConnection();
            BatchWriter.Written written = writer.write(counting.wrap(connection), CUSTOMERS,
                    batch(1, 10, "customers", rows), rows);
            counts[n] = counting.roundTrips();

            assertThat(written.loaded()).isEqualTo(size - size / 2);
            assertThat(written.displaced()).isEqualTo(size - size / 2);
            assertThat(written.rejects()).hasSize(size);
        }
        assertThat(counts[1]).isEqualTo(counts[0]);
        // the savepoint, the failed INSERT, the rollback to the savepoint, the look-up of the keys, the rewriting MERGE
        assertThat(counts[0]).isEqualTo(8);
    }

    @Test
    void a_lower_row_displaces_a_higher_row_of_its_run_and_the_higher_becomes_its_duplicate() throws SQLException {
        List<Candidate> higher = List.of(customer(900, "C1"), customer(901, "C2"));
        writer.write(connection, CUSTOMERS, batch(1, 10, "customers", higher), higher);
        List<Candidate> lower = List.of(customer(2, "C1"), customer(3, "C3"));

        BatchWriter.Written written = writer.write(connection, CUSTOMERS, batch(1, 10, "customers", lower), lower);

        assertThat(written.loaded()).isEqualTo(2);
        assertThat(written.displaced()).isEqualTo(1);
        assertThat(written.rejects()).extracting(r -> r.row().rowNumber(), r -> r.row().message(), Reject::duplicateOfRow)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(900L,
                        "customer_code 'C1' appears earlier in this file (row 2)", 2L));
        assertThat(stored("SELECT customer_code, load_row_number FROM customers ORDER BY customer_code"))
                .containsExactly("C1@2", "C2@901", "C3@3");
    }

    @Test
    void orders_and_their_items_cost_the_same_whatever_the_batch_size() throws SQLException {
        List<Candidate> customers = customers(2, 1, "C");
        writer.write(connection, CUSTOMERS, batch(1, 1, "customers", customers), customers);
        int[] counts = new int[2];
        int[] sizes = {10, 400};
        for (int n = 0; n < 2; n++) {
            List<Candidate> orders = new ArrayList<>();
            for (int i = 0; i < sizes[n]; i++) {
                orders.add(order(2 + i, "O" + n + "-" + i, "C0", 2));
            }
            counts[n] = roundTrips(ORDERS, batch(2, 2 + n, "orders", orders), orders);
        }

        assertThat(counts[0]).isEqualTo(5); // a savepoint, the orders' INSERT and the items' INSERT
        assertThat(counts[1]).isEqualTo(counts[0]);
        assertThat(stored("SELECT COUNT(*), 0 FROM order_items i JOIN orders o ON o.id = i.order_id"
                + " JOIN customers c ON c.id = o.customer_id")).containsExactly("820@0");
    }

    @Test
    void a_displaced_orders_items_are_replaced_by_the_lower_rows() throws SQLException {
        List<Candidate> customers = customers(2, 1, "C");
        writer.write(connection, CUSTOMERS, batch(1, 1, "customers", customers), customers);
        List<Candidate> higher = List.of(order(50, "O1", "C0", 3));
        writer.write(connection, ORDERS, batch(2, 20, "orders", higher), higher);
        List<Candidate> lower = List.of(order(5, "O1", "C0", 1));

        CountingConnection counting = new CountingConnection();
        BatchWriter.Written written = writer.write(counting.wrap(connection), ORDERS, batch(2, 20, "orders", lower), lower);

        assertThat(written.displaced()).isEqualTo(1);
        assertThat(stored("SELECT i.product, i.load_row_number FROM order_items i JOIN orders o ON o.id = i.order_id"
                + " WHERE o.order_number = 'O1'")).containsExactly("P0@5");
        // savepoint, failed INSERT, rollback, look-up, the items' DELETE, the MERGE, the items' INSERT
        assertThat(counting.roundTrips()).isEqualTo(12);
    }
}
