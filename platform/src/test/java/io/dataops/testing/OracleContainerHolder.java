package io.dataops.testing;

import org.testcontainers.oracle.OracleContainer;

import java.util.Map;

/** Starts gvenzl/oracle-free once per JVM; kept apart so H2 runs never load a Testcontainers class. */
final class OracleContainerHolder {
    private static final String IMAGE = System.getProperty("dataops.test.oracle.image",
            "gvenzl/oracle-free:23-slim-faststart");
    private static OracleContainer container;

    private OracleContainerHolder() {
    }

    static synchronized Map<String, String> start() {
        if (container == null) {
            container = new OracleContainer(IMAGE).withUsername("dataops").withPassword("dataops");
            container.start();
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", container.getJdbcUrl(),
                "quarkus.datasource.username", container.getUsername(),
                "quarkus.datasource.password", container.getPassword());
    }
}
