package io.dataops.job;

import io.dataops.testing.DatabaseProfileContract;
import io.quarkus.test.junit.QuarkusTest;

/** job-service's tests run on the database their profile names (H2 by default, Oracle under -Poracle). */
@QuarkusTest
class TestDatabaseIsTheProfilesTest extends DatabaseProfileContract {
}
