package io.dataops.ingest.rest;

import io.dataops.ingest.config.IngestConfig;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upload far beyond dataops.ingest.max-file-size is refused while it streams: the HTTP layer never writes much
 * more than the limit to the uploads directory, and the answer is still 413 FILE_TOO_LARGE.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
class UploadLimitTest {
    private static final String BOUNDARY = "upload-limit-boundary";

    @Inject
    IngestConfig config;

    @TestHTTPResource("/api/data/upload")
    URI upload;

    /** {@code size} bytes of CSV-looking text, produced as they are sent: the test never holds the body. */
    private static InputStream generated(long size) {
        return new InputStream() {
            private long sent;

            @Override
            public int read() {
                return sent < size ? (sent++ % 32 == 31 ? '\n' : 'a') : -1;
            }

            @Override
            public int read(byte[] target, int off, int len) {
                if (sent >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - sent);
                for (int i = 0; i < n; i++) {
                    target[off + i] = (byte) (sent++ % 32 == 31 ? '\n' : 'a');
                }
                return n;
            }
        };
    }

    private static long bytesUnder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // deleted while we looked
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    @Test
    void an_upload_eight_times_the_limit_is_refused_while_it_streams_and_never_stored_whole() throws Exception {
        long limit = config.maxFileSize();
        Path uploads = Path.of(ConfigProvider.getConfig().getValue("quarkus.http.body.uploads-directory", String.class));
        AtomicLong peak = new AtomicLong();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                peak.accumulateAndGet(bytesUnder(uploads), Math::max);
                Thread.onSpinWait();
            }
        });
        watcher.start();

        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\ncustomer_code\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        // no Content-Length (chunked): the server learns the size only by reading, as with a client that streams
        HttpRequest request = HttpRequest.newBuilder(upload)
                .header("Authorization", "Bearer " + TestTokens.forRole("analyst"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(Collections.enumeration(
                        List.of(new ByteArrayInputStream(head), generated(8 * limit), new ByteArrayInputStream(tail))))))
                .build();
        HttpResponse<String> answer;
        try {
            answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } finally {
            watching.set(false);
            watcher.join();
        }

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(new JsonPath(answer.body()).getString("code")).isEqualTo("FILE_TOO_LARGE");
        // the limit plus the multipart envelope's allowance, never the eight times the client sent
        assertThat(peak.get()).isLessThanOrEqualTo(limit + 1024 * 1024);
    }
}
