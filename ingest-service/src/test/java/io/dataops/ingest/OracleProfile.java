package io.dataops.ingest;

import io.dataops.testing.OracleDatabaseResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Puts every test of this module on Oracle Free under -Poracle; on H2 otherwise (OracleDatabaseResource). */
@WithTestResource(value = OracleDatabaseResource.class, scope = TestResourceScope.GLOBAL)
final class OracleProfile {
    private OracleProfile() {
    }
}
