package io.dataops.ingest.parsing;

import io.dataops.model.events.SourceRow;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonRowReaderTest {

    private static List<SourceRow> readAll(String json) throws Exception {
        List<SourceRow> rows = new ArrayList<>();
        try (JsonRowReader reader = new JsonRowReader(new StringReader(json))) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void reads_a_top_level_array_of_objects_one_row_each() throws Exception {
        List<SourceRow> rows = readAll("[{\"Customer_Code\":\"C1\",\"credit_limit\":10.5},{\"customer_code\":\"C2\",\"email\":null}]");

        assertThat(rows).extracting(SourceRow::rowNumber).containsExactly(1L, 2L);
        assertThat(rows.get(0).values()).containsEntry("customer_code", "C1").containsEntry("credit_limit", "10.5");
        assertThat(rows.get(1).values()).containsEntry("email", null);
    }

    @Test
    void reads_newline_delimited_json() throws Exception {
        List<SourceRow> rows = readAll("{\"a\":1}\n{\"a\":2}\n");

        assertThat(rows).extracting(r -> r.values().get("a")).containsExactly("1", "2");
    }

    @Test
    void keeps_the_sample_orders_nested_items_as_json_text_its_child_table_reads() throws Exception {
        List<SourceRow> rows = readAll(java.nio.file.Files.readString(java.nio.file.Path.of("../sample_data/orders.json")));

        assertThat(rows).extracting(r -> r.values().get("order_number"))
                .containsExactly("ORD-2024-001", "ORD-2024-002", "ORD-2024-003");
        assertThat(rows.get(0).values()).containsEntry("total_amount", "500.00");
        assertThat(io.dataops.model.targets.ChildRows.parse(rows.get(0).values().get("items")))
                .extracting(item -> item.get("product"), item -> item.get("qty"), item -> item.get("price"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Widget A", "10", "25.00"),
                        org.assertj.core.groups.Tuple.tuple("Widget B", "5", "50.00"));
        assertThat(io.dataops.model.targets.ChildRows.parse(rows.get(2).values().get("items"))).isEmpty();
    }
}
