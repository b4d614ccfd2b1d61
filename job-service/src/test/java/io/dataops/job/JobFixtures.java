package io.dataops.job;

import io.dataops.testing.TestTokens;

import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Jobs and ids for tests that share one broker and one database: every test takes its own file id. */
public final class JobFixtures {

    /** Always above Integer.MAX_VALUE, so JSON paths read ids back as Long whatever the draw. */
    public static long uniqueFileId() {
        return ThreadLocalRandom.current().nextLong(3_000_000_000L, 9_000_000_000L);
    }

    /** Creates a job the way ingest-service does (an analyst's token, user id 42) and answers its id. */
    public static long createJob(long fileId, String jobType) {
        return given().auth().oauth2(TestTokens.forUser(42, "ana", "analyst")).contentType("application/json")
                .body("{\"job_name\":\"Process f.csv\",\"job_type\":\"" + jobType + "\",\"file_id\":" + fileId
                        + ",\"parameters\":{\"target_table\":\"customers\"}}")
                .when().post("/api/jobs")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private JobFixtures() {
    }
}
