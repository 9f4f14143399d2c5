import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.px0.testing.Bench;
import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.TestStores;

/**
 * Start to healthy, and resident memory right after start, of the built server ({@code java … -jar px0.jar}) in its
 * own process, against already-running embedded PostgreSQL and Redis, each start on a new empty database, with a
 * first admin from PX0_ADMIN_EMAIL / PX0_ADMIN_PASSWORD at the default SCrypt parameters. The variants are started
 * in alternation, round after round, in the same run; medians per variant.
 *
 * <p>Usage: {@code bench/run Startup <rounds> <variant>...}, a variant being {@code label|jar|jvm options}, options
 * separated by spaces ({@code @config/jvm.options} reads a file, as the java launcher does). Without variants:
 * {@code default|target/px0.jar|} and {@code shipped|target/px0.jar|@config/jvm.options}.
 *
 * <p>Measured: launch → first {@code GET /v1/health} answered 200 (polled every 5 ms); VmRSS of the process at
 * that moment and 1 s later; then SIGTERM and the time to exit.
 */
public class Startup {

    record Variant(String label, Path jar, List<String> options) {
    }

    record Sample(double seconds, double rssMiB, double rssLaterMiB, double stopSeconds) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("train")) {
            train(Path.of(args[1]), args.length > 2 ? List.of(args[2].trim().split("\\s+")) : List.of());
            System.exit(0);
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Variant> variants = new ArrayList<>();
        List<String> specs = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of("default|target/px0.jar|", "shipped|target/px0.jar|@config/jvm.options");
        for (String spec : specs) {
            String[] parts = spec.split("\\|", -1);
            List<String> options = parts[2].isBlank() ? List.of() : List.of(parts[2].trim().split("\\s+"));
            variants.add(new Variant(parts[0], Path.of(parts[1]), options));
        }
        TestStores stores = TestStores.get();
        for (Variant v : variants) { // a cache is trained on the jar it serves, with the same options
            for (String option : v.options()) {
                if (option.startsWith("-XX:AOTCache=")) {
                    Path cache = Path.of(option.substring("-XX:AOTCache=".length()));
                    if (!Files.exists(cache)
                        || Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(v.jar())) < 0) {
                        train(cache, v.options().stream().filter(o -> !o.equals(option)).toList());
                    }
                }
            }
        }
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        variants.forEach(v -> samples.put(v.label(), new ArrayList<>()));
        int n = 0;
        start(variants.get(0), stores, "px0_startup_warm"); // warms the disk cache, not measured
        for (int round = 0; round < rounds; round++) {
            for (Variant v : variants) {
                Sample s = start(v, stores, "px0_startup_" + (n++));
                samples.get(v.label()).add(s);
                System.out.printf("round %d %-10s %6.0f ms  rss %5.0f MiB, 1 s later %5.0f MiB  stop %4.0f ms%n",
                                  round + 1, v.label(), s.seconds() * 1000, s.rssMiB(), s.rssLaterMiB(),
                                  s.stopSeconds() * 1000);
            }
        }
        System.out.printf("%nmedians of %d rounds (cores: %d)%n", rounds, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-10s %14s %14s %16s %10s%n", "variant", "start→healthy", "RSS at healthy", "RSS 1 s later", "stop");
        for (Variant v : variants) {
            List<Sample> list = samples.get(v.label());
            System.out.printf("%-10s %11.0f ms %10.0f MiB %12.0f MiB %7.0f ms   %s%n", v.label(),
                              1000 * Bench.median(list.stream().map(Sample::seconds).toList()),
                              Bench.median(list.stream().map(Sample::rssMiB).toList()),
                              Bench.median(list.stream().map(Sample::rssLaterMiB).toList()),
                              1000 * Bench.median(list.stream().map(Sample::stopSeconds).toList()),
                              String.join(" ", v.options()));
        }
        System.exit(0);
    }

    /**
     * A training run for the JDK's AOT cache (JDK 25, JEP 483/514): px0 started with {@code -XX:AOTCacheOutput},
     * made healthy, given a login, a token check, a logout and an unknown path, then stopped; the JVM writes the
     * cache as it exits. {@code bench/run Startup train target/px0.aot '@config/jvm.options'}
     */
    private static void train(Path cache, List<String> options) throws Exception {
        Path jar = Path.of("target/px0.jar");
        TestStores stores = TestStores.get();
        List<String> all = new ArrayList<>(options);
        all.add("-XX:AOTCacheOutput=" + cache);
        Files.deleteIfExists(cache);
        long t0 = System.nanoTime();
        start(new Variant("train", jar, all), stores, "px0_startup_train", port -> {
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\": \"admin@example.com\", \"password\": \"correct horse battery staple\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String token = login.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            for (int i = 0; i < 200; i++) {
                HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/auth/me"))
                                  .header("Authorization", "Bearer " + token).build(),
                          HttpResponse.BodyHandlers.discarding());
                HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/nope")).build(),
                          HttpResponse.BodyHandlers.discarding());
            }
            HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/auth/session")).DELETE()
                              .header("Authorization", "Bearer " + token).build(),
                      HttpResponse.BodyHandlers.discarding());
            System.out.println("training: login " + login.statusCode());
        });
        System.out.printf("AOT cache %s: %d MiB, training and writing took %.1f s%n", cache,
                          Files.size(cache) >> 20, (System.nanoTime() - t0) / 1e9);
    }

    interface Exercise {
        void run(int port) throws Exception;
    }

    private static Sample start(Variant v, TestStores stores, String database) throws Exception {
        return start(v, stores, database, port -> { });
    }

    private static Sample start(Variant v, TestStores stores, String database, Exercise exercise) throws Exception {
        String url = Bench.recreateDatabase(stores, database);
        int port = EmbeddedStores.freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(v.options());
        command.addAll(List.of("-jar", v.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        Path log = Path.of("target", "startup-" + v.label() + ".log");
        builder.redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("OTEL_") || name.startsWith("PX0_") || name.startsWith("SERVER_"));
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_HOST", "127.0.0.1");
        env.put("PX0_DATABASE_URL", url);
        env.put("PX0_DATABASE_USERNAME", stores.username());
        env.put("PX0_DATABASE_PASSWORD", stores.password());
        env.put("PX0_REDIS_URL", stores.redisUri().toString());
        env.put("PX0_ADMIN_EMAIL", "admin@example.com");
        env.put("PX0_ADMIN_PASSWORD", "correct horse battery staple");
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        Process process = builder.start();
        double seconds;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(v.label() + " exited with " + process.exitValue() + ": "
                                                + Files.readString(log));
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    seconds = (System.nanoTime() - t0) / 1e9;
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                process.destroyForcibly();
                throw new IllegalStateException(v.label() + " not healthy in 60 s: " + Files.readString(log));
            }
            Thread.sleep(5);
        }
        double rss = Bench.rssMiB(process.pid());
        if (v.options().stream().anyMatch(o -> o.startsWith("-XX:NativeMemoryTracking"))) {
            Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
            new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "VM.native_memory", "summary")
                    .redirectErrorStream(true).redirectOutput(Path.of("target", "startup-" + v.label() + ".nmt").toFile())
                    .start().waitFor();
        }
        exercise.run(port);
        Thread.sleep(1000);
        double later = Bench.rssMiB(process.pid());
        long s0 = System.nanoTime();
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        double stop = (System.nanoTime() - s0) / 1e9;
        Bench.dropDatabase(stores, database);
        return new Sample(seconds, rss, later, stop);
    }
}
