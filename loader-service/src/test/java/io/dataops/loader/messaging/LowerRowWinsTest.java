package io.dataops.loader.messaging;

import io.dataops.loader.repository.LoadLedger;
import io.dataops.loader.service.BatchLoad;
import io.dataops.model.Topics;
import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.LoadFinished;
import io.dataops.model.events.LoadMode;
import io.dataops.model.events.LoaderReport;
import io.dataops.model.events.PipelineEvent;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.RowsEnd;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestKafka;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Within a file the lower row number keeps a key, whatever order the file's batches are loaded in
 * (docs/adr/0026-insert-once-lower-row-wins.md). Each test loads the same file's batches in row order and in
 * reverse, under two file ids with their own keys, and compares what is stored, rejected and counted.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class LowerRowWinsTest {
    private static final AtomicLong IDS = new AtomicLong(8_000_000_000L + System.currentTimeMillis() % 1_000_000 * 100);

    @Inject
    DataSource dataSource;
    @Inject
    BatchLoad loads;

    private static SourceRow customer(long line, String code, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customer_code", code);
        values.put("name", name);
        return SourceRow.of(line, values, line + "," + code + "," + name);
    }

    private static SourceRow order(long line, String number, String customer, String... products) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("order_number", number);
        values.put("customer_code", customer);
        values.put("order_date", "2024-01-15");
        values.put("total_amount", "1.00");
        List<String> items = new ArrayList<>();
        for (String product : products) {
            items.add("{\"product\":\"" + product + "\",\"qty\":1,\"price\":1.00}");
        }
        values.put("items", "[" + String.join(",", items) + "]");
        return SourceRow.of(line, values, "{\"order_number\":\"" + number + "\"}");
    }

    private static void send(FileRowsMessage message) {
        TestKafka.send(Topics.FILE_ROWS_VALIDATED, Long.toString(message.fileId()), EventCodec.encode(message));
    }

    /** One run of a file: its batches in the given order, then its closing marker; waits for the loader's report. */
    private static long run(long fileId, String target, List<List<SourceRow>> batchesInRowOrder, boolean reverse,
                            boolean redeliverFirst) {
        long jobId = IDS.incrementAndGet();
        List<RowBatch> batches = new ArrayList<>();
        for (int i = 0; i < batchesInRowOrder.size(); i++) {
            batches.add(new RowBatch(jobId, fileId, target, ValidationRules.none(), i + 1, batchesInRowOrder.get(i),
                    LoadMode.INSERT));
        }
        List<RowBatch> sent = new ArrayList<>(batches);
        if (reverse) {
            java.util.Collections.reverse(sent);
        }
        sent.forEach(LowerRowWinsTest::send);
        if (redeliverFirst) {
            send(sent.get(0));
        }
        int rows = batchesInRowOrder.stream().mapToInt(List::size).sum();
        send(new RowsEnd(jobId, fileId, target, batches.size(), rows, 0));
        var records = TestKafka.readUntil(Topics.FILE_ROWS_REJECTED,
                r -> EventCodec.decode(r.value(), LoaderReport.class) instanceof LoadFinished f && f.jobId() == jobId,
                kept -> !kept.isEmpty(), Duration.ofSeconds(60));
        assertThat(records).isNotEmpty();
        return jobId;
    }

    private List<String> query(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.add(String.valueOf(r.getObject(i)));
                    }
                    rows.add(String.join(" | ", row));
                }
            }
            return rows;
        }
    }

    /** What a run left, with the file's own key prefix taken out so two files' runs compare. */
    private record Outcome(List<String> stored, List<String> rejects, LoadLedger.Totals totals) {
    }

    private Outcome outcome(long jobId, String prefix, String storedSql) throws SQLException {
        Function<List<String>, List<String>> plain = rows -> rows.stream().map(r -> r.replace(prefix, "")).toList();
        LoadLedger.Totals t = loads.totals(jobId);
        return new Outcome(plain.apply(query(storedSql, jobId)),
                plain.apply(query("SELECT row_number, error_type, field_value, error_message, duplicate_of_row"
                        + " FROM load_rejects WHERE job_id = ? ORDER BY row_number", jobId)),
                new LoadLedger.Totals(0, t.rowsOffered(), t.rowsLoaded(), t.rowsRejected(), t.inFileDuplicates()));
    }

    private static List<List<SourceRow>> customerFile(String p) {
        return List.of(
                List.of(customer(2, p + "A", "first A"), customer(3, p + "B", "first B"),
                        customer(4, p + "C", "N".repeat(101))),
                List.of(customer(5, p + "B", "second B"), customer(6, p + "D", "first D"), customer(7, p + "D", "second D")),
                List.of(customer(8, p + "A", "second A"), customer(9, p + "E", "first E"), customer(10, p + "D", "third D"),
                        customer(11, p + "C", "second C")));
    }

    @Test
    void a_files_batches_in_row_order_and_in_reverse_store_reject_and_count_the_same() throws SQLException {
        String storedSql = "SELECT customer_code, name, load_row_number FROM customers WHERE load_job_id = ?"
                + " ORDER BY customer_code";
        long inOrderFile = IDS.incrementAndGet();
        String inOrderPrefix = "W" + inOrderFile + "-";
        long inOrder = run(inOrderFile, "customers", customerFile(inOrderPrefix), false, false);
        long reverseFile = IDS.incrementAndGet();
        String reversePrefix = "W" + reverseFile + "-";
        long reverse = run(reverseFile, "customers", customerFile(reversePrefix), true, true);

        Outcome expected = outcome(inOrder, inOrderPrefix, storedSql);
        assertThat(expected.stored()).containsExactly(
                "A | first A | 2", "B | first B | 3", "C | second C | 11", "D | first D | 6", "E | first E | 9");
        assertThat(expected.rejects()).hasSize(5).containsSubsequence(
                "5 | DUPLICATE | B | customer_code 'B' appears earlier in this file (row 3) | 3",
                "7 | DUPLICATE | D | customer_code 'D' appears earlier in this file (row 6) | 6",
                "8 | DUPLICATE | A | customer_code 'A' appears earlier in this file (row 2) | 2",
                "10 | DUPLICATE | D | customer_code 'D' appears earlier in this file (row 6) | 6");
        assertThat(expected.rejects().get(0)).startsWith("4 | VALUE_TOO_LARGE").endsWith("| null");
        assertThat(expected.totals()).isEqualTo(new LoadLedger.Totals(0, 10, 5, 5, 4));
        assertThat(outcome(reverse, reversePrefix, storedSql)).isEqualTo(expected);
    }

    @Test
    void a_displaced_orders_items_go_with_it_and_the_lower_rows_items_are_stored() throws SQLException {
        long customersFile = IDS.incrementAndGet();
        String customer = "OC" + customersFile;
        run(customersFile, "customers", List.of(List.of(customer(2, customer, "buyer"))), false, false);
        String storedSql = "SELECT o.order_number, o.load_row_number, i.line_no, i.product, i.load_row_number"
                + " FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.load_job_id = ?"
                + " ORDER BY o.order_number, i.line_no";
        Function<String, List<List<SourceRow>>> file = p -> List.of(
                List.of(order(2, p + "1", customer, "x"), order(3, p + "2", customer, "u")),
                List.of(order(9, p + "1", customer, "y", "z"), order(10, p + "3", customer, "v")));

        long inOrderFile = IDS.incrementAndGet();
        long inOrder = run(inOrderFile, "orders", file.apply("O" + inOrderFile + "-"), false, false);
        long reverseFile = IDS.incrementAndGet();
        long reverse = run(reverseFile, "orders", file.apply("O" + reverseFile + "-"), true, false);

        Outcome expected = outcome(inOrder, "O" + inOrderFile + "-", storedSql);
        assertThat(expected.stored()).containsExactly("1 | 2 | 1 | x | 2", "2 | 3 | 1 | u | 3", "3 | 10 | 1 | v | 10");
        assertThat(expected.rejects()).containsExactly(
                "9 | DUPLICATE | 1 | order_number '1' appears earlier in this file (row 2) | 2");
        assertThat(outcome(reverse, "O" + reverseFile + "-", storedSql)).isEqualTo(expected);
        assertThat(query("SELECT COUNT(*) FROM order_items WHERE source_file_id = ?", reverseFile)).containsExactly("3");
    }
}
