package dev.px0.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.px0.testing.Api;
import dev.px0.testing.Node;
import dev.px0.testing.Px0Process;
import dev.px0.testing.Users;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * Three px0 processes on one PostgreSQL and Redis: a token from any works on all, a logout on one is seen by all,
 * and killing one with SIGKILL under load costs the other two no request.
 */
@Tag("failover")
class ThreeNodesTest {

    @Test
    void nodesShareSessionsAndSurviveACrashedPeer() throws Exception {
        String email;
        try (Node helper = Node.start(Map.of())) {
            email = new Users(helper.px0()).verified();
        }
        List<Px0Process> nodes = startThree();
        try (Px0Process a = nodes.get(0); Px0Process b = nodes.get(1); Px0Process c = nodes.get(2)) {
            for (Px0Process issuer : nodes) {
                String token = issuer.api().token(email, Users.PASSWORD);
                for (Px0Process other : nodes) {
                    assertThat(other.api().me(token).status(), is(200));
                }
            }
            String loggedOut = a.api().token(email, Users.PASSWORD);
            c.api().logout(loggedOut);
            assertError(a.api().me(loggedOut), 401, "unauthorized");
            assertError(b.api().me(loggedOut), 401, "unauthorized");

            String token = b.api().token(email, Users.PASSWORD);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(20)); // a bound, in case of trouble
                for (Api survivor : List.of(b.api(), c.api())) {
                    for (int client = 0; client < 4; client++) {
                        load.submit(() -> {
                            while (running.get() && Instant.now().isBefore(deadline)) {
                                try {
                                    if (survivor.me(token).status() == 200) {
                                        ok.incrementAndGet();
                                    } else {
                                        failed.incrementAndGet();
                                    }
                                } catch (RuntimeException e) {
                                    failed.incrementAndGet();
                                }
                            }
                        });
                    }
                }
                waitForRequests(ok, 100);
                a.kill();
                assertThat(a.waitFor(Duration.ofSeconds(10)) != 0, is(true));
                int atKill = ok.get();
                waitForRequests(ok, atKill + 300);
                running.set(false);
            }
            assertThat("requests to the survivors", ok.get(), greaterThan(400));
            assertThat("failed requests to the survivors", failed.get(), is(0));
            assertThat(b.api().login(email, Users.PASSWORD).status(), is(200));
        }
    }

    /** Starts three processes at once (each JVM takes a few seconds to start). */
    private static List<Px0Process> startThree() {
        List<java.util.concurrent.CompletableFuture<Px0Process>> starting = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() -> Px0Process.start(Map.of())))
                .toList();
        return starting.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    }

    /** Polls until the counter reaches n (bounded: 20 s). */
    private static void waitForRequests(AtomicInteger counter, int n) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (counter.get() < n && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
    }
}
