package io.dataops.platform.jdbc;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plain JDBC in the caller's transaction, written once: a statement with bound parameters, a list or one row read
 * through a {@link RowMapper}, a JDBC batch. Each call takes a connection from the data source and closes it again;
 * inside a JTA transaction Agroal hands every call the transaction's own connection, so the calls of one
 * transaction see each other's writes and commit or roll back together. An {@link SQLException} comes out as a
 * {@link DataAccessException} that keeps the SQL state and vendor code (docs/adr/0020-jdbc-helper-and-naming-strategy.md).
 *
 * <p>SQL text is only ever this class's callers' own constants and identifiers from the target catalogue; request
 * values are always bound parameters.
 */
public final class Sql {
    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Maps the current row of a result set; the helper moves the cursor. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work that needs the connection itself (savepoints, statements reused across rows). */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** @return how many rows the statement changed */
    public int update(String sql, Object... parameters) {
        return withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, parameters);
                return s.executeUpdate();
            }
        });
    }

    /** Runs {@code sql} once per item, as one JDBC batch; nothing is sent for no items. */
    public <T> int[] batch(String sql, Collection<T> items, Function<T, Object[]> parameters) {
        if (items.isEmpty()) {
            return new int[0];
        }
        return withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (T item : items) {
                    bind(s, parameters.apply(item));
                    s.addBatch();
                }
                return s.executeBatch();
            }
        });
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) {
        return withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, parameters);
                List<T> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(mapper.map(r));
                    }
                }
                return rows;
            }
        });
    }

    /** The first row {@code sql} selects, if any. */
    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... parameters) {
        return withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, parameters);
                s.setMaxRows(1);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.ofNullable(mapper.map(r)) : Optional.empty();
                }
            }
        });
    }

    /** Whether {@code sql} selects any row. */
    public boolean exists(String sql, Object... parameters) {
        return one(sql, r -> Boolean.TRUE, parameters).isPresent();
    }

    /** The single number an aggregate query selects; a NULL (MAX of no rows) reads as zero. */
    public long number(String sql, Object... parameters) {
        return one(sql, r -> r.getLong(1), parameters).orElse(0L);
    }

    /** Runs {@code work} on a connection of the caller's transaction. */
    public <T> T withConnection(ConnectionWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /**
     * Binds parameters by position. A null is bound as a VARCHAR null, which Oracle and H2 both convert to any
     * column type; java.time values are bound as their JDBC types so older drivers need no JDBC 4.2 support.
     */
    public static void bind(PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            int at = i + 1;
            if (value == null) {
                s.setNull(at, Types.VARCHAR);
            } else if (value instanceof String text) {
                s.setString(at, text);
            } else if (value instanceof Long number) {
                s.setLong(at, number);
            } else if (value instanceof Integer number) {
                s.setInt(at, number);
            } else if (value instanceof BigDecimal number) {
                s.setBigDecimal(at, number);
            } else if (value instanceof LocalDate date) {
                s.setDate(at, java.sql.Date.valueOf(date));
            } else if (value instanceof Instant instant) {
                s.setTimestamp(at, Timestamp.from(instant));
            } else {
                s.setObject(at, value);
            }
        }
    }
}
