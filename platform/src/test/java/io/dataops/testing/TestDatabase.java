package io.dataops.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a service's own tables directly, for assertions a test cannot make through the API. */
public final class TestDatabase {
    private TestDatabase() {
    }

    /** The single number {@code sql} (one {@code ?}, bound to {@code id}) selects, e.g. a COUNT(*). */
    public static long count(DataSource dataSource, String sql, long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
