package dev.px0.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;

import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.LogCapture;
import dev.px0.testing.Px0Process;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;

/**
 * While the client knows px0 is away (its change stream is lost), a prompt that only its fallback knows is served
 * from it at once: no connection at all (counted on the listening socket that stands in for a px0 dropping every
 * connection). Once a real px0 answers on that address, the stream is back and the prompt is px0's again.
 */
class FallbackWhileAwayTest {

    private static final Map<String, Object> VARS = Map.of("name", "Ada");

    /** Accepts every connection, notes its request line, and drops it without an answer. */
    private static final class Dropper implements AutoCloseable {
        final ServerSocket socket;
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Dropper(int port) throws IOException {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            thread = new Thread(this::run, "dropper");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
                    requests.add(line == null ? "" : line); // noted before the client sees the connection dropped
                } catch (IOException e) {
                    // closed, or the client gave up: either way nothing is answered
                }
            }
        }

        /** The requests for a prompt's version (not the change stream's). */
        List<String> fetches() {
            return requests.stream().filter(r -> r.contains("/versions/")).toList();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void whileTheStreamIsLostTheFallbackIsServedWithoutAConnectionAndPx0sVersionOnceItIsBack() throws Exception {
        Cluster cluster = Cluster.get();
        cluster.published("away-reply", "Hello {{name}} from px0");
        int port = EmbeddedStores.freePort();
        Px0Process node = null;
        try (LogCapture logs = new LogCapture()) {
            Dropper dropper = new Dropper(port);
            try (Px0Client client = Px0Client.builder().baseUrl("http://127.0.0.1:" + port).apiKey(cluster.key)
                    .project(cluster.project).connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(2))
                    .fallback("away-reply", "Fallback for {{name}}").build()) {
                assertThat(client.prompt("away-reply").render(VARS), is("Fallback for Ada"));
                Cluster.until("the client notices its stream is lost",
                              () -> logs.messages(Level.WARNING).stream().anyMatch(w -> w.contains("change stream lost")));

                int fetches = dropper.fetches().size();
                for (int i = 0; i < 5; i++) {
                    Prompt p = client.prompt("away-reply");
                    assertThat(p.version(), is(0));
                    assertThat(p.render(VARS), is("Fallback for Ada"));
                }
                Prompt staging = client.prompt("away-reply", "staging");
                assertThat(staging.label(), is("staging"));
                assertThat(client.prompt("away-reply", 1).render(VARS), is("Fallback for Ada"));
                assertThat("no prompt(...) connected to px0 while it was known to be away", dropper.fetches(),
                           hasSize(fetches));
                assertThat(dropper.requests, not(empty()));

                dropper.close();
                node = Cluster.node(Map.of("SERVER_PORT", Integer.toString(port)));
                Cluster.until("px0's version is served once the stream is back",
                              () -> client.prompt("away-reply").version() == 1);
                assertThat(client.prompt("away-reply").render(VARS), is("Hello Ada from px0"));
                assertThat(client.prompt("away-reply", 1).render(VARS), is("Hello Ada from px0"));
                Cluster.until("the stream says it is connected again",
                              () -> logs.messages(Level.INFO).stream().anyMatch(m -> m.contains("connected again")));
            } finally {
                dropper.close();
            }
            assertThat("one WARN for the fallback episode", logs.messages(Level.WARNING).stream()
                    .filter(w -> w.contains("from fallback")).toList(), hasSize(1));
            assertThat(String.join("\n", logs.lines()), not(org.hamcrest.Matchers.containsString(cluster.key)));
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }
}
