package dev.px0.ha;

import java.time.Duration;

import dev.px0.testing.Node;
import dev.px0.testing.Poll;
import dev.px0.testing.RedisSentinels;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * px0 pointed at three Sentinels (and a deliberately wrong {@code PX0_REDIS_URL}, which they override) finds the
 * primary through them: logins, token checks and the invalidation channel all work, and the session lands on the
 * primary the Sentinels name.
 */
class SentinelTest {

    private static RedisSentinels redis;

    @BeforeAll
    static void start() {
        redis = new RedisSentinels();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @Test
    void px0FindsThePrimaryThroughTheSentinels() {
        java.util.Map<String, String> settings = new java.util.HashMap<>(redis.settings());
        settings.put("px0.redis.url", "redis://127.0.0.1:1"); // ignored but for credentials, TLS and database
        try (Node node = Node.start(settings)) {
            String email = new Users(node.px0()).verified();
            String token = node.api().token(email, Users.PASSWORD);

            assertThat(node.api().me(token).status(), is(200));
            assertThat(node.api().send(Method.GET, "/v1/health", null, java.util.Map.of()).status(), is(200));
            assertThat(node.api().json(Method.GET, "/v1/auth/sessions", token, null).json().getJsonArray("sessions").size(),
                       is(1));
            Poll.until("the invalidation channel is subscribed", Duration.ofSeconds(10),
                       () -> node.px0().caches().subscribed());
            try (var primary = redis.primary().jedis()) {
                assertThat("the session is on the primary", primary.dbSize() > 0, is(true));
            }
            assertThat(redis.primaryPortNamedBySentinels(), is(redis.primary().port()));
        }
    }
}
