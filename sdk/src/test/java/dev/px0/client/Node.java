package dev.px0.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real px0 process ({@code ../target/px0.jar}, built by the server's {@code mvn verify} before the SDK's tests)
 * on the shared stores, on a fixed port so that it can be started again where clients look for it.
 */
final class Node implements AutoCloseable {

    static final String ADMIN_EMAIL = "admin@sdk.test";
    static final String ADMIN_PASSWORD = "sdk-test-admin-password-1";

    final int port;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private Node(int port) {
        this.port = port;
        Path target = Path.of(System.getProperty("px0.server.target", "../target"));
        Path jar = target.resolve("px0.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build the server first (mvn package)");
        }
        Stores stores = Stores.get();
        ProcessBuilder builder = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toAbsolutePath().toString());
        builder.redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("OTEL_") || name.startsWith("PX0_"));
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_HOST", "127.0.0.1");
        env.put("PX0_DATABASE_URL", stores.jdbcUrl);
        env.put("PX0_DATABASE_USERNAME", "postgres");
        env.put("PX0_DATABASE_PASSWORD", "postgres");
        env.put("PX0_REDIS_URL", stores.redisUrl());
        env.put("PX0_SCRYPT_N", "1024");
        env.put("PX0_SCRYPT_P", "1");
        env.put("PX0_LOGIN_IP_LIMIT", "1000000");
        env.put("PX0_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("PX0_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("PX0_SHUTDOWN_GRACE", "PT2S");
        env.put("PX0_EVENTS_HEARTBEAT", "PT1S");
        env.put("PX0_CACHE_HEARTBEAT", "PT1S");
        try {
            process = builder.directory(target.getParent() == null ? null : target.getParent().toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                                                                              StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                    if (line.contains("px0 listening on http://")) {
                        listening.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
            listening.completeExceptionally(new IllegalStateException("px0 exited before listening: " + output));
        });
        reader.setDaemon(true);
        reader.start();
        listening.orTimeout(60, TimeUnit.SECONDS).join();
    }

    static Node start() {
        return new Node(Stores.freePort());
    }

    /** px0 on a given port (where clients already look for it). */
    static Node startOn(int port) {
        return new Node(port);
    }

    /** Starts px0 again on this node's port (after {@link #kill()}). */
    Node restart() {
        return new Node(port);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
