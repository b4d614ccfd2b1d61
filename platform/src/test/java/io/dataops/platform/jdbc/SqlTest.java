package io.dataops.platform.jdbc;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlTest {
    private record Customer(String code, String name, LocalDate since, BigDecimal credit) {
    }

    private Sql sql;

    @BeforeEach
    void a_fresh_h2_database_in_oracle_mode() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        sql = new Sql(dataSource);
        sql.update("CREATE TABLE customers (code VARCHAR2(20 CHAR) PRIMARY KEY, name VARCHAR2(50 CHAR),"
                + " since DATE, credit NUMBER(10,2))");
    }

    private static final Sql.RowMapper<Customer> CUSTOMER = r -> new Customer(r.getString(1), r.getString(2),
            r.getDate(3) == null ? null : r.getDate(3).toLocalDate(), r.getBigDecimal(4));

    @Test
    void writes_and_reads_back_a_row_with_every_kind_of_bound_parameter() {
        int changed = sql.update("INSERT INTO customers (code, name, since, credit) VALUES (?, ?, ?, ?)",
                "C1", null, LocalDate.of(2026, 2, 28), new BigDecimal("12.50"));

        assertThat(changed).isEqualTo(1);
        assertThat(sql.one("SELECT code, name, since, credit FROM customers WHERE code = ?", CUSTOMER, "C1"))
                .contains(new Customer("C1", null, LocalDate.of(2026, 2, 28), new BigDecimal("12.50")));
    }

    @Test
    void a_value_that_looks_like_sql_is_stored_as_text() {
        sql.update("INSERT INTO customers (code, name) VALUES (?, ?)", "C1", "x'); DROP TABLE customers; --");

        assertThat(sql.list("SELECT name FROM customers", r -> r.getString(1)))
                .containsExactly("x'); DROP TABLE customers; --");
    }

    @Test
    void one_is_empty_and_exists_is_false_when_no_row_matches() {
        assertThat(sql.one("SELECT code, name, since, credit FROM customers WHERE code = ?", CUSTOMER, "C9")).isEmpty();
        assertThat(sql.exists("SELECT 1 FROM customers WHERE code = ?", "C9")).isFalse();
        sql.update("INSERT INTO customers (code) VALUES (?)", "C9");
        assertThat(sql.exists("SELECT 1 FROM customers WHERE code = ?", "C9")).isTrue();
    }

    @Test
    void a_batch_writes_one_row_per_item_and_a_list_reads_them_in_the_order_asked() {
        int[] counts = sql.batch("INSERT INTO customers (code, name) VALUES (?, ?)", List.of("B", "A", "C"),
                code -> new Object[]{code, "name of " + code});

        assertThat(counts).containsExactly(1, 1, 1);
        assertThat(sql.list("SELECT code, name FROM customers ORDER BY code", r -> r.getString(1) + "=" + r.getString(2)))
                .containsExactly("A=name of A", "B=name of B", "C=name of C");
        assertThat(sql.batch("INSERT INTO customers (code) VALUES (?)", List.<String>of(), code -> new Object[]{code}))
                .isEmpty();
    }

    @Test
    void an_aggregate_of_no_rows_reads_as_zero() {
        assertThat(sql.number("SELECT MAX(credit) FROM customers")).isZero();
        sql.batch("INSERT INTO customers (code, credit) VALUES (?, ?)", List.of(3, 4), n -> new Object[]{"C" + n, n});
        assertThat(sql.number("SELECT SUM(credit) FROM customers")).isEqualTo(7);
    }

    @Test
    void a_refused_statement_is_one_unchecked_exception_keeping_the_sql_state_but_not_the_sql_text() {
        sql.update("INSERT INTO customers (code) VALUES (?)", "C1");

        assertThatThrownBy(() -> sql.update("INSERT INTO customers (code) VALUES (?)", "C1"))
                .isInstanceOfSatisfying(DataAccessException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("23505");
                    assertThat(e.getCause().getSQLState()).isEqualTo("23505");
                    assertThat(e.getMessage()).contains("23505").doesNotContainIgnoringCase("insert")
                            .doesNotContain("C1");
                });
    }
}
