package io.dataops.validation.rest;

import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class RuleResourceTest {
    private final List<Integer> created = new ArrayList<>();

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.forRole(role)).contentType(ContentType.JSON);
    }

    private int create(String body) {
        int id = as("admin").body(body).when().post("/api/rules").then().statusCode(201).extract().path("id");
        created.add(id);
        return id;
    }

    @AfterEach
    void removeWhatTheTestCreated() {
        // other tests of this application run files against the stored rules
        created.forEach(id -> as("admin").delete("/api/rules/" + id));
    }

    @Test
    void the_default_customer_rules_are_stored() {
        as("viewer").queryParam("target", "customers").queryParam("sort", "id").when().get("/api/rules")
                .then().statusCode(200)
                .body("total", greaterThanOrEqualTo(4))
                .body("items[0].field", equalTo("customer_code")).body("items[0].rule_type", equalTo("required"))
                .body("items[1].field", equalTo("name"))
                .body("items[2].rule_type", equalTo("email"))
                .body("items[3].field", equalTo("credit_limit")).body("items[3].rule_type", equalTo("range"))
                .body("items[3].parameters.min", equalTo(0)).body("items[3].active", equalTo(true));
    }

    @Test
    void an_admin_creates_reads_updates_and_deletes_a_rule() {
        int id = create("{\"target\":\"customers\",\"field\":\"segment\",\"rule_type\":\"enum\","
                + "\"parameters\":{\"values\":[\"SMB\",\"Enterprise\"]},\"message\":\"unknown segment\"}");

        as("analyst").when().get("/api/rules/" + id).then().statusCode(200)
                .body("target", equalTo("customers")).body("field", equalTo("segment"))
                .body("parameters.values", contains("SMB", "Enterprise")).body("message", equalTo("unknown segment"));
        as("admin").body("{\"target\":\"customers\",\"field\":\"segment\",\"rule_type\":\"enum\","
                        + "\"parameters\":{\"values\":[\"SMB\"],\"ignore_case\":true},\"active\":false}")
                .when().put("/api/rules/" + id).then().statusCode(200)
                .body("parameters.ignore_case", equalTo(true)).body("active", equalTo(false));
        as("viewer").queryParam("field", "segment").queryParam("active", false).when().get("/api/rules")
                .then().statusCode(200).body("items.id", contains(id));

        as("admin").when().delete("/api/rules/" + id).then().statusCode(204);
        as("admin").when().get("/api/rules/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void the_catalogue_lists_each_rule_type_with_its_parameters() {
        as("viewer").when().get("/api/rules/types").then().statusCode(200)
                .body("range", contains("max", "min")).body("enum", contains("ignore_case", "values"))
                .body("unique", hasSize(0)).body("reference", contains("field", "target"));
    }

    @Test
    void the_list_is_paged() {
        create("{\"target\":\"customers\",\"field\":\"phone\",\"rule_type\":\"length\",\"parameters\":{\"min\":5}}");
        as("viewer").queryParam("target", "customers").queryParam("limit", 2).queryParam("page", 2)
                .when().get("/api/rules").then().statusCode(200)
                .body("items", hasSize(2)).body("page", equalTo(2)).body("limit", equalTo(2))
                .body("pages", greaterThanOrEqualTo(3));
        as("viewer").queryParam("sort", "colour").when().get("/api/rules").then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST")).body("errors[0].field", equalTo("sort"));
    }

    @Test
    void a_bad_rule_is_400_with_the_field_named() {
        as("admin").body("{\"target\":\"planets\",\"field\":\"x\",\"rule_type\":\"required\"}").when().post("/api/rules")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("UNKNOWN_TARGET")).body("errors[0].field", equalTo("target"));
        as("admin").body("{\"target\":\"customers\",\"field\":\"shoe_size\",\"rule_type\":\"required\"}").when().post("/api/rules")
                .then().statusCode(400).body("code", equalTo("RULE_FIELD_UNKNOWN")).body("errors[0].field", equalTo("field"));
        as("admin").body("{\"target\":\"customers\",\"field\":\"email\",\"rule_type\":\"palindrome\"}").when().post("/api/rules")
                .then().statusCode(400).body("code", equalTo("RULE_TYPE_UNKNOWN")).body("errors[0].field", equalTo("rule_type"));
        as("admin").body("{\"target\":\"customers\",\"field\":\"credit_limit\",\"rule_type\":\"range\",\"parameters\":{\"min\":\"lots\"}}")
                .when().post("/api/rules")
                .then().statusCode(400).body("code", equalTo("RULE_PARAMETERS_INVALID"))
                .body("errors[0].field", equalTo("parameters.min"));
        as("admin").body("{\"field\":\"email\"}").when().post("/api/rules")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("errors.field", contains("target", "rule_type"));
        as("admin").body("{\"target\":\"customers\",\"field\":\"email\",\"rule_type\":\"email\"}").when().post("/api/rules")
                .then().statusCode(409).body("code", equalTo("CONFLICT")).body("errors[0].field", equalTo("rule_type"));
        as("admin").body("not json").when().post("/api/rules").then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void only_rules_manage_may_change_rules() {
        String body = "{\"target\":\"customers\",\"field\":\"country\",\"rule_type\":\"required\"}";
        as("analyst").body(body).when().post("/api/rules").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        as("viewer").body(body).when().post("/api/rules").then().statusCode(403);
        int id = create(body);
        as("analyst").body(body).when().put("/api/rules/" + id).then().statusCode(403);
        as("viewer").when().delete("/api/rules/" + id).then().statusCode(403);
        given().when().get("/api/rules").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        as("viewer").when().get("/api/rules/" + id).then().statusCode(200);
    }
}
