package dev.px0.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.embedded.core.ExecutableProvider;

/**
 * One {@code redis-server} process (a data node or, with {@code --sentinel}, a Sentinel) started from the test
 * run's own binary: the embedded-redis one (Redis 6.2, which has Sentinel, replication and Cluster), unpacked under
 * {@code target/}, so nothing needs installing; {@code PX0_TEST_REDIS_SERVER} may name another {@code redis-server}
 * (Debian's 7.0 at {@code /usr/bin/redis-server}, say). Its configuration file, data and log live in a directory
 * under {@code target/embedded}; {@link #kill()} is a SIGKILL, as when a machine dies.
 */
public final class RedisProcess implements AutoCloseable {

    private static File binary;

    private final Process process;
    private final int port;
    private final Path directory;

    private final String password;

    private RedisProcess(Process process, int port, Path directory, String password) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.password = password;
    }

    /** Starts a data node on a free port with these extra configuration lines, and waits until it answers. */
    public static RedisProcess server(String name, List<String> config) {
        return server(name, config, "");
    }

    /** The same, for a node whose {@code requirepass} is {@code password} (empty: none). */
    public static RedisProcess server(String name, List<String> config, String password) {
        return start(name, EmbeddedStores.freePort(), config, false, password);
    }

    /**
     * A cluster node: Redis 6.2 listens for its cluster bus on {@code port + 10000}, so both ports must be free; a
     * port taken by another process between the check and the start is tried again on another pair.
     */
    public static RedisProcess clusterServer(String name, List<String> config) {
        AssertionError failed = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = EmbeddedStores.freePort();
            if (port + 10_000 > 65_535 || !free(port + 10_000)) {
                continue;
            }
            try {
                return start(name, port, config, false, "");
            } catch (AssertionError e) { // it exited: a port was taken meanwhile
                failed = e;
            }
        }
        throw failed != null ? failed : new AssertionError("no free pair of ports (p, p + 10000) for " + name);
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts a Sentinel on a free port with these configuration lines, and waits until it answers. */
    public static RedisProcess sentinel(String name, List<String> config, String password) {
        return start(name, EmbeddedStores.freePort(), config, true, password);
    }

    private static RedisProcess start(String name, int port, List<String> config, boolean sentinel, String password) {
        try {
            Path directory = TestStores.freshDirectory(name);
            List<String> lines = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "protected-mode no",
                                                         "dir " + directory, "logfile " + directory.resolve("redis.log")));
            lines.addAll(config);
            Path conf = directory.resolve(sentinel ? "sentinel.conf" : "redis.conf");
            Files.write(conf, lines);
            List<String> command = new ArrayList<>(List.of(binary().getAbsolutePath(), conf.toString()));
            if (sentinel) {
                command.add("--sentinel");
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("stdout.log").toFile()).start();
            RedisProcess redis = new RedisProcess(process, port, directory, password);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            Poll.until(name + " answers PING on port " + port, Duration.ofSeconds(30), redis::answers);
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private static synchronized File binary() throws IOException {
        if (binary == null) {
            String named = System.getenv("PX0_TEST_REDIS_SERVER");
            if (named != null && !named.isBlank()) {
                binary = new File(named);
                if (!binary.canExecute()) {
                    throw new AssertionError("PX0_TEST_REDIS_SERVER=" + named + " is not an executable redis-server");
                }
            } else {
                binary = ExecutableProvider.newJarResourceProvider().get();
                binary.setExecutable(true);
            }
        }
        return binary;
    }

    public int port() {
        return port;
    }

    public HostAndPort address() {
        return new HostAndPort("127.0.0.1", port);
    }

    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public Path directory() {
        return directory;
    }

    /** A fresh connection to this process, authenticated when it has a password (close it). */
    public Jedis jedis() {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().timeoutMillis(2000)
                .protocol(RedisProtocol.RESP2);
        if (!password.isEmpty()) {
            config.password(password);
        }
        return new Jedis(address(), config.build());
    }

    public boolean alive() {
        return process.isAlive();
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new AssertionError("redis-server on port " + port + " exited; see " + directory);
        }
        try (Jedis jedis = jedis()) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** SIGKILL: no shutdown, no last save, connections reset. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
