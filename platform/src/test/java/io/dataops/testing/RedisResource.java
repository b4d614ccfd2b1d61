package io.dataops.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A real Redis server per test JVM: the binary shipped in the embedded-redis jar (Redis 6.2), so the suite
 * needs nothing installed. The gateway's revocation list and rate limits run against it unchanged.
 */
public class RedisResource implements QuarkusTestResourceLifecycleManager {
    private static final String URL_PROPERTY = "dataops.test.redis.url";

    @Override
    public synchronized Map<String, String> start() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            try {
                int port = InJvmKafka.freePort();
                RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no").build();
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(server), "redis-test-stop"));
                url = "redis://127.0.0.1:" + port;
                System.setProperty(URL_PROPERTY, url);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.of("quarkus.redis.hosts", url);
    }

    @Override
    public void stop() {
        // shared by every test class of the JVM; stopped by the shutdown hook
    }

    private static void stopQuietly(RedisServer server) {
        try {
            server.stop();
        } catch (IOException ignored) {
            // the JVM is exiting
        }
    }
}
