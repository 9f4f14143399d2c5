package dev.px0.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.px0.testing.Api;
import dev.px0.testing.OneNodeTest;
import dev.px0.testing.Users;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.px0.testing.Api.assertError;
import static dev.px0.testing.Json.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** A signed-in user's account: password change, deletion, and the session list with its revocations. */
class SignedInAccountTest extends OneNodeTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Test
    void changePasswordEndsTheOtherSessionsOnly() {
        String email = new Users(node.px0()).verified();
        String current = api.token(email, Users.PASSWORD);
        String other = api.token(email, Users.PASSWORD);

        Api.Reply changed = api.json(Method.POST, "/v1/auth/me/password", current,
                                     body("current_password", Users.PASSWORD, "new_password", NEW_PASSWORD));

        assertThat(changed.status(), is(204));
        assertThat(api.me(current).status(), is(200));
        assertError(api.me(other), 401, "unauthorized");
        assertError(api.login(email, Users.PASSWORD), 401, "invalid credentials");
        assertThat(api.login(email, NEW_PASSWORD).status(), is(200));
    }

    @Test
    void changePasswordRefusals() {
        String email = new Users(node.px0()).verified();
        String token = api.token(email, Users.PASSWORD);

        assertError(api.json(Method.POST, "/v1/auth/me/password", token,
                             body("current_password", "wrong", "new_password", NEW_PASSWORD)), 401, "invalid credentials");
        assertError(api.json(Method.POST, "/v1/auth/me/password", token,
                             body("current_password", Users.PASSWORD, "new_password", "short")), 400,
                    "password must be at least 8 characters");
        assertError(api.json(Method.POST, "/v1/auth/me/password", token, body("new_password", NEW_PASSWORD)), 400,
                    "invalid request body");
        assertError(api.json(Method.POST, "/v1/auth/me/password", null,
                             body("current_password", Users.PASSWORD, "new_password", NEW_PASSWORD)), 401, "unauthorized");
        assertThat("nothing changed", api.login(email, Users.PASSWORD).status(), is(200));
    }

    @Test
    void deleteAccountRemovesTheUserAndEverySession() {
        String email = new Users(node.px0()).verified();
        String token = api.token(email, Users.PASSWORD);
        String other = api.token(email, Users.PASSWORD);

        assertError(api.json(Method.DELETE, "/v1/auth/me", token, body("password", "wrong")), 401, "invalid credentials");
        assertThat("a wrong password deletes nothing", api.me(token).status(), is(200));

        assertThat(api.json(Method.DELETE, "/v1/auth/me", token, body("password", Users.PASSWORD)).status(), is(204));

        assertError(api.me(token), 401, "unauthorized");
        assertError(api.me(other), 401, "unauthorized");
        assertError(api.login(email, Users.PASSWORD), 401, "invalid credentials");
        assertThat(new Users(node.px0()).store().existsByEmail(email), is(false));
    }

    @Test
    void deleteAccountNeedsATokenAndABody() {
        assertError(api.json(Method.DELETE, "/v1/auth/me", null, body("password", "x")), 401, "unauthorized");
        String token = api.token(new Users(node.px0()).verified(), Users.PASSWORD);
        assertError(api.json(Method.DELETE, "/v1/auth/me", token, "{}"), 400, "invalid request body");
    }

    @Test
    void sessionListShowsEachSessionOnceAndMarksTheCurrentOne() {
        String email = new Users(node.px0()).verified();
        String first = loginAs(email, "first-agent/1.0");
        String second = loginAs(email, "second-agent/2.0");

        Api.Reply reply = api.send(Method.GET, "/v1/auth/sessions", null,
                                   Map.of(HeaderNames.AUTHORIZATION, "Bearer " + first));

        assertThat(reply.status(), is(200));
        assertThat(reply.header(HeaderNames.CACHE_CONTROL), is("no-store"));
        List<JsonObject> sessions = reply.json().getJsonArray("sessions").getValuesAs(JsonObject.class);
        assertThat(sessions.size(), is(2));
        assertThat(sessions.stream().filter(s -> s.getBoolean("current")).count(), is(1L));
        JsonObject current = sessions.stream().filter(s -> s.getBoolean("current")).findFirst().orElseThrow();
        assertThat(current.getString("user_agent"), is("first-agent/1.0"));
        assertThat(current.getString("ip"), is("127.0.0.1"));
        for (JsonObject s : sessions) {
            assertThat(s.getString("id"), not(first));
            assertThat(s.getString("id"), not(second));
            assertThat(s.getString("id"), is(s.getString("id").toLowerCase()));
        }
    }

    @Test
    void endOneSession() {
        String email = new Users(node.px0()).verified();
        String first = api.token(email, Users.PASSWORD);
        String second = api.token(email, Users.PASSWORD);
        String secondId = sessionIds(second).stream().filter(id -> !id.equals(currentId(first))).findFirst().orElseThrow();

        assertThat(api.json(Method.DELETE, "/v1/auth/sessions/" + secondId, first, null).status(), is(204));

        assertError(api.me(second), 401, "unauthorized");
        assertThat(api.me(first).status(), is(200));
        assertError(api.json(Method.DELETE, "/v1/auth/sessions/" + secondId, first, null), 404, "session not found");
    }

    @Test
    void cannotEndAnotherUsersSession() {
        String mine = api.token(new Users(node.px0()).verified(), Users.PASSWORD);
        String theirs = api.token(new Users(node.px0()).verified(), Users.PASSWORD);

        assertError(api.json(Method.DELETE, "/v1/auth/sessions/" + currentId(theirs), mine, null), 404,
                    "session not found");
        assertError(api.json(Method.DELETE, "/v1/auth/sessions/" + UUID.randomUUID(), mine, null), 404,
                    "session not found");
        assertThat(api.me(theirs).status(), is(200));
    }

    @Test
    void endAllOtherSessions() {
        String email = new Users(node.px0()).verified();
        String keep = api.token(email, Users.PASSWORD);
        String a = api.token(email, Users.PASSWORD);
        String b = api.token(email, Users.PASSWORD);

        assertThat(api.json(Method.DELETE, "/v1/auth/sessions", keep, null).status(), is(204));

        assertThat(api.me(keep).status(), is(200));
        assertError(api.me(a), 401, "unauthorized");
        assertError(api.me(b), 401, "unauthorized");
        assertThat(sessionIds(keep).size(), is(1));
    }

    @Test
    void sessionEndpointsNeedAToken() {
        assertError(api.send(Method.GET, "/v1/auth/sessions", null, Map.of()), 401, "unauthorized");
        assertError(api.send(Method.DELETE, "/v1/auth/sessions", null, Map.of()), 401, "unauthorized");
        assertError(api.send(Method.DELETE, "/v1/auth/sessions/abc", null, Map.of()), 401, "unauthorized");
    }

    private static String loginAs(String email, String userAgent) {
        Api.Reply reply = api.send(Method.POST, "/v1/auth/login", body("email", email, "password", Users.PASSWORD),
                                   Map.of(HeaderNames.CONTENT_TYPE, "application/json", HeaderNames.USER_AGENT, userAgent));
        return reply.json().getString("token");
    }

    private static List<String> sessionIds(String token) {
        return api.send(Method.GET, "/v1/auth/sessions", null, Map.of(HeaderNames.AUTHORIZATION, "Bearer " + token))
                .json().getJsonArray("sessions").getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("id")).toList();
    }

    private static String currentId(String token) {
        return api.send(Method.GET, "/v1/auth/sessions", null, Map.of(HeaderNames.AUTHORIZATION, "Bearer " + token))
                .json().getJsonArray("sessions").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getBoolean("current")).findFirst().orElseThrow().getString("id");
    }
}
