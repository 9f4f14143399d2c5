package dev.px0.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.px0.testing.Node;
import dev.px0.testing.Users;

import org.junit.jupiter.api.Test;

import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** A token works until its TTL passes and not after: Redis drops the key, px0 refuses the token. */
class TokenExpiryTest {

    @Test
    void tokenDiesWhenItsTtlPasses() {
        try (Node node = Node.start(Map.of("px0.session.ttl", "PT2S"))) {
            String token = node.api().token(new Users(node.px0()).verified(), Users.PASSWORD);
            String key = TokenStore.SESSION_PREFIX + TokenStore.sessionId(token);
            assertThat(node.api().me(token).status(), is(200));

            assertThat("refused once the TTL passed", eventually(() -> node.api().me(token).status() == 401), is(true));
            assertError(node.api().me(token), 401, "unauthorized");
            assertThat("Redis dropped the key", eventually(() -> !node.px0().redis().exists(key)), is(true));
        }
    }

    /** Polls a condition for up to 10 s; TTLs here are 2 s. */
    private static boolean eventually(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return condition.getAsBoolean();
    }
}
