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
            String key = TokenStore.sessionKey(TokenStore.sessionId(token));
            assertThat(node.api().me(token).status(), is(200));

            assertThat("refused once the TTL passed", eventually(() -> node.api().me(token).status() == 401), is(true));
            assertError(node.api().me(token), 401, "unauthorized");
            assertThat("Redis dropped the key", eventually(() -> !node.px0().redis().exists(key)), is(true));
        }
    }

    @Test
    void expiredSessionsVanishFromTheListAndTheIndex() {
        try (Node brief = Node.start(Map.of("px0.session.ttl", "PT2S"));
             Node lasting = Node.start(Map.of("px0.session.ttl", "PT1H"))) {
            String email = new Users(brief.px0()).verified();
            String shortLived = brief.api().token(email, Users.PASSWORD);
            String longLived = lasting.api().token(email, Users.PASSWORD);
            assertThat(sessionCount(lasting, longLived), is(2));

            assertThat(eventually(() -> lasting.api().me(shortLived).status() == 401), is(true));

            assertThat("the expired session is not listed", sessionCount(lasting, longLived), is(1));
            lasting.api().token(email, Users.PASSWORD); // a login prunes the index
            String userId = lasting.api().me(longLived).json().getJsonObject("user").getString("id");
            assertThat("the index keeps only live sessions",
                       lasting.px0().redis().zcard(TokenStore.indexKey(java.util.UUID.fromString(userId))), is(2L));
        }
    }

    private static int sessionCount(Node node, String token) {
        return node.api().send(io.helidon.http.Method.GET, "/v1/auth/sessions", null,
                               Map.of(io.helidon.http.HeaderNames.AUTHORIZATION, "Bearer " + token))
                .json().getJsonArray("sessions").size();
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
