package io.dataops.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Under -Poracle every @QuarkusTest needs a Docker engine for its database. Where there is none the suite is reported as
 * skipped, with the reason, instead of failing on a container that cannot start. Registered through JUnit's
 * extension auto-detection, which only the oracle profile switches on.
 */
public class DockerRequiredForOracle implements ExecutionCondition {
    private static final String QUARKUS_TEST = "io.quarkus.test.junit.QuarkusTest";
    private static Boolean dockerAvailable;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!OracleDatabaseResource.oracleRequested() || !needsDatabase(context)) {
            return ConditionEvaluationResult.enabled("no Oracle needed");
        }
        return dockerAvailable()
                ? ConditionEvaluationResult.enabled("Docker engine found: Oracle Free runs in a container")
                : ConditionEvaluationResult.disabled("-Poracle needs a Docker engine and none was found");
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
