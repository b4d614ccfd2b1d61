package io.dataops.report.rest;

import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.ServiceSecurityContract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Logout, deactivation, audience, security headers and CORS, directly at report-service (platform contract). */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class TokenAndHeadersTest extends ServiceSecurityContract {

    @Override
    protected String readablePath() {
        return "/api/dashboard/stats";
    }
}
