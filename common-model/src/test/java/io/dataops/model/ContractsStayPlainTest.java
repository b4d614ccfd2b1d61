package io.dataops.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The contracts module is plain Java (docs/adr/0018): a producer or consumer outside Quarkus can use the
 * events and problem types without pulling a framework. Surefire runs this with the module's whole test
 * classpath, so a Quarkus artifact added at any scope shows up here.
 */
class ContractsStayPlainTest {

    @Test
    void no_quarkus_artifact_is_on_the_contracts_classpath() {
        List<String> quarkusEntries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.replace('\\', '/').contains("/io/quarkus/")
                        || new File(entry).getName().startsWith("quarkus-"))
                .toList();

        assertThat(quarkusEntries).isEmpty();
    }

    @Test
    void the_classpath_this_test_reads_is_the_real_one() {
        // Guards the test above against passing on an empty or unexpected property.
        assertThat(System.getProperty("java.class.path")).contains("jackson-databind");
    }
}
