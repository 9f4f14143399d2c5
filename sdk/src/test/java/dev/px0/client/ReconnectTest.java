package dev.px0.client;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.px0.client.Cluster.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The client reconnects, and catches up on what it missed, after a Redis restart (the nodes end their streams
 * when they lose the invalidation channel) and after the node it streams from is killed and started again.
 */
class ReconnectTest {

    @Test
    void aRedisRestartThenAKilledNode() throws Exception {
        Cluster cluster = Cluster.get();
        Node streamed = Node.start();
        Node other = Node.start();
        try (Px0Client client = cluster.client(streamed).streamIdleTimeout(Duration.ofSeconds(5)).build()) {
            cluster.admin.published(cluster.project, "reconnect", "v1 {{n}}");
            assertThat(client.prompt("reconnect").version(), is(1));

            // Redis restarts: every node loses its channel and ends its streams, then takes them again
            Stores.get().stopRedis();
            Stores.get().startRedis();
            Admin admin = Admin.login(other); // sessions lived in the Redis that restarted
            until("a publish through the other node reaches the client", () -> {
                int v = admin.version(cluster.project, "reconnect", "again {{n}}");
                admin.label(cluster.project, "reconnect", "production", v);
                return waitFor(client, v);
            });

            // the node it streams from is killed; a publish meanwhile is caught up on reconnect
            streamed.kill();
            int missed = admin.version(cluster.project, "reconnect", "missed {{n}}");
            admin.label(cluster.project, "reconnect", "production", missed);
            Node restarted = streamed.restart();
            try {
                until("the client catches up after reconnecting", () -> client.prompt("reconnect").version() == missed);
                assertThat(client.prompt("reconnect").render(Map.of("n", 1)), is("missed 1"));
                int next = admin.version(cluster.project, "reconnect", "live again {{n}}");
                admin.label(cluster.project, "reconnect", "production", next);
                until("live updates resume", () -> client.prompt("reconnect").version() == next);
            } finally {
                restarted.close();
            }
        } finally {
            streamed.close();
            other.close();
        }
    }

    /** Whether the client serves version {@code v} within a second (the stream may still be reconnecting). */
    private static boolean waitFor(Px0Client client, int v) {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (client.prompt("reconnect").version() == v) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
