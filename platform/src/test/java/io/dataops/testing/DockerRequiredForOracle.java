package io.dataops.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Under -Poracle every @QuarkusTest needs a Docker engine for its database. Where there is none the suite is reported as
 * skipped, with the reason, instead of failing on a container that cannot start. Registered through JUnit's
 * extension auto-detection, which only the oracle profile switches on.
 * <p>
 * With {@code -Ddataops.oracle.require-docker=true} (the CI job on a runner that has Docker) a missing engine fails
 * the suite instead: there a skip would hide that the Oracle run never happened.
 */
public class DockerRequiredForOracle implements ExecutionCondition {
    static final String REQUIRE_DOCKER_PROPERTY = "dataops.oracle.require-docker";
    private static final String QUARKUS_TEST = "io.quarkus.test.junit.QuarkusTest";
    private static Boolean dockerAvailable;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!OracleDatabaseResource.oracleRequested() || !needsDatabase(context)) {
            return ConditionEvaluationResult.enabled("no Oracle needed");
        }
        if (dockerAvailable()) {
            return ConditionEvaluationResult.enabled("Docker engine found: Oracle Free runs in a container");
        }
        if (Boolean.getBoolean(REQUIRE_DOCKER_PROPERTY)) {
            // an exception from a condition fails the test class; a disabled result would only skip it
            throw new IllegalStateException("-Poracle with -D" + REQUIRE_DOCKER_PROPERTY
                    + "=true needs a Docker engine and none was found");
        }
        return ConditionEvaluationResult.disabled("-Poracle needs a Docker engine and none was found");
    }

    /** Plain unit tests run anyway; only a @QuarkusTest starts a service and so its database. */
    private static boolean needsDatabase(ExtensionContext context) {
        for (Class<?> type = context.getTestClass().orElse(null); type != null; type = type.getEnclosingClass()) {
            // by name: Quarkus may load the test class in its own class loader, with its own QuarkusTest class
            for (java.lang.annotation.Annotation annotation : type.getAnnotations()) {
                if (annotation.annotationType().getName().equals(QUARKUS_TEST)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            try {
                dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                dockerAvailable = false;
            }
        }
        return dockerAvailable;
    }
}
