package io.dataops.ingest.rest;

import io.dataops.ingest.config.IngestConfig;
import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * more than the limit to the uploads directory. A body that declares its length is answered 413 FILE_TOO_LARGE
 * problem+json before it is read; a chunked one is cut off with a bare 413 (see the known gap below).
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

        // chunked, with no Content-Length: the server learns the size only by reading, as from a client that streams.
        // A plain socket, because the server answers and hangs up while the client is still sending.
        String answer;
        try (Socket socket = new Socket(upload.getHost(), upload.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + upload.getPath() + " HTTP/1.1\r\nHost: " + upload.getHost() + "\r\n"
                    + "Authorization: Bearer " + TestTokens.forRole("analyst") + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<String> response = CompletableFuture.supplyAsync(() -> readResponse(socket));
            try (InputStream body = new SequenceInputStream(Collections.enumeration(List.of(
                    new ByteArrayInputStream(head()), generated(8 * limit), new ByteArrayInputStream(tail()))))) {
                byte[] chunk = new byte[64 * 1024];
                for (int n; (n = body.read(chunk)) > 0 && !response.isDone(); ) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk, 0, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException stoppedReading) {
                // the server refused the rest of the body: what this test wants to see, the answer follows
            }
            answer = response.get(60, TimeUnit.SECONDS);
        } finally {
            watching.set(false);
            watcher.join();
        }

        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer.toLowerCase(Locale.ROOT)).contains("connection: close");
        // Known gap: RESTEasy Reactive's multipart reader ends this answer itself, with no body, so it is not yet
        // FILE_TOO_LARGE problem+json (uploads within the body limit but over the file limit still are).
        // the limit plus the multipart envelope's allowance, never the eight times the client sent
        assertThat(peak.get()).isLessThanOrEqualTo(limit + 1024 * 1024);
    }

    @Test
    void an_upload_declaring_a_length_over_the_limit_is_answered_file_too_large_before_its_body_is_read() throws Exception {
        long declared = 8 * config.maxFileSize();
        Path uploads = Path.of(ConfigProvider.getConfig().getValue("quarkus.http.body.uploads-directory", String.class));
        long before = bytesUnder(uploads);
        String answer;
        try (Socket socket = new Socket(upload.getHost(), upload.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + upload.getPath() + " HTTP/1.1\r\nHost: " + upload.getHost() + "\r\n"
                    + "Authorization: Bearer " + TestTokens.forRole("analyst") + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                    + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head());
            out.flush();
            answer = readResponse(socket);
        }

        assertThat(answer).startsWith("HTTP/1.1 413");
        String lower = answer.toLowerCase(Locale.ROOT);
        assertThat(lower).contains("content-type: application/problem+json").contains("connection: close");
        assertThat(answer).contains("\"code\":\"FILE_TOO_LARGE\"").contains(Long.toString(declared));
        assertThat(bytesUnder(uploads)).isLessThanOrEqualTo(before);
    }

    private static byte[] head() {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\ncustomer_code\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Status line, headers and a Content-Length body, as text. */
    private static String readResponse(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            int headerEnd = -1;
            while (headerEnd < 0) {
                int b = in.read();
                if (b < 0) {
                    return read.toString(StandardCharsets.UTF_8);
                }
                read.write(b);
                String text = read.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r\n\r\n")) {
                    headerEnd = text.length();
                }
            }
            String headers = read.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            int at = headers.indexOf("content-length:");
            int length = at < 0 ? 0 : Integer.parseInt(headers.substring(at + 15, headers.indexOf("\r\n", at)).trim());
            read.write(in.readNBytes(length));
            return read.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
