package io.dataops.model.targets;

import io.dataops.model.events.EventCodec;
import io.dataops.model.events.FileRowsMessage;
import io.dataops.model.events.LoadMode;
import io.dataops.model.events.RowBatch;
import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.model.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetTablesTest {

    @Test
    void orders_reference_customers_by_customer_code_and_carry_their_items() {
        TargetTable orders = TargetTables.require("Orders");

        assertThat(orders.naturalKey()).isEqualTo("order_number");
        assertThat(orders.columnNames()).containsExactly("order_number", "customer_code", "order_date", "total_amount",
                "status");
        assertThat(orders.references()).singleElement().satisfies(r -> {
            assertThat(r.describe()).isEqualTo("customer_code -> customers.customer_code");
            assertThat(r.idColumn()).isEqualTo("customer_id");
            assertThat(TargetTables.require(r.table()).naturalKey()).isEqualTo(r.key());
        });
        assertThat(orders.children()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("items");
            assertThat(c.table()).isSameAs(TargetTables.ORDER_ITEMS);
            assertThat(c.parentIdColumn()).isEqualTo("order_id");
            assertThat(c.positionColumn()).isEqualTo("line_no");
        });
        assertThat(TargetTables.ORDER_ITEMS.column("qty")).get()
                .satisfies(q -> assertThat(q.type()).isEqualTo(ColumnType.INTEGER))
                .satisfies(q -> assertThat(q.required()).isTrue());
    }

    @Test
    void customers_keep_their_definition_and_have_no_references_or_children() {
        assertThat(TargetTables.CUSTOMERS.references()).isEmpty();
        assertThat(TargetTables.CUSTOMERS.children()).isEmpty();
        assertThat(TargetTables.CUSTOMERS.naturalKey()).isEqualTo("customer_code");
    }

    @Test
    void a_child_table_is_no_target_a_file_can_name() {
        assertThatThrownBy(() -> TargetTables.require("order_items")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("known: [customers, orders]");
    }

    @Test
    void a_child_path_counts_elements_from_zero() {
        ChildArray items = TargetTables.ORDERS.children().get(0);
        assertThat(items.path(1, "qty")).isEqualTo("items[1].qty");
        assertThat(items.path(0, null)).isEqualTo("items[0]");
    }

    @Test
    void child_rows_read_a_nested_array_like_parent_rows() {
        List<Map<String, String>> items = ChildRows.parse(
                "[{\"Product\":\"Widget A\",\"qty\":10,\"price\":25.00},{\"product\":\"B\",\"qty\":null,\"tags\":[1]}]");

        assertThat(items).hasSize(2);
        assertThat(items.get(0)).containsEntry("product", "Widget A").containsEntry("qty", "10")
                .containsEntry("price", "25.00");
        assertThat(items.get(1)).containsEntry("qty", null).containsEntry("tags", "[1]");
        assertThat(ChildRows.parse(null)).isEmpty();
        assertThat(ChildRows.parse("[]")).isEmpty();
    }

    @Test
    void child_rows_refuse_what_is_not_an_array_of_objects() {
        assertThatThrownBy(() -> ChildRows.parse("{\"product\":\"x\"}")).isInstanceOf(ChildRows.NotAnArrayException.class);
        assertThatThrownBy(() -> ChildRows.parse("[1, 2]")).isInstanceOf(ChildRows.NotAnArrayException.class);
        assertThatThrownBy(() -> ChildRows.parse("[{")).isInstanceOf(ChildRows.NotAnArrayException.class)
                .hasMessage("is not valid JSON");
    }

    @Test
    void the_load_mode_travels_with_a_batch_and_defaults_to_insert() {
        RowBatch batch = new RowBatch(1, 2, "orders", ValidationRules.none(), 3,
                List.of(SourceRow.of(2, Map.of("order_number", "O1"), "{}")), LoadMode.UPSERT);
        String json = EventCodec.encode(batch);

        assertThat(json).contains("\"mode\":\"upsert\"");
        assertThat(EventCodec.decode(json, FileRowsMessage.class)).isEqualTo(batch);
        assertThat(((RowBatch) EventCodec.decode(json.replace(",\"mode\":\"upsert\"", ""), FileRowsMessage.class)).mode())
                .isEqualTo(LoadMode.INSERT);
        assertThat(batch.withRows(List.of())).satisfies(b -> {
            assertThat(b.mode()).isEqualTo(LoadMode.UPSERT);
            assertThat(b.batchNo()).isEqualTo(3);
            assertThat(b.rows()).isEmpty();
        });
    }

    @Test
    void a_load_mode_is_named_case_insensitively_and_an_unknown_one_is_refused() {
        assertThat(LoadMode.parse(" Upsert ")).isEqualTo(LoadMode.UPSERT);
        assertThat(LoadMode.parse(null)).isEqualTo(LoadMode.INSERT);
        assertThatThrownBy(() -> LoadMode.parse("replace")).isInstanceOf(IllegalArgumentException.class);
    }
}
