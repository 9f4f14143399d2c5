package dev.px0.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.px0.testing.Api;
import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.TestStores;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The container image really runs: built with Jib on the offline base, loaded into Podman, started against this
 * run's PostgreSQL and Redis, logged into, checked to run as a non-root user and to pass its own health check,
 * then stopped the way an orchestrator stops it (SIGTERM, SIGKILL only after the grace period), exiting 0.
 *
 * <p>Needs root, podman, runc and debootstrap (scripts/test installs them on Debian). Elsewhere it fails saying
 * so; {@code -Dpx0.image.test=skip} skips it on purpose.
 */
class ImageTest {

    /** px0's PX0_SHUTDOWN_GRACE, and the time podman stop gives it before SIGKILL. */
    private static final Duration GRACE = Duration.ofSeconds(10);
    /** The non-root user of the image (pom.xml, scripts/image-base). */
    private static final String UID = "10001";

    @Test
    void theImageServesLogsInRunsAsNonRootAndExitsZeroOnSigterm() throws IOException {
        assumeFalse("skip".equals(System.getProperty("px0.image.test")), "-Dpx0.image.test=skip");
        Podman podman = Podman.under(Path.of("target", "podman"));
        TestStores stores = TestStores.get();
        long started = System.nanoTime();
        Path tarball = ImageBuild.tarball();
        long built = System.nanoTime();
        podman.run(Duration.ofMinutes(2), "image", "prune", "--force").ok("podman image prune"); // earlier runs'
        podman.run(Duration.ofMinutes(5), "load", "--input", tarball.toString()).ok("podman load");
        long loaded = System.nanoTime();

        int port = EmbeddedStores.freePort();
        String container = "px0-image-test-" + port;
        String email = Users.uniqueEmail();
        // secrets go to podman through its environment (-e NAME), never on a command line
        Map<String, String> secrets = Map.of("PX0_DATABASE_PASSWORD", stores.password(),
                                             "PX0_ADMIN_PASSWORD", Users.PASSWORD);
        podman.run(Duration.ofMinutes(1), secrets, "run", "--detach", "--name", container, "--network", "host",
                   "--health-interval", "disable", // no systemd timer here; the check is run below by hand
                   "--env", "SERVER_HOST=127.0.0.1", "--env", "SERVER_PORT=" + port,
                   "--env", "PX0_DATABASE_URL=" + stores.jdbcUrl(),
                   "--env", "PX0_DATABASE_USERNAME=" + stores.username(), "--env", "PX0_DATABASE_PASSWORD",
                   "--env", "PX0_REDIS_URL=" + stores.redisUri(),
                   "--env", "PX0_ADMIN_EMAIL=" + email, "--env", "PX0_ADMIN_PASSWORD",
                   "--env", "PX0_SCRYPT_N=1024", "--env", "PX0_SCRYPT_P=1",
                   "--env", "PX0_SHUTDOWN_GRACE=PT" + GRACE.toSeconds() + "S",
                   ImageBuild.IMAGE).ok("podman run");
        try {
            Api api = new Api(Http1Client.builder().baseUri("http://127.0.0.1:" + port)
                                      .readTimeout(Duration.ofSeconds(10)).build());
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
            assertThat("exit code after SIGTERM; px0's output:\n" + logs(podman, container), exit, is("0"));
            System.out.printf("image test: image built in %.1f s, loaded in %.1f s, healthy %.1f s after podman run,"
                                      + " stopped in %.1f s; %s is %d MB%n", seconds(started, built),
                              seconds(built, loaded), seconds(loaded, healthy), seconds(stopping, System.nanoTime()),
                              tarball.getFileName(), Files.size(tarball) / 1_000_000);
        } finally {
            podman.run(Duration.ofMinutes(1), "rm", "--force", "--time", "0", container);
        }
    }

    /** Asks /v1/health until it answers 200; fails with the container's output if the container ends first. */
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
