package io.dataops.loader.rest;

import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

/** The customers search reads `%` and `_` as themselves, against real rows. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class CustomerSearchTest {

    @Inject
    DataSource database;

    private void insertCustomer(String code, String name) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO customers (customer_code, name) VALUES (?, ?)")) {
            insert.setString(1, code);
            insert.setString(2, name);
            insert.executeUpdate();
        }
    }

    @Test
    void a_search_for_50_percent_finds_only_names_containing_50_percent_and_a_b_only_a_b() throws SQLException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        insertCustomer("P" + tag, tag + " 50% off");
        insertCustomer("Q" + tag, tag + " 500 units");
        insertCustomer("R" + tag, tag + " a_b");
        insertCustomer("S" + tag, tag + " axb");

        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("search", tag + " 50%")
                .when().get("/api/data/customers")
                .then().statusCode(200).body("items.customer_code", contains("P" + tag));
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("search", tag + " a_b")
                .when().get("/api/data/customers")
                .then().statusCode(200).body("items.customer_code", contains("R" + tag));
    }
}
