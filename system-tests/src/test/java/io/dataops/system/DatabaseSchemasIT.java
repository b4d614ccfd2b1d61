package io.dataops.system;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local stack's one H2 server has the shape of production's Oracle (README, docs/adr/0025): each service
 * connects as its own user, owns its own schema, and can read nothing of another's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(1)
class DatabaseSchemasIT {
    /** H2's "Not enough rights for object" */
    private static final int NOT_ENOUGH_RIGHTS = 90096;

    private PlatformProcesses platform;

    @BeforeAll
    void startPlatform() {
        platform = PlatformProcesses.shared();
    }

    private Connection as(String service) throws SQLException {
        return DriverManager.getConnection(PlatformProcesses.databaseUrl() + ";SCHEMA=" + service.toUpperCase(),
                service.toUpperCase(), platform.databasePassword(service));
    }

    @Test
    void each_service_reads_its_own_tables_which_flyway_created_in_its_own_schema() throws SQLException {
        try (Connection loader = as("loader"); Statement sql = loader.createStatement();
             ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM customers")) {
            assertThat(rows.next()).isTrue();
        }
        try (Connection admin = platform.database(); Statement sql = admin.createStatement();
             ResultSet owners = sql.executeQuery("SELECT table_schema FROM information_schema.tables"
                     + " WHERE table_name = 'flyway_schema_history' ORDER BY table_schema")) {
            StringBuilder schemas = new StringBuilder();
            while (owners.next()) {
                schemas.append(owners.getString(1)).append(' ');
            }
            assertThat(schemas.toString().trim()).isEqualTo("GATEWAY INGEST JOB LOADER REPORT VALIDATION");
        }
    }

    @Test
    void the_loaders_user_cannot_read_validations_errors_nor_the_gateways_users() throws SQLException {
        try (Connection loader = as("loader"); Statement sql = loader.createStatement()) {
            assertThatThrownBy(() -> sql.executeQuery("SELECT COUNT(*) FROM VALIDATION.data_errors"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(NOT_ENOUGH_RIGHTS));
            assertThatThrownBy(() -> sql.executeQuery("SELECT password_hash FROM GATEWAY.users"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(NOT_ENOUGH_RIGHTS));
        }
    }

    @Test
    void a_services_user_cannot_create_a_table_in_another_schema() throws SQLException {
        try (Connection ingest = as("ingest"); Statement sql = ingest.createStatement()) {
            assertThatThrownBy(() -> sql.execute("CREATE TABLE JOB.planted (id NUMBER(19))"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(NOT_ENOUGH_RIGHTS));
        }
    }
}
