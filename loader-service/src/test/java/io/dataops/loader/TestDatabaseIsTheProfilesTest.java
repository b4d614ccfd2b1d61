package io.dataops.loader;

import io.dataops.testing.DatabaseProfileContract;
import io.quarkus.test.junit.QuarkusTest;

/** loader-service's tests run on the database their profile names (H2 by default, Oracle under -Poracle). */
@QuarkusTest
class TestDatabaseIsTheProfilesTest extends DatabaseProfileContract {
}
