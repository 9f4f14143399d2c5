package dev.px0.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import dev.px0.testing.Node;
import dev.px0.testing.Poll;
import dev.px0.testing.Px0Process;
import dev.px0.testing.Users;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** SIGTERM: px0 stops accepting, finishes what is in flight, closes its pools and exits 0. */
class GracefulShutdownTest {

    private static final Pattern STOPPED = Pattern.compile(
            "px0 stopped: requests in flight drained in \\d+ ms \\(PX0_SHUTDOWN_GRACE PT10S\\), stores closed in \\d+ ms");

    @Test
    void requestsInFlightFinishAndTheProcessExitsZero() throws Exception {
        String email;
        try (Node helper = Node.start(Map.of())) { // same stores: creates the user with the process's parameters
            email = Users.uniqueEmail();
            new Users(helper.px0()).store().createIfAbsent(
                    email, new dev.px0.auth.PasswordHasher(new dev.px0.auth.ScryptParams(14, 8, 1), 1,
                                                          Duration.ofSeconds(5)).hash(Users.PASSWORD), true, false);
        }
        // one hash at a time, each tens of milliseconds: six logins keep the node busy for a while
        try (Px0Process node = Px0Process.start(Map.of("PX0_SCRYPT_N", "16384", "PX0_HASH_CONCURRENCY", "1",
                                                      "PX0_HASH_QUEUE_TIMEOUT", "PT30S"));
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Integer>> logins = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                logins.add(CompletableFuture.supplyAsync(() -> node.api().login(email, Users.PASSWORD).status(), clients));
            }
            logins.getFirst().join(); // the others are queued on the hash slot or hashing now

            node.terminate();

            List<Integer> statuses = logins.stream().map(CompletableFuture::join).toList();
            assertThat("every request in flight was answered", statuses, is(List.of(200, 200, 200, 200, 200, 200)));
            assertThat(node.waitFor(Duration.ofSeconds(30)), is(0));
            Poll.until("the stop is logged, in " + node.output(), Duration.ofSeconds(5),
                       () -> node.output().stream().anyMatch(STOPPED.asPredicate()));
        }
    }
}
