package dev.px0.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.px0.store.Redis;
import dev.px0.testing.Node;
import dev.px0.testing.TestStores;
import dev.px0.testing.Users;
import dev.px0.user.User;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/** A token works until its TTL passes and not after: Redis drops the key, px0 refuses the token. */
class TokenExpiryTest {

    @Test
    void tokenDiesWhenItsTtlPasses() {
        try (Node node = Node.start(Map.of("px0.session.ttl", "PT3S"))) {
            var login = node.api().login(new Users(node.px0()).verified(), Users.PASSWORD).json();
            String token = login.getString("token");
            Instant expiresAt = Instant.parse(login.getString("expires_at"));
            String key = TokenStore.sessionKey(TokenStore.sessionId(token));
            // on a loaded machine the TTL may pass before this request: what must hold is "not refused early"
            int first = node.api().me(token).status();
            assertThat(first == 200 || !Instant.now().isBefore(expiresAt), is(true));

            assertThat("refused once the TTL passed", eventually(() -> node.api().me(token).status() == 401), is(true));
            assertThat("not refused before its expires_at", Instant.now().isBefore(expiresAt), is(false));
            assertError(node.api().me(token), 401, "unauthorized");
            assertThat("Redis dropped the key", eventually(() -> !node.px0().redis().exists(key)), is(true));
        }
    }

    @Test
    void expiredSessionsVanishFromTheListAndTheIndex() {
        try (Node brief = Node.start(Map.of("px0.session.ttl", "PT5S"));
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

    /** Issued at x.9 s with a 10 s TTL, a token still works at x.9 + 9.95 s (finding 9 of issue 14). */
    @Test
    void aTokenLivesItsFullTtlNotASecondLess() {
        Instant issuedAt = Instant.ofEpochSecond(1_000_000, 900_000_000);
        MovableClock clock = new MovableClock(issuedAt);
        RedisClient redis = Redis.connect(TestStores.get().settings(Map.of()).redis());
        try {
            TokenStore tokens = new TokenStore(redis, Duration.ofSeconds(10), clock);
            User user = new User(UUID.randomUUID(), Users.uniqueEmail(), true, false, issuedAt);

            TokenStore.IssuedToken issued = tokens.issue(user, "", "", 0).orElseThrow();

            assertThat(issued.expiresAt(), is(Instant.ofEpochSecond(1_000_011)));
            assertThat("Redis keeps the key the full TTL",
                       redis.pttl(TokenStore.sessionKey(TokenStore.sessionId(issued.token()))), greaterThan(10_000L));
            clock.now = issuedAt.plusMillis(9_950);
            assertThat("alive 9.95 s after it was issued", tokens.callerOf(issued.token()).isPresent(), is(true));
            clock.now = Instant.ofEpochSecond(1_000_011);
            assertThat("refused at its expires_at", tokens.callerOf(issued.token()).isPresent(), is(false));
        } finally {
            redis.close();
        }
    }

    private static final class MovableClock extends Clock {
        volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static int sessionCount(Node node, String token) {
        return node.api().send(io.helidon.http.Method.GET, "/v1/auth/sessions", null,
                               Map.of(io.helidon.http.HeaderNames.AUTHORIZATION, "Bearer " + token))
                .json().getJsonArray("sessions").size();
    }

    /** Polls a condition for up to 30 s (TTLs here are seconds; a loaded 2-core machine is slow). */
    private static boolean eventually(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return condition.getAsBoolean();
    }
}
