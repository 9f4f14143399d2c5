package dev.px0.ha;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Api;
import dev.px0.testing.Mailbox;
import dev.px0.testing.Node;
import dev.px0.testing.Poll;
import dev.px0.testing.RedisClusterServers;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.px0.prompt.PromptFixture.renderedVersion;
import static dev.px0.testing.Api.assertError;
import static dev.px0.testing.Json.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * px0's Redis operations on a real three-primary Redis Cluster ({@code PX0_REDIS_CLUSTER}), two nodes: every Lua
 * script and multi-key command names keys of one hash slot, or the cluster would refuse it (CROSSSLOT) and the test
 * would see a 500. Logins, the session list and its revocations, the login lock, email codes and cache
 * invalidations across nodes.
 */
class ClusterTest {

    private static final String RENDER = "{\"variables\":{\"n\":1}}";

    private static RedisClusterServers cluster;
    private static Mailbox mailbox;
    private static Node a;
    private static Node b;

    @BeforeAll
    static void start() {
        cluster = new RedisClusterServers();
        mailbox = new Mailbox();
        Map<String, String> settings = new HashMap<>(cluster.settings());
        settings.putAll(mailbox.settings());
        settings.put("px0.login.max.failures", "3");
        a = Node.start(settings);
        b = Node.start(settings);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        mailbox.close();
        cluster.close();
    }

    @Test
    void sessionsAreListedAndRevokedAcrossNodesAndSpreadOverTheCluster() {
        String email = new Users(a.px0()).verified();
        String first = a.api().token(email, Users.PASSWORD);
        String second = b.api().token(email, Users.PASSWORD);
        String third = a.api().token(email, Users.PASSWORD);

        List<String> ids = new ArrayList<>();
        for (JsonObject s : b.api().json(Method.GET, "/v1/auth/sessions", first, null).json()
                .getJsonArray("sessions").getValuesAs(JsonObject.class)) {
            ids.add(s.getString("id"));
        }
        assertThat(ids.size(), is(3));

        String secondId = b.api().json(Method.GET, "/v1/auth/sessions", second, null).json().getJsonArray("sessions")
                .getValuesAs(JsonObject.class).stream().filter(s -> s.getBoolean("current")).findFirst().orElseThrow()
                .getString("id");
        assertThat(a.api().json(Method.DELETE, "/v1/auth/sessions/" + secondId, first, null).status(), is(204));
        assertError(b.api().me(second), 401, "unauthorized");
        assertError(a.api().json(Method.DELETE, "/v1/auth/sessions/" + secondId, first, null), 404, "session not found");

        assertThat(b.api().json(Method.DELETE, "/v1/auth/sessions", first, null).status(), is(204));
        assertError(a.api().me(third), 401, "unauthorized");
        assertThat(a.api().me(first).status(), is(200));
        assertThat(a.api().json(Method.GET, "/v1/auth/sessions", first, null).json().getJsonArray("sessions").size(),
                   is(1));

        assertThat(b.api().logout(first).status(), is(204));
        assertError(a.api().me(first), 401, "unauthorized");

        // a dozen users' sessions land on more than one primary (256 tags over three nodes)
        for (int i = 0; i < 12; i++) {
            a.api().token(new Users(a.px0()).verified(), Users.PASSWORD);
        }
        assertThat(cluster.keysPerNode("px0:session:*").stream().filter(n -> n > 0).count(), greaterThan(1L));
    }

    @Test
    void aPasswordResetRevokesEverySessionOnTheCluster() {
        String email = new Users(a.px0()).verified();
        String token = a.api().token(email, Users.PASSWORD);
        assertThat(a.api().json(Method.POST, "/v1/auth/password-reset/trigger", null, body("email", email)).status(),
                   is(200));
        String code = mailbox.code(email);

        assertThat(b.api().json(Method.POST, "/v1/auth/password-reset/reset", null,
                                body("email", email, "code", code, "new_password", "a brand new passphrase")).status(),
                   is(200));

        assertError(a.api().me(token), 401, "unauthorized");
        assertThat(b.api().login(email, "a brand new passphrase").status(), is(200));
    }

    @Test
    void theLoginLockIsSharedByTheNodes() {
        String email = new Users(a.px0()).verified();
        for (int i = 0; i < 3; i++) {
            assertError((i % 2 == 0 ? a : b).api().login(email, "wrong password"), 401, "invalid credentials");
        }

        assertError(b.api().login(email, Users.PASSWORD), 429, "too many attempts");
        assertError(a.api().login(email, Users.PASSWORD), 429, "too many attempts");
    }

    @Test
    void emailCodesWorkAndWrongTriesUseThemUp() {
        String email = Users.uniqueEmail();
        assertThat(a.api().json(Method.POST, "/v1/auth/register", null, body("email", email, "password", "a long passphrase"))
                           .status(), is(201));
        String code = mailbox.code(email);
        String wrong = code.equals("000000") ? "000001" : "000000";

        assertError(b.api().json(Method.POST, "/v1/auth/verify-email", null, body("email", email, "code", wrong)), 400,
                    "invalid verification code");
        assertThat(b.api().json(Method.POST, "/v1/auth/verify-email", null, body("email", email, "code", code)).status(),
                   is(200));
        assertThat(a.api().login(email, "a long passphrase").status(), is(200));

        String other = Users.uniqueEmail();
        a.api().json(Method.POST, "/v1/auth/register", null, body("email", other, "password", "a long passphrase"));
        String otherCode = mailbox.code(other);
        String otherWrong = otherCode.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 5; i++) {
            assertError(a.api().json(Method.POST, "/v1/auth/verify-email", null, body("email", other, "code", otherWrong)),
                        400, "invalid verification code");
        }
        assertError(b.api().json(Method.POST, "/v1/auth/verify-email", null, body("email", other, "code", otherCode)),
                    400, "invalid verification code");
    }

    @Test
    void aLabelMovedOnOneNodeReachesTheOtherNodesCache() {
        Node.awaitSubscribed(a, b);
        PromptFixture px = new PromptFixture(a);
        String owner = px.user();
        String project = px.project(owner);
        String key = px.apiKey(project, owner, "read");
        px.prompt(project, owner, "p", "text");
        int v1 = px.version(project, owner, "p", "one {{n}}");
        int v2 = px.version(project, owner, "p", "two {{n}}");
        px.label(project, owner, "p", "production", v1);
        assertThat(renderedVersion(b.api(), project, key, "p", RENDER), is(v1)); // now cached on B

        assertThat(px.label(project, owner, "p", "production", v2).status(), is(200));

        Poll.until("B serves the moved label", Duration.ofSeconds(10),
                   () -> renderedVersion(b.api(), project, key, "p", RENDER) == v2);
        assertThat(b.px0().caches().subscribed(), is(true));
    }

    @Test
    void healthSeesTheCluster() {
        Api.Reply health = b.api().send(Method.GET, "/v1/health", null, Map.of());
        assertThat(health.body(), health.status(), is(200));
    }
}
