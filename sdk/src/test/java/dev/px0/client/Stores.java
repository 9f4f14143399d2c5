package dev.px0.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * The real PostgreSQL and Redis under the px0 nodes of the SDK's tests, started once per test JVM (data under
 * {@code target/embedded}), stopped when it exits. Redis can be stopped and started again on its port.
 */
final class Stores {

    private static Stores instance;

    final String jdbcUrl;
    final int redisPort;
    private final RedisServer redis;

    private Stores(String jdbcUrl, int redisPort, RedisServer redis) {
        this.jdbcUrl = jdbcUrl;
        this.redisPort = redisPort;
        this.redis = redis;
    }

    static synchronized Stores get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static Stores start() {
        try {
            Path base = Files.createDirectories(Path.of("target", "embedded")).toAbsolutePath();
            Path pgData = Files.createTempDirectory(base, "postgres-");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(base.resolve("postgres-binaries").toFile())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            int port = freePort();
            Path redisData = Files.createTempDirectory(base, "redis-");
            RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("appendonly no").setting("save \"\"").setting("dir " + redisData).build();
            redis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    redis.stop();
                    pg.close();
                } catch (IOException | RuntimeException ignored) {
                    // the JVM is going away
                }
            }));
            return new Stores("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", port, redis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded stores", e);
        }
    }

    String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    void stopRedis() throws IOException {
        redis.stop();
    }

    void startRedis() throws IOException {
        redis.start();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
