package io.dataops.loader.sql;

import io.dataops.loader.mapping.DatabaseReject;
import io.dataops.model.events.LoadMode;
import io.dataops.model.targets.TargetTables;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class MergeStatementTest {

    @Test
    void an_insert_merge_never_updates_and_records_provenance() {
        String sql = new MergeStatement(TargetTables.CUSTOMERS, LoadMode.INSERT).sql();

        assertThat(sql).startsWith("MERGE INTO customers t USING (SELECT CAST(? AS VARCHAR2(4000 CHAR)) AS customer_code")
                .contains("CAST(? AS NUMBER(12,2)) AS credit_limit")
                .contains("ON (t.customer_code = s.customer_code)")
                .doesNotContain("WHEN MATCHED")
                .endsWith("s.source_file_id, s.load_job_id, s.load_row_number)");
    }

    @Test
    void an_upsert_merge_updates_only_rows_another_file_wrote_and_never_the_key() {
        String sql = new MergeStatement(TargetTables.CUSTOMERS, LoadMode.UPSERT).sql();

        assertThat(sql).contains("WHEN MATCHED THEN UPDATE SET name = s.name")
                .contains("WHERE t.source_file_id IS NULL OR t.source_file_id <> s.source_file_id")
                .doesNotContain("customer_code = s.customer_code,");
    }

    @Test
    void an_order_merge_fills_the_customer_id_from_the_referenced_customer() {
        String sql = new MergeStatement(TargetTables.ORDERS).sql();

        assertThat(sql).contains("(SELECT r.id FROM customers r WHERE r.customer_code = CAST(? AS VARCHAR2(4000 CHAR)))"
                + " AS customer_id").contains("INSERT (order_number, customer_code, order_date, total_amount, status,"
                + " customer_id, source_file_id, load_job_id, load_row_number)");
    }

    @Test
    void a_value_too_long_is_reported_with_its_column_and_without_the_sql() {
        SQLException h2 = new SQLException("Value too long for column \"NAME CHARACTER VARYING(100)\": \"'XXXX' (101)\";"
                + " SQL statement:\nMERGE INTO customers t USING (SELECT ...) [22001-240]", "22001", 22001);

        DatabaseReject.Verdict verdict = DatabaseReject.of(h2);

        assertThat(verdict.errorType()).isEqualTo("VALUE_TOO_LARGE");
        assertThat(verdict.column()).isEqualTo("name");
        assertThat(verdict.message()).isEqualTo("The database refused the row: Value too long for column"
                + " \"NAME CHARACTER VARYING(100)\": \"'XXXX' (101)\"").doesNotContain("MERGE", "SQL statement");
    }

    @Test
    void oracle_refusals_are_told_apart_by_their_error_codes() {
        DatabaseReject.Verdict tooLarge = DatabaseReject.of(new SQLException(
                "ORA-12899: value too large for column \"DATAOPS\".\"ORDERS\".\"STATUS\" (actual: 30, maximum: 20)\n",
                "72000", 12899));
        assertThat(tooLarge.errorType()).isEqualTo("VALUE_TOO_LARGE");
        assertThat(tooLarge.column()).isEqualTo("status");
        assertThat(DatabaseReject.of(new SQLException("ORA-02291: integrity constraint violated", "23000", 2291))
                .errorType()).isEqualTo("REFERENCE");
        assertThat(DatabaseReject.of(new SQLException("ORA-00001: unique constraint violated", "23000", 1))
                .errorType()).isEqualTo("DUPLICATE");
        assertThat(DatabaseReject.of(new SQLException("ORA-01400: cannot insert NULL", "23000", 1400))
                .errorType()).isEqualTo("DB_REJECTED");
    }

    @Test
    void a_failing_database_is_no_row_reject() {
        assertThat(DatabaseReject.of(new SQLException("Connection is closed", "08003", 90007))).isNull();
        assertThat(DatabaseReject.of(new SQLException("Deadlock", "40001", 40001))).isNull();
    }
}
