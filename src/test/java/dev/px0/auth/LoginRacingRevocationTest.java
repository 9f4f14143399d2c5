package dev.px0.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.px0.testing.Api;
import dev.px0.testing.Mailbox;
import dev.px0.testing.Node;
import dev.px0.testing.Poll;
import dev.px0.testing.Users;
import dev.px0.user.User;

import io.helidon.http.Method;
import org.junit.jupiter.api.Test;

import static dev.px0.testing.Json.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A login that checked the old password a moment before a reset (or a password change, or an account deletion)
 * revoked every session must not create a session afterwards: the session generation it read is stale.
 */
class LoginRacingRevocationTest {

    /**
     * Through the login route: the account's stored hash is expensive, so the login is still hashing the old
     * password when the password reset lands (the test waits until the login is inside its hash, then resets).
     * The login must not come back with a session of the old password.
     */
    @Test
    void aLoginHashingTheOldPasswordDuringAResetGetsNoSession() {
        Map<String, String> settings = new HashMap<>(Map.of("px0.hash.concurrency", "2", "px0.hash.queue.timeout", "PT30S"));
        try (Mailbox mailbox = new Mailbox()) {
            settings.putAll(mailbox.settings());
            try (Node node = Node.start(settings)) {
                Users users = new Users(node.px0());
                // N=2^15, r=8, p=8: about a second a hash, where the reset's own hash (N=2^10) takes milliseconds
                PasswordHasher slow = new PasswordHasher(new ScryptParams(15, 8, 8), 1, Duration.ofMinutes(1));
                String email = users.withHash(slow.hash(Users.PASSWORD), true);
                slow.close();
                Api api = node.api();
                api.json(Method.POST, "/v1/auth/password-reset/trigger", null, body("email", email));
                String code = mailbox.code(email);

                long before = node.px0().hasher().computations();
                CompletableFuture<Api.Reply> login = CompletableFuture.supplyAsync(() -> api.login(email, Users.PASSWORD));
                Poll.until("the login is hashing the old password", Duration.ofSeconds(30),
                           () -> node.px0().hasher().computations() > before);
                Api.Reply reset = api.json(Method.POST, "/v1/auth/password-reset/reset", null,
                                           body("email", email, "code", code, "new_password", "the new passphrase"));
                assertThat(reset.body(), reset.status(), is(200));
                assertThat("the reset landed while the login was still hashing (else this run proves nothing)",
                           login.isDone(), is(false));

                Api.Reply raced = login.join();

                assertThat("no session for the old password after the reset", raced.status(), is(401));
                assertThat(api.login(email, "the new passphrase").status(), is(200));
            }
        }
    }

    @Test
    void aSessionIssuedAfterARevocationWithAStaleGenerationIsRefused() {
        try (Node node = Node.start(Map.of())) {
            Users users = new Users(node.px0());
            String email = users.verified();
            User user = users.store().findByEmail(email).orElseThrow().user();
            TokenStore tokens = new TokenStore(node.px0().redis(), Duration.ofHours(1), Clock.systemUTC());

            long readBeforeThePasswordCheck = tokens.generation(email);
            tokens.revokeAll(user, null); // the reset lands while the old password is being checked

            assertThat(tokens.issue(user, "", "", readBeforeThePasswordCheck).isPresent(), is(false));
            assertThat("a login after the reset gets its session",
                       tokens.issue(user, "", "", tokens.generation(email.toUpperCase())).isPresent(), is(true));
            assertThat("the normal login path still works", node.api().login(email, Users.PASSWORD).status(), is(200));
        }
    }
}
