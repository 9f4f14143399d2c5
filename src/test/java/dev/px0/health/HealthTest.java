package dev.px0.health;

import java.util.Map;

import dev.px0.testing.Api;
import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.Node;
import dev.px0.testing.TestStores;

import io.helidon.http.Method;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** {@code GET /v1/health} tells whether PostgreSQL and Redis answer, and names the one that does not. */
class HealthTest {

    @Test
    void okWhenBothStoresAnswer() {
        try (Node node = Node.start(Map.of())) {
            Api.Reply reply = health(node);
            assertThat(reply.status(), is(200));
            assertThat(reply.json(), is(Json.createObjectBuilder().add("status", "OK").build()));
        }
    }

    @Test
    void namesRedisWhenRedisIsDown() {
        String nothingListens = "redis://127.0.0.1:" + EmbeddedStores.freePort();
        try (Node node = Node.start(Map.of("px0.redis.url", nothingListens, "px0.redis.timeout", "PT0.5S"))) {
            Api.Reply reply = health(node);
            assertThat(reply.status(), is(503));
            assertThat(reply.json(), is(down("redis")));
        }
    }

    @Test
    void namesPostgresqlWhenItGoesDown() throws Exception {
        EmbeddedPostgres own = EmbeddedStores.postgres(TestStores.freshDirectory("health-postgres"));
        String url = "jdbc:postgresql://127.0.0.1:" + own.getPort() + "/postgres";
        try (Node node = Node.start(Map.of("px0.database.url", url, "px0.database.username", "postgres",
                                           "px0.database.password", "postgres",
                                           "px0.database.connect.timeout", "PT0.5S"))) {
            assertThat(health(node).status(), is(200));

            own.close();

            Api.Reply reply = health(node);
            assertThat(reply.status(), is(503));
            assertThat(reply.json(), is(down("postgresql")));
        } finally {
            own.close();
        }
    }

    private static Api.Reply health(Node node) {
        return node.api().send(Method.GET, "/v1/health", null, Map.of());
    }

    private static jakarta.json.JsonObject down(String store) {
        return Json.createObjectBuilder()
                .add("error", "service unavailable")
                .add("status", "DOWN")
                .add("down", Json.createArrayBuilder().add(store))
                .build();
    }
}
