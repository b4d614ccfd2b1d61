package io.dataops.ingest;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under -Poracle this suite must really run on Oracle (docs/adr/0008): a profile that silently fell back to the %test
 * H2 URL would pass every other test and prove nothing about Oracle.
 */
@QuarkusTest
class TestDatabaseIsTheProfilesTest {
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
