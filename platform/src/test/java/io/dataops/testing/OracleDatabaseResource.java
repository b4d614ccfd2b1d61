package io.dataops.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The service's database for a test JVM: H2 in Oracle mode by default (the service's %test URL, left alone), or a
 * real Oracle Free in a container when the suite runs with {@code -Poracle}. Each service module declares it once,
 * GLOBAL, so every test class of that module runs against the same database either way (docs/adr/0008).
 */
public class OracleDatabaseResource implements QuarkusTestResourceLifecycleManager {
    static final String DATABASE_PROPERTY = "dataops.test.database";

    static boolean oracleRequested() {
        return "oracle".equalsIgnoreCase(System.getProperty(DATABASE_PROPERTY, "h2"));
    }

    @Override
    public Map<String, String> start() {
        if (!oracleRequested()) {
            return Map.of();
        }
        // Only touched under -Poracle, where Testcontainers is on the class path.
        return OracleContainerHolder.start();
    }

    @Override
    public void stop() {
        // one container per test JVM; Testcontainers' reaper removes it when the JVM exits
    }
}
