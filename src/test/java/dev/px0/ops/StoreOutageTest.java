package dev.px0.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.px0.testing.Api;
import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.Node;
import dev.px0.testing.TestStores;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A store that goes away: px0 answers 503 quickly instead of hanging, /v1/health names the store, and px0 recovers
 * by itself when the store is back. Sessions survive a Redis restart (AOF, as redis/redis.conf sets it).
 */
@Tag("failover")
class StoreOutageTest {

    @Test
    void redisDownThenBack() {
        Path data = TestStores.freshDirectory("outage-redis");
        int port = EmbeddedStores.freePort();
        EmbeddedStores.RunningRedis redis = EmbeddedStores.redis(data, port);
        try (Node node = Node.start(Map.of("px0.redis.url", redis.uri().toString()))) {
            Api api = impatient(node);
            String email = new Users(node.px0()).verified();
            String token = api.token(email, Users.PASSWORD);

            redis.stop();

            assertError(api.me(token), 503, "service unavailable");
            assertError(api.login(email, Users.PASSWORD), 503, "service unavailable");
            assertThat(health(api), is(down("redis")));

            redis.start();

            assertThat("the session survived the restart", api.me(token).status(), is(200));
            assertThat(api.login(email, Users.PASSWORD).status(), is(200));
            assertThat(health(api).getString("status"), is("OK"));
        } finally {
            redis.stop();
        }
    }

    @Test
    void postgresqlDownThenBack() throws Exception {
        Path data = TestStores.freshDirectory("outage-postgres");
        EmbeddedPostgres pg = EmbeddedStores.postgres(data);
        int port = pg.getPort();
        Map<String, String> settings = Map.of("px0.database.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                                              "px0.database.username", "postgres",
                                              "px0.database.password", "postgres");
        try (Node node = Node.start(settings)) {
            Api api = impatient(node);
            String email = new Users(node.px0()).verified();
            String token = api.token(email, Users.PASSWORD);

            pg.close();

            assertError(api.login(email, Users.PASSWORD), 503, "service unavailable");
            assertThat("a token check needs no SQL", api.me(token).status(), is(200));
            assertThat(health(api), is(down("postgresql")));

            pg = EmbeddedStores.postgres(data, port);

            assertThat(api.login(email, Users.PASSWORD).status(), is(200));
            assertThat(health(api).getString("status"), is("OK"));
        } finally {
            pg.close();
        }
    }

    /** A client that gives up after 5 s: px0 must answer before that (its store timeouts are 1 s), not hang. */
    private static Api impatient(Node node) {
        return new Api(Http1Client.builder().baseUri("http://127.0.0.1:" + node.server().port())
                               .readTimeout(Duration.ofSeconds(5)).build());
    }

    private static JsonObject health(Api api) {
        return api.send(Method.GET, "/v1/health", null, Map.of()).json();
    }

    private static JsonObject down(String store) {
        return jakarta.json.Json.createObjectBuilder()
                .add("error", "service unavailable")
                .add("status", "DOWN")
                .add("down", jakarta.json.Json.createArrayBuilder().add(store))
                .build();
    }
}
