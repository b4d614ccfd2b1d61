package io.dataops.testing;

import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under -Poracle a service's suite must really run on Oracle (docs/adr/0008): a profile that silently fell back to
 * the %test H2 URL would pass every other test and prove nothing about Oracle. Each service runs this as a
 * {@code @QuarkusTest} subclass, so the data source checked is the one its own tests use.
 */
public abstract class DatabaseProfileContract {
    @Inject
    DataSource dataSource;

    @Test
    void the_service_runs_on_oracle_under_the_oracle_profile_and_on_h2_otherwise() throws SQLException {
        String expected = "oracle".equalsIgnoreCase(System.getProperty("dataops.test.database")) ? "Oracle" : "H2";
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).contains(expected);
        }
    }
}
