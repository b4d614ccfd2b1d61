package io.dataops.validation;

import io.dataops.testing.DatabaseProfileContract;
import io.quarkus.test.junit.QuarkusTest;

/** validation-service's tests run on the database their profile names (H2 by default, Oracle under -Poracle). */
@QuarkusTest
class TestDatabaseIsTheProfilesTest extends DatabaseProfileContract {
}
