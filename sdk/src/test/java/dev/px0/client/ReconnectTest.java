package dev.px0.client;

import java.time.Duration;
import java.util.Map;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Api;
import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.Px0Process;
import dev.px0.testing.TestStores;
import org.junit.jupiter.api.Test;

import static dev.px0.client.Cluster.until;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The client reconnects, and catches up on what it missed, after a Redis restart (the nodes end their streams
 * when they lose the invalidation channel) and after the node it streams from is killed and started again. The two
 * nodes here have a Redis of their own, so that its restart touches no other test's nodes.
 */
class ReconnectTest {

    @Test
    void aRedisRestartThenAKilledNode() throws Exception {
        Cluster cluster = Cluster.get();
        EmbeddedStores.RunningRedis redis = EmbeddedStores.redis(TestStores.freshDirectory("redis"));
        Map<String, String> onThatRedis = Map.of("PX0_REDIS_URL", redis.uri().toString());
        Px0Process streamed = Cluster.node(onThatRedis);
        Px0Process other = Cluster.node(onThatRedis);
        try (Px0Client client = cluster.client(streamed).streamIdleTimeout(Duration.ofSeconds(5)).build()) {
            cluster.published("reconnect", "v1 {{n}}");
            assertThat(client.prompt("reconnect").version(), is(1));

            // Redis restarts: every node on it loses its channel and ends its streams, then takes them again
            redis.stop();
            redis.start();
            PromptFixture viaOther = new PromptFixture(other.api());
            String admin = other.api().token(Cluster.ADMIN_EMAIL, Cluster.ADMIN_PASSWORD); // a session in that Redis
            until("a publish through the other node reaches the client", () -> {
                int v = viaOther.version(cluster.project, admin, "reconnect", "again {{n}}");
                production(viaOther, admin, v);
                return waitFor(client, v);
            });

            // the node it streams from is killed; a publish meanwhile is caught up on reconnect
            Cluster.crash(streamed);
            int missed = viaOther.version(cluster.project, admin, "reconnect", "missed {{n}}");
            production(viaOther, admin, missed);
            Map<String, String> samePort = Map.of("PX0_REDIS_URL", redis.uri().toString(),
                                                  "SERVER_PORT", Integer.toString(streamed.port()));
            try (Px0Process restarted = Cluster.node(samePort)) {
                until("the client catches up after reconnecting", () -> client.prompt("reconnect").version() == missed);
                assertThat(client.prompt("reconnect").render(Map.of("n", 1)), is("missed 1"));
                int next = viaOther.version(cluster.project, admin, "reconnect", "live again {{n}}");
                production(viaOther, admin, next);
                until("live updates resume", () -> client.prompt("reconnect").version() == next);
            }
        } finally {
            streamed.close();
            other.close();
            redis.stop();
        }
    }

    /** Publishes a version of the prompt through the other node, with the session of that node's Redis. */
    private static void production(PromptFixture via, String admin, int version) {
        Api.Reply reply = via.label(Cluster.get().project, admin, "reconnect", "production", version);
        assertThat(reply.body(), reply.status(), is(200));
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
