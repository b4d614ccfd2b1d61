package io.dataops.job.rest;

import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dataops.job.JobFixtures.createJob;
import static io.dataops.job.JobFixtures.uniqueFileId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The HTTP side of JOBS: what POST and GET answer, and who may call them. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class JobResourceTest {

    @Test
    void an_analyst_creates_a_pending_job_started_by_the_token_user() {
        long fileId = uniqueFileId();
        given().auth().oauth2(TestTokens.forUser(42, "ana", "analyst")).contentType("application/json")
                .body("{\"job_name\":\"Process f.csv\",\"job_type\":\"file_processing\",\"file_id\":" + fileId
                        + ",\"parameters\":{\"target_table\":\"customers\",\"options\":{\"delimiter\":\";\"}}}")
                .when().post("/api/jobs")
                .then().statusCode(201).contentType("application/json")
                .body("id", notNullValue())
                .body("job_name", equalTo("Process f.csv"))
                .body("job_type", equalTo("file_processing"))
                .body("status", equalTo("pending"))
                .body("file_id", equalTo(fileId))
                .body("started_by", equalTo(42))
                .body("created_at", notNullValue())
                .body("started_at", nullValue())
                .body("completed_at", nullValue())
                .body("parameters.target_table", equalTo("customers"))
                .body("parameters.options.delimiter", equalTo(";"))
                .body("result", nullValue())
                .body("error_message", nullValue())
                .body("progress.rows_read", equalTo(0)).body("progress.rows_valid", equalTo(0))
                .body("progress.rows_rejected", equalTo(0)).body("progress.rows_loaded", equalTo(0));
    }

    @Test
    void a_created_job_reads_back_by_id() {
        long fileId = uniqueFileId();
        long jobId = createJob(fileId, "file_processing");
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/jobs/" + jobId)
                .then().statusCode(200)
                .body("id", equalTo((int) jobId)).body("status", equalTo("pending")).body("file_id", equalTo(fileId));
    }

    @Test
    void a_missing_body_is_a_400_problem_naming_the_required_fields() {
        given().auth().oauth2(TestTokens.forRole("analyst")).contentType("application/json")
                .when().post("/api/jobs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST"))
                .body("errors.field", contains("job_name", "job_type"));
    }

    @Test
    void an_invalid_body_is_a_400_problem_with_field_errors_and_creates_nothing() {
        long fileId = uniqueFileId();
        given().auth().oauth2(TestTokens.forRole("analyst")).contentType("application/json")
                .body("{\"job_type\":\"Bad Type\",\"file_id\":" + fileId + ",\"parameters\":\"not an object\"}")
                .when().post("/api/jobs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST"))
                .body("errors.field", contains("job_name", "job_type", "parameters"));
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("file_id", fileId).when().get("/api/jobs")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void malformed_json_is_a_400_problem() {
        given().auth().oauth2(TestTokens.forRole("analyst")).contentType("application/json").body("{not json")
                .when().post("/api/jobs")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void an_unknown_job_is_a_404_problem() {
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/jobs/987654321987")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void a_request_without_a_token_is_a_401_problem() {
        given().when().get("/api/jobs")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
        given().contentType("application/json").body("{\"job_name\":\"x\",\"job_type\":\"cleanup\"}")
                .when().post("/api/jobs")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void a_token_signed_by_a_stranger_is_a_401_problem() {
        given().auth().oauth2(TestTokens.signedByStranger("admin")).when().get("/api/jobs/1")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void a_viewer_may_read_jobs_but_not_create_one() {
        given().auth().oauth2(TestTokens.forRole("viewer")).contentType("application/json")
                .body("{\"job_name\":\"x\",\"job_type\":\"file_processing\"}")
                .when().post("/api/jobs")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        given().auth().oauth2(TestTokens.forRole("viewer")).when().get("/api/jobs").then().statusCode(200);
    }

    @Test
    void the_list_filters_by_file_status_and_type_and_pages_newest_first() {
        long fileId = uniqueFileId();
        long first = createJob(fileId, "file_processing");
        long second = createJob(fileId, "file_processing");
        long other = createJob(fileId, "reprocess");

        List<Integer> page1 = given().auth().oauth2(TestTokens.forRole("viewer"))
                .queryParam("file_id", fileId).queryParam("job_type", "file_processing").queryParam("status", "pending")
                .queryParam("limit", 1)
                .when().get("/api/jobs")
                .then().statusCode(200).body("total", equalTo(2)).body("pages", equalTo(2)).body("page", equalTo(1))
                .body("limit", equalTo(1))
                .extract().jsonPath().getList("items.id");
        List<Integer> page2 = given().auth().oauth2(TestTokens.forRole("viewer"))
                .queryParam("file_id", fileId).queryParam("job_type", "file_processing").queryParam("limit", 1)
                .queryParam("page", 2)
                .when().get("/api/jobs")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(page1).containsExactly((int) second);
        assertThat(page2).containsExactly((int) first);

        List<Integer> ascending = given().auth().oauth2(TestTokens.forRole("viewer"))
                .queryParam("file_id", fileId).queryParam("sort", "id")
                .when().get("/api/jobs").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(ascending).containsExactly((int) first, (int) second, (int) other);

        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("file_id", fileId).queryParam("status", "running")
                .when().get("/api/jobs").then().statusCode(200).body("total", equalTo(0)).body("items.size()", equalTo(0));
    }

    @Test
    void sorting_by_a_column_outside_the_list_is_a_400_problem() {
        given().auth().oauth2(TestTokens.forRole("viewer")).queryParam("sort", "parameters")
                .when().get("/api/jobs")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("INVALID_REQUEST"));
    }
}
