package io.dataops.gateway.routing;

import com.sun.net.httpserver.HttpServer;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server-sent-events stream (GET /api/jobs/{id}/events) passes the gateway as it is written. A stub plays
 * job-service: it sends the first event and then holds the stream open until the test has read that event through
 * the gateway; only then does it send the second one and end. A proxy that buffers the response until the upstream
 * ends never delivers the first event in time, and the test says so instead of waiting for the stub to give up.
 */
@QuarkusTest
@TestProfile(StreamingProxyTest.StubbedJobService.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class StreamingProxyTest {
    /** Counted down by the test once the first event came through; the stub holds the stream open until then. */
    static final CountDownLatch FIRST_EVENT_READ = new CountDownLatch(1);
    /** Set by the stub when it has written its last byte and closed the stream. */
    static final AtomicBoolean UPSTREAM_ENDED = new AtomicBoolean();
    /** Longer than the test waits for the first event, so a buffering proxy fails the test rather than the stub. */
    static final long STUB_HOLDS_SECONDS = 30;
    static final long FIRST_EVENT_WAIT_SECONDS = 10;
    static final HttpServer STUB = stub();

    @TestHTTPResource("/api/jobs/1/events")
    URI events;

    public static class StubbedJobService implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dataops.gateway.routes.job", "http://127.0.0.1:" + STUB.getAddress().getPort());
        }
    }

    private static HttpServer stub() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/jobs/1/events", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("data: {\"status\":\"running\"}\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    // without the reader's go-ahead the stream ends with no second event at all
                    if (FIRST_EVENT_READ.await(STUB_HOLDS_SECONDS, TimeUnit.SECONDS)) {
                        out.write("data: {\"status\":\"completed\"}\n\n".getBytes(StandardCharsets.UTF_8));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    UPSTREAM_ENDED.set(true);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_first_event_arrives_while_the_upstream_still_holds_the_stream_open() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(events)
                        .header("Authorization", "Bearer " + TestTokens.forRole("viewer"))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        // lines are read on their own thread so that the test thread can wait with a deadline and assert
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(response.body(), lines), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(lines.poll(FIRST_EVENT_WAIT_SECONDS, TimeUnit.SECONDS))
                    .as("first event through the gateway within %d s while job-service holds the stream open",
                            FIRST_EVENT_WAIT_SECONDS)
                    .isEqualTo("data: {\"status\":\"running\"}");
            assertThat(UPSTREAM_ENDED).as("upstream still open when the first event arrived").isFalse();
            FIRST_EVENT_READ.countDown();
            assertThat(lines.poll(FIRST_EVENT_WAIT_SECONDS, TimeUnit.SECONDS)).isEmpty();
            assertThat(lines.poll(FIRST_EVENT_WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("data: {\"status\":\"completed\"}");
        } finally {
            FIRST_EVENT_READ.countDown();
            STUB.stop(0);
        }
    }

    private static void readLines(InputStream body, BlockingQueue<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the stream broke: the test thread sees no further lines and reports what it waited for
        }
    }
}
