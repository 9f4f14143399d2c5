package dev.px0.auth;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.px0.testing.Api;
import dev.px0.testing.Mailbox;
import dev.px0.testing.Node;
import dev.px0.testing.Poll;
import dev.px0.testing.Users;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import org.junit.jupiter.api.Test;

import static dev.px0.testing.Api.assertError;
import static dev.px0.testing.Json.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.greaterThan;

/**
 * Password guessing is stopped per account (10 failures in 15 minutes lock the email, known or not) and per
 * client address (60 attempts a minute), across nodes, without the lock telling which emails exist.
 */
class BruteForceLockTest {

    private static final int MAX = 10;

    @Test
    void tenFailuresLockTheAccountEvenForTheRightPassword() {
        try (Node node = Node.start(Map.of())) {
            String email = new Users(node.px0()).verified();
            fail(node.api(), email, MAX);

            Api.Reply locked = node.api().login(email, Users.PASSWORD);

            assertError(locked, 429, "too many attempts");
            long retryAfter = Long.parseLong(locked.header(HeaderNames.RETRY_AFTER));
            assertThat(retryAfter, greaterThan(0L));
            assertThat(retryAfter, lessThanOrEqualTo(15 * 60L));
        }
    }

    @Test
    void unknownEmailsAreLockedExactlyLikeKnownOnes() {
        try (Node node = Node.start(Map.of())) {
            String known = new Users(node.px0()).verified();
            String unknown = Users.uniqueEmail();
            fail(node.api(), known, MAX);
            fail(node.api(), unknown, MAX);

            Api.Reply knownReply = node.api().login(known, "guess");
            Api.Reply unknownReply = node.api().login(unknown, "guess");

            assertThat(unknownReply.status(), is(knownReply.status()));
            assertThat(unknownReply.body(), is(knownReply.body()));
            assertThat(unknownReply.header(HeaderNames.RETRY_AFTER) != null, is(true));
        }
    }

    @Test
    void theLockHoldsOnEveryNode() {
        try (Node a = Node.start(Map.of()); Node b = Node.start(Map.of())) {
            String email = new Users(a.px0()).verified();
            fail(a.api(), email, MAX);

            assertError(b.api().login(email, Users.PASSWORD), 429, "too many attempts");
        }
    }

    @Test
    void aSuccessfulLoginClearsTheCount() {
        try (Node node = Node.start(Map.of())) {
            String email = new Users(node.px0()).verified();
            fail(node.api(), email, MAX - 1);
            assertThat(node.api().login(email, Users.PASSWORD).status(), is(200));

            fail(node.api(), email, MAX - 1);

            assertThat(node.api().login(email, Users.PASSWORD).status(), is(200));
        }
    }

    @Test
    void theLockEndsWhenTheWindowPasses() {
        // a window long enough for ten failed logins on a loaded machine, short enough to wait out
        try (Node node = Node.start(Map.of("px0.login.failure.window", "PT8S"))) {
            String email = new Users(node.px0()).verified();
            fail(node.api(), email, MAX);
            assertThat(node.api().login(email, Users.PASSWORD).status(), is(429));

            Poll.until("the lock lifts", Duration.ofSeconds(30),
                       () -> node.api().login(email, Users.PASSWORD).status() != 429);
            assertThat(node.api().login(email, Users.PASSWORD).status(), is(200));
        }
    }

    @Test
    void aPasswordResetLiftsTheLock() {
        try (Mailbox mailbox = new Mailbox(); Node node = Node.start(mailbox.settings())) {
            String email = new Users(node.px0()).verified();
            fail(node.api(), email, MAX);
            node.api().json(Method.POST, "/v1/auth/password-reset/trigger", null, body("email", email));

            node.api().json(Method.POST, "/v1/auth/password-reset/reset", null,
                            body("email", email, "code", mailbox.code(email), "new_password", "a fresh passphrase"));

            assertThat(node.api().login(email, "a fresh passphrase").status(), is(200));
        }
    }

    @Test
    void perAddressLimitCountsEveryAttemptFromTheClient() {
        Map<String, String> settings = new HashMap<>(Map.of("px0.login.ip.limit", "3", "px0.trusted.proxies", "127.0.0.1"));
        try (Node node = Node.start(settings)) {
            String client = randomAddress();
            for (int i = 0; i < 3; i++) {
                assertThat(loginFrom(node.api(), client, Users.uniqueEmail()).status(), is(401));
            }
            assertError(loginFrom(node.api(), client, Users.uniqueEmail()), 429, "too many attempts");
            assertThat("another client is not held back", loginFrom(node.api(), randomAddress(),
                                                                      Users.uniqueEmail()).status(), is(401));
        }
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        try (Node node = Node.start(Map.of("px0.login.ip.limit", "3"))) {
            int throttled = 0;
            for (int i = 0; i < 4; i++) { // each claims another address; all come from 127.0.0.1
                if (loginFrom(node.api(), randomAddress(), Users.uniqueEmail()).status() == 429) {
                    throttled++;
                }
            }
            assertThat("spoofed X-Forwarded-For does not escape the limit", throttled > 0, is(true));
        }
    }

    @Test
    void wrongCurrentPasswordsOnPasswordChangeLockTheAccount() {
        try (Node node = Node.start(Map.of())) {
            String email = new Users(node.px0()).verified();
            String token = node.api().token(email, Users.PASSWORD);
            for (int i = 0; i < MAX; i++) {
                assertError(changePassword(node.api(), token, "wrong guess " + i), 401, "invalid credentials");
            }

            Api.Reply locked = changePassword(node.api(), token, Users.PASSWORD);

            assertError(locked, 429, "too many attempts");
            assertThat(Long.parseLong(locked.header(HeaderNames.RETRY_AFTER)), greaterThan(0L));
            assertError(node.api().login(email, Users.PASSWORD), 429, "too many attempts");
        }
    }

    @Test
    void wrongPasswordsOnAccountDeletionLockTheAccount() {
        try (Node node = Node.start(Map.of())) {
            String email = new Users(node.px0()).verified();
            String token = node.api().token(email, Users.PASSWORD);
            for (int i = 0; i < MAX; i++) {
                assertError(deleteAccount(node.api(), token, "wrong guess " + i), 401, "invalid credentials");
            }

            Api.Reply locked = deleteAccount(node.api(), token, Users.PASSWORD);

            assertError(locked, 429, "too many attempts");
            assertThat(Long.parseLong(locked.header(HeaderNames.RETRY_AFTER)), greaterThan(0L));
            assertThat("nothing was deleted", new Users(node.px0()).store().existsByEmail(email), is(true));
        }
    }

    @Test
    void failedLoginsAndFailedPasswordChecksCountTogether() {
        try (Node node = Node.start(Map.of())) {
            String email = new Users(node.px0()).verified();
            String token = node.api().token(email, Users.PASSWORD);
            fail(node.api(), email, MAX - 1);
            assertError(deleteAccount(node.api(), token, "one more guess"), 401, "invalid credentials");

            assertError(changePassword(node.api(), token, Users.PASSWORD), 429, "too many attempts");
        }
    }

    private static Api.Reply changePassword(Api api, String token, String current) {
        return api.json(Method.POST, "/v1/auth/me/password", token,
                        body("current_password", current, "new_password", "a brand new passphrase"));
    }

    private static Api.Reply deleteAccount(Api api, String token, String password) {
        return api.json(Method.DELETE, "/v1/auth/me", token, body("password", password));
    }

    private static void fail(Api api, String email, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(api.login(email, "wrong guess " + i).status(), is(401));
        }
    }

    private static Api.Reply loginFrom(Api api, String address, String email) {
        return api.send(Method.POST, "/v1/auth/login", body("email", email, "password", "guess"),
                        Map.of(HeaderNames.CONTENT_TYPE, "application/json",
                               HeaderNames.create("X-Forwarded-For"), address + ", 127.0.0.1"));
    }

    private static String randomAddress() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
