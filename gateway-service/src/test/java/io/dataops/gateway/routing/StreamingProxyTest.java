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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server-sent-events stream (GET /api/jobs/{id}/events) passes the gateway as it is written: the first event
 * reaches the client while job-service still holds the stream open. A stub plays job-service.
 */
@QuarkusTest
@TestProfile(StreamingProxyTest.StubbedJobService.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class StreamingProxyTest {
    static final CountDownLatch RELEASE = new CountDownLatch(1);
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
                    RELEASE.await(30, TimeUnit.SECONDS);
                    out.write("data: {\"status\":\"completed\"}\n\n".getBytes(StandardCharsets.UTF_8));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_first_event_arrives_before_the_upstream_ends_the_stream() throws Exception {
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(events)
                        .header("Authorization", "Bearer " + TestTokens.forRole("viewer"))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // read while the stub still holds the stream open: a buffering proxy would block here until the release
            assertThat(lines.readLine()).isEqualTo("data: {\"status\":\"running\"}");
            assertThat(RELEASE.getCount()).isEqualTo(1);
            RELEASE.countDown();
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo("data: {\"status\":\"completed\"}");
        } finally {
            STUB.stop(0);
        }
    }
}
