package dev.px0.testing;

import java.util.Map;

import dev.px0.Px0;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.AfterAll;

/**
 * Base of the tests that run one px0 in the Helidon test harness ({@code @ServerTest} on the subclass) on the
 * shared stores, with the default test settings.
 */
public abstract class Px0ServerTest {

    protected static Px0 px0;
    protected static Users users;

    protected final Api api;

    protected Px0ServerTest(Http1Client client) {
        this.api = new Api(client);
    }

    @SetUpServer
    public static void server(WebServerConfig.Builder server) {
        px0 = Px0.start(TestStores.get().settings(Map.of()));
        users = new Users(px0);
        px0.configure(server);
    }

    @AfterAll
    public static void close() {
        px0.close();
    }
}
