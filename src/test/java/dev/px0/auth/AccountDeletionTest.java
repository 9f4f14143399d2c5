package dev.px0.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.px0.mail.Outbox;
import dev.px0.store.Redis;
import dev.px0.store.RedisSettings;
import dev.px0.testing.Api;
import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.OneNodeTest;
import dev.px0.testing.Users;
import dev.px0.user.UserStore;

import io.helidon.http.Method;
import org.junit.jupiter.api.Test;

import static dev.px0.testing.Api.assertError;
import static dev.px0.testing.Json.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code DELETE /v1/auth/me}: never leaves a project without an admin (finding 7 of issue 14), and never leaves a
 * deleted user's sessions alive when Redis fails in the middle (finding 8).
 */
class AccountDeletionTest extends OneNodeTest {

    @Test
    void theLastAdminOfProjectsCannotDeleteTheAccountAndIsToldWhichProjects() {
        String email = new Users(node.px0()).verified();
        String token = api.token(email, Users.PASSWORD);
        String b = project(token, "zz-");
        String a = project(token, "aa-");

        assertError(delete(token), 409, "a project needs an admin: you are the last admin of " + a + ", " + b);

        assertThat("nothing was deleted", new Users(node.px0()).store().existsByEmail(email), is(true));
        assertThat(api.me(token).status(), is(200));
        assertThat(members(token, a), is(1));
    }

    @Test
    void withAnotherAdminTheAccountGoesAndTheProjectKeepsItsAdmin() {
        String email = new Users(node.px0()).verified();
        String token = api.token(email, Users.PASSWORD);
        String slug = project(token, "pp-");
        String other = new Users(node.px0()).verified();
        String otherToken = api.token(other, Users.PASSWORD);
        assertThat(setRole(slug, token, other, "admin").status(), is(200));

        assertThat(delete(token).status(), is(204));

        assertThat(members(otherToken, slug), is(1));
    }

    @Test
    void aMemberWhoIsNotAnAdminMayGo() {
        String admin = new Users(node.px0()).verified();
        String adminToken = api.token(admin, Users.PASSWORD);
        String slug = project(adminToken, "vv-");
        String viewer = new Users(node.px0()).verified();
        setRole(slug, adminToken, viewer, "viewer");

        assertThat(delete(api.token(viewer, Users.PASSWORD)).status(), is(204));
        assertThat(members(adminToken, slug), is(1));
    }

    @Test
    void redisFailingBeforeTheSessionsAreRevokedDeletesNothing() {
        String email = new Users(node.px0()).verified();
        String token = api.token(email, Users.PASSWORD);
        Caller caller = liveTokens().callerOf(token).orElseThrow();
        // the same account service px0 runs, but its session store's Redis is down: the password check and the
        // last-admin check pass (PostgreSQL and the lock's Redis are up), the revocation fails
        TokenStore deadTokens = new TokenStore(Redis.connect(new RedisSettings(
                URI.create("redis://127.0.0.1:" + EmbeddedStores.freePort()), 1, Duration.ofMillis(500))),
                                               Duration.ofHours(1), Clock.systemUTC());
        AccountService accounts = new AccountService(users(), deadTokens, new CodeStore(node.px0().redis()),
                                                     node.px0().hasher(), new PasswordPolicy(8),
                                                     Outbox.create(Optional.empty()), throttle(), true);

        assertThrows(RuntimeException.class, () -> accounts.deleteAccount(caller, Users.PASSWORD));

        assertThat("the account is still there", users().existsByEmail(email), is(true));
        assertThat("and so is its session, consistent with it", api.me(token).status(), is(200));
        assertThat("a retry once Redis is back deletes both", delete(token).status(), is(204));
        assertError(api.me(token), 401, "unauthorized");
        assertThat(users().existsByEmail(email), is(false));
    }

    /** The project admin {@code token} gives the user of {@code email} the role in the project. */
    private static Api.Reply setRole(String slug, String token, String email, String role) {
        UUID id = users().findByEmail(email).orElseThrow().user().id();
        return api.json(Method.PUT, "/v1/projects/" + slug + "/members/" + id, token, body("role", role));
    }

    private static UserStore users() {
        return new Users(node.px0()).store();
    }

    private static TokenStore liveTokens() {
        return new TokenStore(node.px0().redis(), Duration.ofHours(1), Clock.systemUTC());
    }

    private static LoginThrottle throttle() {
        return new LoginThrottle(node.px0().redis(), 10, Duration.ofMinutes(15), 1_000_000);
    }

    private static Api.Reply delete(String token) {
        return api.json(Method.DELETE, "/v1/auth/me", token, body("password", Users.PASSWORD));
    }

    private static String project(String token, String prefix) {
        String slug = prefix + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = api.json(Method.POST, "/v1/projects", token, body("slug", slug, "name", slug));
        assertThat(created.body(), created.status(), is(201));
        return slug;
    }

    private static int members(String token, String slug) {
        List<?> members = api.json(Method.GET, "/v1/projects/" + slug + "/members", token, null).json()
                .getJsonArray("members");
        return members.size();
    }
}
