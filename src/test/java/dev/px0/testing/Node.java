package dev.px0.testing;

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

    @Override
    public void close() {
        px0.endStreams();
        server.stop();
        px0.close();
    }
}
