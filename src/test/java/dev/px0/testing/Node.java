package dev.px0.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import dev.px0.Px0;
import dev.px0.Settings;
import dev.px0.telemetry.Telemetry;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;

/** One px0 node on the shared stores, outside the test harness: for tests that need several at once. */
public record Node(Px0 px0, WebServer server, Api api) implements AutoCloseable {

    public static Node start(Map<String, String> overrides) {
        return start(TestStores.get().settings(overrides));
    }

    public static Node start(Settings settings) {
        return start(settings, Telemetry.fromEnvironment());
    }

    /** A node reporting to the given telemetry (tests pass in-memory exporters). */
    public static Node start(Settings settings, Telemetry telemetry) {
        Px0 px0 = Px0.start(settings, telemetry);
        WebServer server = WebServer.builder().update(px0::configure).build().start();
        Http1Client client = Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
        return new Node(px0, server, new Api(client));
    }

    /** Waits up to 10 s until every node listens on the cache invalidation channel. */
    public static void awaitSubscribed(Node... nodes) {
        awaitSubscribed(nodes.length == 2 ? "both nodes subscribed" : "all nodes subscribed", Duration.ofSeconds(10), nodes);
    }

    /** Waits up to {@code limit} until every node listens on the cache invalidation channel ({@code what} if not). */
    public static void awaitSubscribed(String what, Duration limit, Node... nodes) {
        Poll.until(what, limit, () -> Arrays.stream(nodes).allMatch(node -> node.px0().caches().subscribed()));
    }

    @Override
    public void close() {
        px0.endStreams();
        server.stop();
        px0.close();
    }
}
