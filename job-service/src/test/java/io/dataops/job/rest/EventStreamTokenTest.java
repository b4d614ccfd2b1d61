package io.dataops.job.rest;

import io.dataops.model.security.RevocationKeys;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dataops.job.JobFixtures.createJob;
import static io.dataops.job.JobFixtures.uniqueFileId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: an events stream of a job that never finishes ends when its token is logged out, its user's sessions
 * end, or the token expires (%test: the stream re-checks every 0.2 s). Without those checks each stream here would
 * run until the test gives up on it.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class EventStreamTokenTest {

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/api/jobs")
    URI jobs;

    /** An open stream: completes when the server ends it; counts its events. */
    private record Stream(CompletableFuture<Integer> ended, AtomicInteger events, CompletableFuture<Void> first) {
    }

    private Stream open(long jobId, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(jobs + "/" + jobId + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        AtomicInteger events = new AtomicInteger();
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Integer> ended = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    response.body().filter(line -> line.startsWith("data:")).forEach(line -> {
                        events.incrementAndGet();
                        first.complete(null);
                    });
                    return response.statusCode();
                });
        return new Stream(ended, events, first);
    }

    private static long freshUserId() {
        return 5_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    @Test
    void a_stream_ends_soon_after_its_token_is_logged_out() throws Exception {
        long jobId = createJob(uniqueFileId(), "file_processing");
        String token = TestTokens.forUser(freshUserId(), "watcher", "viewer");
        Stream stream = open(jobId, token);
        stream.first().get(30, TimeUnit.SECONDS);
        Thread.sleep(1_000);
        assertThat(stream.ended()).as("a pending job's stream stays open while its token is good").isNotDone();

        redis.value(String.class).setex(RevocationKeys.revokedToken(TestTokens.tokenIdOf(token)), 60, "1");

        assertThat(stream.ended().get(5, TimeUnit.SECONDS)).isEqualTo(200);
        given().auth().oauth2(token).when().get("/api/jobs/" + jobId).then().statusCode(401);
    }

    @Test
    void a_stream_ends_soon_after_its_users_sessions_are_ended() throws Exception {
        long jobId = createJob(uniqueFileId(), "file_processing");
        long userId = freshUserId();
        Stream stream = open(jobId, TestTokens.forUser(userId, "demoted", "admin"));
        stream.first().get(30, TimeUnit.SECONDS);

        redis.value(String.class).setex(RevocationKeys.sessionsEnded(userId), 60, String.valueOf(System.currentTimeMillis()));

        assertThat(stream.ended().get(5, TimeUnit.SECONDS)).isEqualTo(200);
    }

    @Test
    void a_stream_ends_when_its_token_expires() throws Exception {
        long jobId = createJob(uniqueFileId(), "file_processing");
        long start = System.currentTimeMillis();
        Stream stream = open(jobId, TestTokens.expiringIn(freshUserId(), "short", "viewer", Duration.ofSeconds(4)));
        stream.first().get(30, TimeUnit.SECONDS);

        assertThat(stream.ended().get(15, TimeUnit.SECONDS)).isEqualTo(200);
        // exp has whole seconds: the token lives 3 to 4 s from start
        assertThat(System.currentTimeMillis() - start).isBetween(2_500L, 8_000L);
    }
}
