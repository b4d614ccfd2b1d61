package io.dataops.validation.rules;

import io.dataops.model.events.SourceRow;
import io.dataops.model.events.ValidationRules;
import io.dataops.model.targets.TargetTables;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RowValidatorTest {
    /** The process request of docs/product-spec.md §6.2. */
    private final RowValidator validator = new RowValidator(TargetTables.CUSTOMERS, new ValidationRules(
            List.of("customer_code", "name"), List.of("email"), List.of("credit_limit")));

    private static SourceRow row(String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return SourceRow.of(7, values, String.join(",", values.values()));
    }

    @Test
    void accepts_a_complete_valid_row() {
        assertThat(validator.validate(row("customer_code", "CUST001", "name", "John Doe", "email", "john@example.com",
                "credit_limit", "1000.00"))).isEmpty();
    }

    @Test
    void rejects_a_row_whose_required_field_is_missing() {
        List<RowError> errors = validator.validate(row("name", "John Doe", "email", "john@example.com"));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ErrorType.REQUIRED);
            assertThat(e.field()).isEqualTo("customer_code");
            assertThat(e.rowNumber()).isEqualTo(7);
        });
    }

    @Test
    void rejects_a_row_whose_email_has_no_at_sign() {
        List<RowError> errors = validator.validate(row("customer_code", "C1", "name", "N", "email", "not-an-email"));

        assertThat(errors).extracting(RowError::type, RowError::field, RowError::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorType.FORMAT, "email", "not-an-email"));
    }

    @Test
    void rejects_a_negative_number_where_positive_numbers_are_required() {
        List<RowError> errors = validator.validate(row("customer_code", "C1", "name", "N", "credit_limit", "-1000.00"));

        assertThat(errors).extracting(RowError::type).containsExactly(ErrorType.RANGE);
    }

    @Test
    void rejects_text_longer_than_its_column() {
        List<RowError> errors = validator.validate(row("customer_code", "C1", "name", "A".repeat(150)));

        assertThat(errors).extracting(RowError::type, RowError::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorType.LENGTH, "name"));
    }

    @Test
    void rejects_a_non_number_in_a_decimal_column_as_a_type_error() {
        List<RowError> errors = validator.validate(row("customer_code", "C1", "name", "N", "credit_limit", "lots"));

        assertThat(errors).extracting(RowError::type).containsExactly(ErrorType.TYPE);
    }

    @Test
    void reports_every_failing_field_of_a_row_not_just_the_first() {
        List<RowError> errors = validator.validate(row("customer_code", "", "name", "N", "email", "bad",
                "credit_limit", "-5"));

        assertThat(errors).extracting(RowError::field).containsExactly("customer_code", "email", "credit_limit");
    }

    @Test
    void reports_a_malformed_row_once_without_checking_its_fields() {
        SourceRow malformed = new SourceRow(3, Map.of(), "a,b", "Expected 3 fields as in the header, found 2");

        assertThat(validator.validate(malformed)).extracting(RowError::type).containsExactly(ErrorType.MALFORMED_ROW);
    }

    @Test
    void a_csv_row_with_a_misplaced_quote_keeps_the_error_type_ingest_named_with_its_message() {
        SourceRow stray = new SourceRow(4, null, "ab\"c,d", "A quote at line 4, column 3 is inside a field", "STRAY_QUOTE");
        SourceRow afterQuote = new SourceRow(5, null, "\"ab\"c,d", "Text follows the closing quote", "TEXT_AFTER_QUOTE");

        assertThat(validator.validate(stray)).extracting(RowError::rowNumber, RowError::type, RowError::message)
                .containsExactly(tuple(4L, ErrorType.STRAY_QUOTE, "A quote at line 4, column 3 is inside a field"));
        assertThat(validator.validate(afterQuote)).extracting(RowError::type).containsExactly(ErrorType.TEXT_AFTER_QUOTE);
    }

    private final RowValidator orders = new RowValidator(TargetTables.ORDERS, ValidationRules.none());

    private static SourceRow order(String items) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("order_number", "ORD-1");
        values.put("customer_code", "CUST001");
        values.put("order_date", "2024-01-15");
        values.put("total_amount", "500.00");
        values.put("items", items);
        return SourceRow.of(3, values, "{}");
    }

    @Test
    void keeps_the_json_row_error_types_ingest_names() {
        // ingest's names for a JSON element that is not an object and an object naming a field twice
        SourceRow scalar = new SourceRow(1, null, "42", "Element 1 of the top-level array is a number", "NOT_AN_OBJECT");
        SourceRow twice = new SourceRow(2, null, "{\"a\":1,\"a\":2}", "Field 'a' appears more than once", "DUPLICATE_FIELD");

        assertThat(validator.validate(scalar)).extracting(RowError::type, RowError::rowNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorType.NOT_AN_OBJECT, 1L));
        assertThat(validator.validate(twice)).extracting(RowError::type).containsExactly(ErrorType.DUPLICATE_FIELD);
    }

    @Test
    void accepts_an_order_with_valid_items_or_none() {
        assertThat(orders.validate(order("[{\"product\":\"Widget A\",\"qty\":10,\"price\":25.00}]"))).isEmpty();
        assertThat(orders.validate(order("[]"))).isEmpty();
        assertThat(orders.validate(order(null))).isEmpty();
    }

    @Test
    void reports_each_bad_item_field_by_its_path_on_the_parent_row() {
        List<RowError> errors = orders.validate(order("[{\"product\":\"A\",\"qty\":1,\"price\":1},"
                + "{\"product\":\"B\",\"qty\":\"many\",\"price\":2.5},{\"qty\":2.5,\"price\":1}]"));

        assertThat(errors).extracting(RowError::rowNumber, RowError::field, RowError::value, RowError::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "items[1].qty", "many", ErrorType.TYPE),
                        org.assertj.core.groups.Tuple.tuple(3L, "items[2].product", null, ErrorType.REQUIRED),
                        org.assertj.core.groups.Tuple.tuple(3L, "items[2].qty", "2.5", ErrorType.TYPE));
        assertThat(errors.get(0).message()).isEqualTo("items[1]: qty must be a number");
    }

    @Test
    void rejects_an_order_date_that_is_no_date() {
        SourceRow row = order("[]");
        row.values().put("order_date", "2024-13-45");
        assertThat(orders.validate(row)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("order_date");
            assertThat(e.type()).isEqualTo(ErrorType.TYPE);
        });
    }

    @Test
    void rejects_items_that_are_not_an_array_of_objects() {
        assertThat(orders.validate(order("{\"product\":\"A\"}"))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("items");
            assertThat(e.type()).isEqualTo(ErrorType.TYPE);
            assertThat(e.message()).isEqualTo("items must be an array of objects");
        });
    }
}
