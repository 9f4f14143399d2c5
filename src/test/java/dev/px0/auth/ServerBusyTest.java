package dev.px0.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.px0.testing.Api;
import dev.px0.testing.Node;
import dev.px0.testing.Users;

import io.helidon.http.HeaderNames;
import org.junit.jupiter.api.Test;

import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** When every hash slot stays taken past the queue timeout, a login gets a quick 503 instead of waiting on. */
class ServerBusyTest {

    @Test
    void loginWithoutAFreeHashSlotIsServerBusy() {
        try (Node node = Node.start(Map.of("px0.hash.concurrency", "1", "px0.hash.queue.timeout", "PT0.1S"))) {
            Users users = new Users(node.px0());
            // a password stored at a high cost keeps the only slot busy for a good while
            String slow = users.withHash(new PasswordHasher(new ScryptParams(15, 8, 16), 1, Duration.ofMinutes(1))
                                                 .hash(Users.PASSWORD), true);
            String other = users.verified();
            long before = node.px0().hasher().computations();

            CompletableFuture<Integer> holder = CompletableFuture.supplyAsync(
                    () -> node.api().login(slow, Users.PASSWORD).status());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (node.px0().hasher().computations() == before && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait(); // until the slow login holds the slot
            }

            Api.Reply busy = node.api().login(other, Users.PASSWORD);

            assertError(busy, 503, "server busy");
            assertThat(busy.header(HeaderNames.RETRY_AFTER), is("1"));
            assertThat(holder.join(), is(200));
            assertThat("free again", node.api().login(other, Users.PASSWORD).status(), is(200));
        }
    }
}
