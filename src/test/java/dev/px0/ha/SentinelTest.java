package dev.px0.ha;

import java.time.Duration;

import dev.px0.testing.Node;
import dev.px0.testing.Poll;
import dev.px0.testing.RedisSentinels;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * px0 pointed at three Sentinels (and a {@code PX0_REDIS_URL} whose host and port lead nowhere: only its password
 * counts) finds the primary through them: logins, token checks and the invalidation channel all work, and the
 * session lands on the primary the Sentinels name. Once without passwords, once with a password on the data nodes
 * and another on the Sentinels.
 */
class SentinelTest {

    @Test
    void px0FindsThePrimaryThroughTheSentinels() {
        try (RedisSentinels redis = new RedisSentinels()) {
            worksThrough(redis);
        }
    }

    @Test
    void withPasswordsOnTheDataNodesAndOnTheSentinels() {
        try (RedisSentinels redis = new RedisSentinels("data-secret", "sentinel-secret")) {
            worksThrough(redis);
        }
    }

    private static void worksThrough(RedisSentinels redis) {
        try (Node node = Node.start(redis.settings())) {
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
