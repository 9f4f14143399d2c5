package dev.px0.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.px0.testing.Api;
import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.TestStores;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The container image really runs: built with Jib on the offline base, loaded into Podman, started against this
 * run's PostgreSQL and Redis, logged into, checked to run as a non-root user and to pass its own health check,
 * then stopped the way an orchestrator stops it (SIGTERM, SIGKILL only after the grace period), exiting 0. That first
 * run trains px0's AOT cache into a volume (a directory under target/) as it stops; a second start with the same
 * volume uses the cache (its JVM has the file mapped) and again exits 0.
 *
 * <p>Needs root, podman, runc and debootstrap (scripts/test installs them on Debian). Elsewhere it fails saying
 * so; {@code -Dpx0.image.test=skip} skips it on purpose.
 */
@Tag("image")
class ImageTest {

    /** px0's PX0_SHUTDOWN_GRACE, and the time podman stop gives it before SIGKILL. */
    private static final Duration GRACE = Duration.ofSeconds(10);
    /** The non-root user of the image (pom.xml, scripts/image-base). */
    private static final String UID = "10001";
    /** The image's JDK is this build's (scripts/image-base jlinks it): an AOT cache from JDK 25 on. */
    private static final boolean AOT = Runtime.version().feature() >= 25;

    @Test
    void theImageServesLogsInRunsAsNonRootExitsZeroOnSigtermAndStartsAgainWithItsAotCache() throws IOException {
        assumeFalse("skip".equals(System.getProperty("px0.image.test")), "-Dpx0.image.test=skip");
        Podman podman = Podman.under(Path.of("target", "podman"));
        TestStores stores = TestStores.get();
        long started = System.nanoTime();
        Path tarball = ImageBuild.tarball();
        long built = System.nanoTime();
        podman.run(Duration.ofMinutes(2), "image", "prune", "--force").ok("podman image prune"); // earlier runs'
        podman.run(Duration.ofMinutes(5), "load", "--input", tarball.toString()).ok("podman load");
        long loaded = System.nanoTime();

        Path aot = emptyAotDirectory(Path.of("target", "image-test", "aot").toAbsolutePath());
        int port = EmbeddedStores.freePort();
        String container = "px0-image-test-" + port;
        String email = Users.uniqueEmail();
        start(podman, stores, container, port, email, aot);
        try {
            Api api = containerApi(port);
            awaitHealthy(podman, container, api, Duration.ofMinutes(2));
            long healthy = System.nanoTime();

            String token = api.token(email, Users.PASSWORD);
            Api.Reply me = api.me(token);
            assertThat(me.body(), me.status(), is(200));
            assertThat(me.json().getJsonObject("user").getString("email"), is(email));

            String pid = podman.run(Duration.ofSeconds(30), "inspect", "--format", "{{.State.Pid}}", container)
                    .ok("podman inspect").lastLine();
            assertThat("real, effective, saved and file-system user of px0's process",
                       uidLine(Path.of("/proc", pid, "status")), is("Uid:\t" + String.join("\t", UID, UID, UID, UID)));
            assertThat(podman.run(Duration.ofSeconds(30), "exec", container, "id", "-u").ok("podman exec id")
                               .lastLine(), is(UID));

            Processes.Result health = podman.run(Duration.ofSeconds(30), "healthcheck", "run", container);
            assertThat("the image's own health check: " + health.output(), health.exitCode(), is(0));

            // SIGTERM, and SIGKILL if px0 is still there after the grace period (exit code 137 then)
            long stopping = System.nanoTime();
            podman.run(GRACE.plusSeconds(30), "stop", "--time", String.valueOf(GRACE.toSeconds()), container)
                    .ok("podman stop");
            String exit = podman.run(Duration.ofSeconds(30), "inspect", "--format", "{{.State.ExitCode}}", container)
                    .ok("podman inspect").lastLine();
            String output = logs(podman, container);
            assertThat("exit code after SIGTERM; px0's output:\n" + output, exit, is("0"));
            long stopped = System.nanoTime();

            if (!AOT) { // the offline base holds the JDK running this build: before 25, no AOT options at all
                assertThat(output, containsString("px0 image: no AOT cache (needs JDK 25+"));
                System.out.printf("image test: image built in %.1f s, loaded in %.1f s, healthy %.1f s after podman"
                                          + " run, stopped in %.1f s; %s is %d MB%n", seconds(started, built),
                                  seconds(built, loaded), seconds(loaded, healthy), seconds(stopping, stopped),
                                  tarball.getFileName(), Files.size(tarball) / 1_000_000);
                return;
            }
            // the first run trained the AOT cache: written into the volume as px0 stopped
            assertThat(output, containsString("px0 image: no AOT cache yet; px0 writes /app/aot/px0-"));
            Path cache = aotCache(aot);
            assertThat(output, containsString("AOTCache creation is complete: /app/aot/" + cache.getFileName()));
            assertThat("the JVM's temporary record is gone once the cache is complete",
                       Files.exists(Path.of(cache + ".config")), is(false));
            System.out.printf("image test: image built in %.1f s, loaded in %.1f s, healthy %.1f s after podman run"
                                      + " (no AOT cache), stopped in %.1f s (writing the %d MB AOT cache); %s is %d MB%n",
                              seconds(started, built), seconds(built, loaded), seconds(loaded, healthy),
                              seconds(stopping, stopped), Files.size(cache) / 1_000_000, tarball.getFileName(),
                              Files.size(tarball) / 1_000_000);
        } finally {
            podman.run(Duration.ofMinutes(1), "rm", "--force", "--time", "0", container);
        }
        if (AOT) {
            secondStartUsesTheAotCache(podman, stores, aot);
        }
    }

    /**
     * The second start with the same AOT directory (a volume) maps the cache the first one wrote, serves, and still
     * exits 0 on SIGTERM.
     */
    private static void secondStartUsesTheAotCache(Podman podman, TestStores stores, Path aot) {
        Path cache = aotCache(aot);
        int port = EmbeddedStores.freePort();
        String container = "px0-image-test-" + port;
        String email = Users.uniqueEmail();
        long starting = System.nanoTime();
        start(podman, stores, container, port, email, aot);
        try {
            Api api = containerApi(port);
            awaitHealthy(podman, container, api, Duration.ofMinutes(2));
            long healthy = System.nanoTime();
            assertThat(logs(podman, container), containsString("px0 image: AOT cache /app/aot/" + cache.getFileName()));
            // the JVM (PID 1: the entrypoint script execs java) has the cache file mapped
            String maps = podman.run(Duration.ofSeconds(30), "exec", container, "cat", "/proc/1/maps")
                    .ok("podman exec cat /proc/1/maps").output();
            assertThat("px0's memory maps", maps, containsString("/app/aot/" + cache.getFileName()));
            Api.Reply me = api.me(api.token(email, Users.PASSWORD));
            assertThat(me.body(), me.status(), is(200));

            podman.run(GRACE.plusSeconds(30), "stop", "--time", String.valueOf(GRACE.toSeconds()), container)
                    .ok("podman stop");
            String exit = podman.run(Duration.ofSeconds(30), "inspect", "--format", "{{.State.ExitCode}}", container)
                    .ok("podman inspect").lastLine();
            assertThat("exit code after SIGTERM; px0's output:\n" + logs(podman, container), exit, is("0"));
            assertThat("the cache is kept", aotCache(aot), is(cache));
            System.out.printf("image test: with the AOT cache, healthy %.1f s after podman run%n",
                              seconds(starting, healthy));
        } finally {
            podman.run(Duration.ofMinutes(1), "rm", "--force", "--time", "0", container);
        }
    }

    /** Starts the image against this run's stores, with {@code aot} mounted as the AOT cache volume /app/aot. */
    private static void start(Podman podman, TestStores stores, String container, int port, String email, Path aot) {
        // secrets go to podman through its environment (-e NAME), never on a command line
        Map<String, String> secrets = Map.of("PX0_DATABASE_PASSWORD", stores.password(),
                                             "PX0_ADMIN_PASSWORD", Users.PASSWORD);
        podman.run(Duration.ofMinutes(1), secrets, "run", "--detach", "--name", container, "--network", "host",
                   "--health-interval", "disable", // no systemd timer here; the check is run below by hand
                   "--volume", aot + ":/app/aot",
                   "--env", "SERVER_HOST=127.0.0.1", "--env", "SERVER_PORT=" + port,
                   "--env", "PX0_DATABASE_URL=" + stores.jdbcUrl(),
                   "--env", "PX0_DATABASE_USERNAME=" + stores.username(), "--env", "PX0_DATABASE_PASSWORD",
                   "--env", "PX0_REDIS_URL=" + stores.redisUri(),
                   "--env", "PX0_ADMIN_EMAIL=" + email, "--env", "PX0_ADMIN_PASSWORD",
                   "--env", "PX0_SCRYPT_N=1024", "--env", "PX0_SCRYPT_P=1",
                   // on the run's Redis every test logs in from 127.0.0.1: the per-address limit is tested on its own
                   "--env", "PX0_LOGIN_IP_LIMIT=1000000",
                   "--env", "PX0_SHUTDOWN_GRACE=PT" + GRACE.toSeconds() + "S",
                   ImageBuild.IMAGE).ok("podman run");
    }

    /** A new, empty directory for the AOT cache volume, writable by the image's user (as /app/aot in the image). */
    private static Path emptyAotDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** The one AOT cache in {@code dir}. */
    private static Path aotCache(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> caches = files.filter(file -> file.getFileName().toString().matches("px0-[0-9]+\\.aot"))
                    .toList();
            assertThat("AOT caches in " + dir, caches.size(), is(1));
            assertThat("size of " + caches.get(0), Files.size(caches.get(0)) > 0, is(true));
            return caches.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks /v1/health until it answers 200; fails with the container's output if the container ends first. */
    /** The API of the container published on {@code port}. */
    private static Api containerApi(int port) {
        return new Api(Http1Client.builder().baseUri("http://127.0.0.1:" + port).readTimeout(Duration.ofSeconds(10)).build());
    }

    private static void awaitHealthy(Podman podman, String container, Api api, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (int attempt = 0; ; attempt++) {
            try {
                if (api.send(Method.GET, "/v1/health", null, Map.of()).status() == 200) {
                    return;
                }
            } catch (RuntimeException notListeningYet) {
                // connection refused while the JVM starts
            }
            if (attempt % 20 == 19 && !"running".equals(podman.run(Duration.ofSeconds(30), "inspect", "--format",
                                                                   "{{.State.Status}}", container).lastLine())) {
                throw new AssertionError("the container ended before /v1/health answered 200:\n"
                                                 + logs(podman, container));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("/v1/health did not answer 200 within " + limit + ":\n"
                                                 + logs(podman, container));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    private static String uidLine(Path status) {
        try {
            return Files.readAllLines(status).stream().filter(line -> line.startsWith("Uid:")).findFirst()
                    .orElse("no Uid line in " + status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String logs(Podman podman, String container) {
        return podman.run(Duration.ofSeconds(30), "logs", container).output();
    }
}
