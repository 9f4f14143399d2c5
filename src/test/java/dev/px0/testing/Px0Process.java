package dev.px0.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.px0.Main;

import io.helidon.webclient.http1.Http1Client;

/**
 * px0 as its own operating-system process ({@code java dev.px0.Main}), configured only by environment variables,
 * on the shared test stores: for tests of signals, crashes and several nodes. It runs from this JVM's class path, or,
 * when the system property {@code px0.process.jar} names one, from the built jar ({@code java -jar target/px0.jar},
 * as the SDK's tests run it).
 */
public final class Px0Process implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("px0 listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;
    private final Api api;

    private Px0Process(Map<String, String> env, String maxHeap) {
        TestStores stores = TestStores.get();
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("px0.process.jar");
        ProcessBuilder builder = jar == null
                ? new ProcessBuilder(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
                                     Main.class.getName())
                : new ProcessBuilder(java, "-Xmx" + maxHeap, "-jar", jar);
        builder.redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("OTEL_")); // only what the test sets
        environment.put("SERVER_PORT", "0");
        environment.put("SERVER_HOST", "127.0.0.1");
        environment.put("PX0_DATABASE_URL", stores.jdbcUrl());
        environment.put("PX0_DATABASE_USERNAME", stores.username());
        environment.put("PX0_DATABASE_PASSWORD", stores.password());
        environment.put("PX0_REDIS_URL", stores.redisUri().toString());
        environment.put("PX0_SCRYPT_N", "1024");
        environment.put("PX0_SCRYPT_P", "1");
        environment.put("PX0_LOGIN_IP_LIMIT", "1000000");
        environment.put("PX0_ACCOUNT_IP_LIMIT", "1000000");
        environment.putAll(env);
        try {
            this.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                                                                                  StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listening.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
            listening.completeExceptionally(new IllegalStateException("px0 exited before listening: " + output));
        });
        this.port = listening.orTimeout(60, TimeUnit.SECONDS).join();
        this.api = new Api(Http1Client.builder().baseUri(url())
                                   .readTimeout(Duration.ofSeconds(10)).build());
    }

    /** Starts px0 and waits until it listens. */
    public static Px0Process start(Map<String, String> env) {
        return new Px0Process(env, "256m");
    }

    /** The same with another heap cap, such as {@code 512m}. */
    public static Px0Process start(Map<String, String> env, String maxHeap) {
        return new Px0Process(env, maxHeap);
    }

    public Api api() {
        return api;
    }

    public int port() {
        return port;
    }

    /** Where it listens: {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** What the process printed so far. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /**
     * SIGTERM, as an orchestrator stops a container. Through the process handle: {@code Process.destroy()} would
     * also close the pipe the output is read from, losing what px0 logs while it stops.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL: a crash. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits for the process to end and returns its exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("px0 did not exit within " + timeout + ": " + output);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
