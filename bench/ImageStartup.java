import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.px0.testing.Bench;
import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.TestStores;

/**
 * Start to healthy of px0's container image, without and with the AOT cache its entrypoint (/app/bin/px0) trains:
 * {@code podman run} → first {@code GET /v1/health} answered 200 (polled every 5 ms), each start on a new empty
 * database (migrations and a first admin included), against already-running embedded PostgreSQL and Redis. Podman as
 * the image test runs it (runc, cgroupfs, --network host, storage under target/podman-bench).
 *
 * <p>Usage: {@code scripts/image && bench/run ImageStartup [rounds] [tarball]} (default 5 rounds,
 * target/px0-image.tar). First one training run (start, a login, SIGTERM: the JVM writes the cache into a volume
 * directory, target/image-bench/aot); then, round after round, one start with {@code PX0_AOT=off} (no AOT options)
 * and one with that volume (the cache), alternating; medians per variant.
 */
public class ImageStartup {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    private static final Path HOME = Path.of("target", "podman-bench").toAbsolutePath();
    private static final String IMAGE = "localhost/px0:latest";
    private static final String PASSWORD = "correct horse battery staple";

    record Sample(double seconds, double rssMiB, double stopSeconds) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path tarball = Path.of(args.length > 1 ? args[1] : "target/px0-image.tar");
        Files.createDirectories(HOME);
        Files.writeString(HOME.resolve("containers.conf"), """
                [containers]
                default_ulimits = []
                [engine]
                runtime = "runc"
                cgroup_manager = "cgroupfs"
                events_logger = "file"
                """);
        podman("image", "prune", "--force");
        podman("load", "--input", tarball.toString());
        Path aot = Path.of("target", "image-bench", "aot").toAbsolutePath();
        if (Files.isDirectory(aot)) {
            try (Stream<Path> files = Files.list(aot)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(aot);
        Files.setPosixFilePermissions(aot, PosixFilePermissions.fromString("rwxrwxrwx"));
        TestStores stores = TestStores.get();

        Sample training = start("train", List.of("--volume", aot + ":/app/aot"), stores, "px0_image_train", true);
        try (Stream<Path> files = Files.list(aot)) {
            Path cache = files.filter(f -> f.getFileName().toString().endsWith(".aot")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the training run wrote no AOT cache in " + aot));
            System.out.printf("training: healthy in %.0f ms, stop (px0's shutdown + writing the cache) %.0f ms;"
                                      + " %s: %d MiB%n", training.seconds() * 1000, training.stopSeconds() * 1000,
                              cache.getFileName(), Files.size(cache) >> 20);
        }
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("no-aot", List.of("--env", "PX0_AOT=off"));
        variants.put("aot", List.of("--volume", aot + ":/app/aot"));
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        variants.keySet().forEach(label -> samples.put(label, new ArrayList<>()));
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            for (var v : variants.entrySet()) {
                Sample s = start(v.getKey(), v.getValue(), stores, "px0_image_" + (n++), false);
                samples.get(v.getKey()).add(s);
                System.out.printf("round %d %-7s %6.0f ms  rss %4.0f MiB  stop %5.0f ms%n", round + 1, v.getKey(),
                                  s.seconds() * 1000, s.rssMiB(), s.stopSeconds() * 1000);
            }
        }
        System.out.printf("%nmedians of %d rounds (cores: %d)%n", rounds, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-7s %16s %14s %9s%n", "variant", "podman run→200", "RSS at 200", "stop");
        for (String label : variants.keySet()) {
            List<Sample> list = samples.get(label);
            System.out.printf("%-7s %13.0f ms %10.0f MiB %6.0f ms%n", label,
                              1000 * Bench.median(list.stream().map(Sample::seconds).toList()),
                              Bench.median(list.stream().map(Sample::rssMiB).toList()),
                              1000 * Bench.median(list.stream().map(Sample::stopSeconds).toList()));
        }
        System.exit(0);
    }

    private static Sample start(String label, List<String> options, TestStores stores, String database,
                                boolean login) throws Exception {
        String url = Bench.recreateDatabase(stores, database);
        int port = EmbeddedStores.freePort();
        String container = "px0-image-bench-" + port;
        List<String> run = new ArrayList<>(List.of("run", "--detach", "--name", container, "--network", "host",
                "--health-interval", "disable", "--env", "SERVER_HOST=127.0.0.1", "--env", "SERVER_PORT=" + port,
                "--env", "PX0_DATABASE_URL=" + url, "--env", "PX0_DATABASE_USERNAME=" + stores.username(),
                "--env", "PX0_DATABASE_PASSWORD", "--env", "PX0_REDIS_URL=" + stores.redisUri(),
                "--env", "PX0_ADMIN_EMAIL=admin@example.com", "--env", "PX0_ADMIN_PASSWORD"));
        run.addAll(options);
        run.add(IMAGE);
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        podman(Map.of("PX0_DATABASE_PASSWORD", stores.password(), "PX0_ADMIN_PASSWORD", PASSWORD),
               run.toArray(String[]::new));
        double seconds;
        try {
            while (true) {
                try {
                    if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        seconds = (System.nanoTime() - t0) / 1e9;
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(120)) {
                    throw new IllegalStateException(label + " not healthy in 120 s: " + podman("logs", container));
                }
                Thread.sleep(5);
            }
            String pid = podman("inspect", "--format", "{{.State.Pid}}", container).strip();
            double rss = Bench.rssMiB(Long.parseLong(pid.strip()));
            if (login) {
                HttpResponse<String> reply = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/auth/login"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"email\": \"admin@example.com\", \"password\": \"" + PASSWORD + "\"}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                System.out.println("training: login " + reply.statusCode());
            }
            long s0 = System.nanoTime();
            podman("stop", "--time", "60", container);
            double stop = (System.nanoTime() - s0) / 1e9;
            String exit = podman("inspect", "--format", "{{.State.ExitCode}}", container).strip();
            if (!exit.equals("0")) {
                throw new IllegalStateException(label + " exited " + exit + ": " + podman("logs", container));
            }
            return new Sample(seconds, rss, stop);
        } finally {
            podman("rm", "--force", "--time", "0", container);
            Bench.dropDatabase(stores, database);
        }
    }

    private static String podman(String... args) throws Exception {
        return podman(Map.of(), args);
    }

    private static String podman(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman", "--root", HOME.resolve("storage").toString(),
                "--runroot", HOME.resolve("run").toString(), "--storage-driver", "overlay", "--runtime", "runc",
                "--cgroup-manager", "cgroupfs"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CONTAINERS_CONF", HOME.resolve("containers.conf").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0 && !args[0].equals("rm") && !args[0].equals("logs")) {
            throw new IllegalStateException("podman " + String.join(" ", args) + ": " + output);
        }
        return output;
    }
}
