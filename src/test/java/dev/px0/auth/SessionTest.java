package dev.px0.auth;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.px0.testing.Api;
import dev.px0.testing.Px0ServerTest;
import dev.px0.testing.Users;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.testing.junit5.ServerTest;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.params.ScanParams;

import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

/** Using a token: {@code GET /v1/auth/me}, {@code DELETE /v1/auth/session}, and what Redis holds meanwhile. */
@ServerTest
class SessionTest extends Px0ServerTest {

    SessionTest(Http1Client client) {
        super(client);
    }

    @Test
    void meReturnsTheTokensUser() {
        String email = users.verified();
        JsonObject login = api.login(email, Users.PASSWORD).json();

        Api.Reply me = api.me(login.getString("token"));

        assertThat(me.status(), is(200));
        assertThat(me.header(HeaderNames.CACHE_CONTROL), is("no-store"));
        assertThat(me.json().keySet(), is(Set.of("user")));
        assertThat(me.json().getJsonObject("user"), is(login.getJsonObject("user")));
    }

    @Test
    void bearerSchemeIsCaseInsensitiveAndTokenCaseDoesNotMatter() {
        String token = api.token(users.verified(), Users.PASSWORD);

        Api.Reply reply = api.send(Method.GET, "/v1/auth/me", null,
                                   Map.of(HeaderNames.AUTHORIZATION, "bearer " + token.toUpperCase()));

        assertThat(reply.status(), is(200));
    }

    @Test
    void missingTokenIsUnauthorized() {
        assertError(api.send(Method.GET, "/v1/auth/me", null, Map.of()), 401, "unauthorized");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token f47ac10b-58cc-4372-a567-0e02b2c3d479",
            "f47ac10b-58cc-4372-a567-0e02b2c3d479", "Bearer not-a-token", "Bearer f47ac10b58cc4372a5670e02b2c3d479",
            "Bearer f47ac10b-58cc-4372-a567-0e02b2c3d479x", "Bearer {f47ac10b-58cc-4372-a567-0e02b2c3d479}"})
    void malformedAuthorizationIsUnauthorized(String header) {
        assertError(api.send(Method.GET, "/v1/auth/me", null, Map.of(HeaderNames.AUTHORIZATION, header)),
                    401, "unauthorized");
    }

    @Test
    void unknownTokenIsUnauthorized() {
        assertError(api.me(UUID.randomUUID().toString()), 401, "unauthorized");
    }

    @Test
    void logoutEndsTheSessionAtOnce() {
        String token = api.token(users.verified(), Users.PASSWORD);
        assertThat(api.me(token).status(), is(200));

        Api.Reply logout = api.logout(token);

        assertThat(logout.status(), is(204));
        assertThat(logout.body(), is(""));
        assertError(api.me(token), 401, "unauthorized");
    }

    @Test
    void logoutEndsOnlyThatSession() {
        String email = users.verified();
        String first = api.token(email, Users.PASSWORD);
        String second = api.token(email, Users.PASSWORD);

        api.logout(first);

        assertThat(api.me(first).status(), is(401));
        assertThat(api.me(second).status(), is(200));
    }

    @Test
    void logoutWithoutALiveTokenIsStillNoContent() {
        String token = api.token(users.verified(), Users.PASSWORD);
        api.logout(token);

        assertThat(api.send(Method.DELETE, "/v1/auth/session", null, Map.of()).status(), is(204));
        assertThat(api.send(Method.DELETE, "/v1/auth/session", null,
                            Map.of(HeaderNames.AUTHORIZATION, "Bearer nonsense")).status(), is(204));
        assertThat(api.logout(UUID.randomUUID().toString()).status(), is(204));
        assertThat("a second logout of the same token", api.logout(token).status(), is(204));
    }

    @Test
    void redisHoldsTheSessionUnderAHashWithATtlAndNeverTheToken() {
        String email = users.verified();
        String token = api.token(email, Users.PASSWORD);
        String sessionId = TokenStore.sessionId(token);
        String key = TokenStore.sessionKey(sessionId);
        var redis = px0.redis();

        long ttl = redis.ttl(key);
        assertThat("session key has a TTL", ttl, greaterThan(0L));
        assertThat(ttl, lessThanOrEqualTo(24 * 3600L + 1)); // expires_at is rounded up to the whole second
        assertThat(key, not(containsString(token)));
        assertThat(redis.get(key), not(containsString(token)));
        assertThat(redis.get(key), containsString(email));
        for (String k : redis.scan("0", new ScanParams().match("px0:*").count(10_000)).getResult()) {
            assertThat(k, not(containsString(token)));
        }

        String userId = api.me(token).json().getJsonObject("user").getString("id");
        String index = TokenStore.indexKey(UUID.fromString(userId));
        assertThat(redis.zrange(index, 0, -1), hasItem(sessionId));
        assertThat("the index expires too", redis.ttl(index), greaterThan(0L));

        api.logout(token);

        assertThat(redis.exists(key), is(false));
        assertThat(redis.zrange(index, 0, -1), not(hasItem(sessionId)));
    }
}
