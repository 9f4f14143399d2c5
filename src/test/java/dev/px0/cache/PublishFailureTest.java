package dev.px0.cache;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import dev.px0.prompt.PromptFixture;
import dev.px0.store.Redis;
import dev.px0.testing.Api;
import dev.px0.testing.Node;
import dev.px0.testing.TestStores;

import io.helidon.http.Method;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * A key deletion or a label move whose invalidation cannot be published (finding 9 of issue 14): px0 tries the
 * publish three times, and if it still fails, answers with {@code Px0-Propagation-Delay: <PX0_CACHE_TTL seconds>}
 * so the caller knows other nodes may serve the old state that long. A published change has no such header.
 */
class PublishFailureTest {

    @Test
    void aChangeThatReachedNoOtherNodeSaysHowLongItMayTake() {
        URI redis = TestStores.get().redisUri();
        String user = "nopub-" + UUID.randomUUID();
        try (RedisClient admin = Redis.connect(TestStores.get().settings(Map.of()).redis())) {
            // a Redis user that may do everything px0 does but PUBLISH: each publish is refused at once
            admin.sendCommand(Protocol.Command.ACL, "SETUSER", user, "on", ">pw", "allkeys", "allchannels", "+@all",
                              "-publish");
            String url = "redis://" + user + ":pw@" + redis.getHost() + ":" + redis.getPort();
            try (Node node = Node.start(Map.of("px0.redis.url", url, "px0.cache.ttl", "PT45S"))) {
                PromptFixture f = new PromptFixture(node);
                String owner = f.user();
                String project = f.project(owner);
                int version = f.published(project, owner, "reply", "Hello");

                Api.Reply moved = f.label(project, owner, "reply", "staging", version);
                assertThat(moved.status(), is(200));
                assertThat(moved.header(Propagation.HEADER), is("45"));

                String keyId = f.api.json(Method.POST, "/v1/projects/" + project + "/api-keys", owner,
                                          "{\"name\":\"app\",\"scope\":\"read\"}").json()
                        .getJsonObject("api_key").getString("id");
                Api.Reply deleted = f.api.json(Method.DELETE, "/v1/projects/" + project + "/api-keys/" + keyId, owner,
                                               null);
                assertThat(deleted.status(), is(204));
                assertThat(deleted.header(Propagation.HEADER), is("45"));

                assertThat("a request that changes nothing says nothing",
                           f.api.json(Method.GET, "/v1/projects/" + project, owner, null).header(Propagation.HEADER),
                           nullValue());
            }
            Object log = admin.sendCommand(Protocol.Command.ACL, "LOG");
            // five changes (prompt creation, version, production, staging, key deletion), three attempts each
            assertThat(String.valueOf(log), publishAttempts(log, user), is(5L * 3));
        }
    }

    @Test
    void aPublishedChangeHasNoHeader() {
        try (Node node = Node.start(Map.of())) {
            PromptFixture f = new PromptFixture(node);
            String owner = f.user();
            String project = f.project(owner);
            int version = f.published(project, owner, "reply", "Hello");

            Api.Reply moved = f.label(project, owner, "reply", "staging", version);

            assertThat(moved.status(), is(200));
            assertThat(moved.header(Propagation.HEADER), nullValue());
        }
    }

    private static String text(Object value) {
        return value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(value);
    }

    /** The denied PUBLISH count of this user in ACL LOG (entries are key/value lists). */
    private static long publishAttempts(Object log, String user) {
        long count = 0;
        for (Object entry : (java.util.List<?>) log) {
            Map<String, Object> m = new java.util.HashMap<>();
            if (entry instanceof Map<?, ?> map) { // RESP3
                map.forEach((k, v) -> m.put(text(k), v));
            } else if (entry instanceof java.util.List<?> fields) {
                for (int i = 0; i < fields.size(); i++) {
                    if (fields.get(i) instanceof redis.clients.jedis.util.KeyValue<?, ?> kv) { // RESP3: pairs
                        m.put(text(kv.getKey()), kv.getValue());
                    } else if (i + 1 < fields.size()) { // RESP2: a flat key/value list
                        m.put(text(fields.get(i)), fields.get(++i));
                    }
                }
            }
            String u = text(m.get("username"));
            String o = text(m.get("object"));
            if (u.equals(user) && o.equalsIgnoreCase("publish")) {
                count += ((Number) m.get("count")).longValue();
            }
        }
        return count;
    }
}
