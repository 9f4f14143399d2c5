package dev.px0.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

import dev.px0.testing.Api;
import dev.px0.testing.Node;
import dev.px0.testing.Users;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.px0.testing.Api.assertError;
import static dev.px0.testing.Json.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

/**
 * Finding 2 of issue 14: every account endpoint that costs a password hash or tells whether an account exists is
 * limited per client address ({@code PX0_ACCOUNT_IP_LIMIT}), behind a trusted proxy by {@code X-Forwarded-For}:
 * past the limit, {@code 429 too many requests} with {@code Retry-After}, and another address is not held back.
 */
class AccountLimitTest {

    private static final int LIMIT = 3;
    private static final HeaderName FORWARDED = HeaderNames.create("X-Forwarded-For");
    private static Node node;
    private static Api api;

    @BeforeAll
    static void start() {
        node = Node.start(Map.of("px0.account.ip.limit", Integer.toString(LIMIT), "px0.trusted.proxies", "127.0.0.1"));
        api = node.api();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void registerIsLimitedAlsoForTakenEmails() {
        String taken = new Users(node.px0()).verified();
        assertLimited((client, i) -> from(client, Method.POST, "/v1/auth/register", null,
                                          body("email", taken, "password", "a long enough passphrase")), 409);
    }

    @Test
    void openSignUpIsLimited() {
        assertLimited((client, i) -> from(client, Method.POST, "/v1/auth/register", null,
                                          body("email", Users.uniqueEmail(), "password", "a long enough passphrase")), 201);
    }

    @Test
    void verificationResendIsLimited() {
        assertLimited((client, i) -> from(client, Method.GET, "/v1/auth/verify-email?email=" + Users.uniqueEmail(),
                                          null, null), 200);
    }

    @Test
    void resetTriggerIsLimited() {
        assertLimited((client, i) -> from(client, Method.POST, "/v1/auth/password-reset/trigger", null,
                                          body("email", Users.uniqueEmail())), 200);
    }

    @Test
    void resetIsLimited() {
        String email = new Users(node.px0()).verified();
        assertLimited((client, i) -> from(client, Method.POST, "/v1/auth/password-reset/reset", null,
                                          body("email", email, "code", "000000", "new_password", "a fresh passphrase")), 400);
    }

    @Test
    void passwordChangeIsLimited() {
        String token = api.token(new Users(node.px0()).verified(), Users.PASSWORD);
        assertLimited((client, i) -> from(client, Method.POST, "/v1/auth/me/password", token,
                                          body("current_password", Users.PASSWORD, "new_password", "short")), 400);
    }

    @Test
    void accountDeletionIsLimited() {
        String token = api.token(new Users(node.px0()).verified(), Users.PASSWORD);
        assertLimited((client, i) -> from(client, Method.DELETE, "/v1/auth/me", token, "{}"), 400);
    }

    @Test
    void aSystemAdminCreatingAccountsIsNotLimited() {
        String admin = Users.uniqueEmail();
        new Users(node.px0()).store().createIfAbsent(admin, node.px0().hasher().hash(Users.PASSWORD), true, true);
        String token = api.token(admin, Users.PASSWORD);
        String client = randomAddress();
        for (int i = 0; i <= LIMIT; i++) {
            assertThat(from(client, Method.POST, "/v1/auth/register", token,
                            body("email", Users.uniqueEmail(), "password", "a long enough passphrase")).status(), is(201));
        }
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsNotBelieved() {
        try (Node untrusting = Node.start(Map.of("px0.account.ip.limit", Integer.toString(LIMIT)))) {
            // each claims another address; all come from 127.0.0.1, whose count other tests of this run share
            int last = 0;
            for (int i = 0; i <= LIMIT; i++) {
                Map<HeaderName, String> headers = new HashMap<>(Map.of(HeaderNames.CONTENT_TYPE, "application/json",
                                                                       FORWARDED, randomAddress()));
                last = untrusting.api().send(Method.POST, "/v1/auth/password-reset/trigger",
                                             body("email", Users.uniqueEmail()), headers).status();
            }
            assertThat("a spoofed X-Forwarded-For does not escape the limit", last, is(429));
        }
    }

    /** {@code LIMIT} requests from one address get {@code allowed}; the next gets 429; another address is served. */
    private static void assertLimited(BiFunction<String, Integer, Api.Reply> request, int allowed) {
        String client = randomAddress();
        for (int i = 0; i < LIMIT; i++) {
            assertThat(request.apply(client, i).status(), is(allowed));
        }
        Api.Reply refused = request.apply(client, LIMIT);
        assertError(refused, 429, "too many requests");
        long retryAfter = Long.parseLong(refused.header(HeaderNames.RETRY_AFTER));
        assertThat(retryAfter, greaterThan(0L));
        assertThat(retryAfter, lessThanOrEqualTo(60L));
        assertThat("another client is not held back", request.apply(randomAddress(), LIMIT + 1).status(),
                   not(429));
    }

    private static Api.Reply from(String client, Method method, String path, String token, String body) {
        Map<HeaderName, String> headers = new HashMap<>();
        headers.put(FORWARDED, client + ", 127.0.0.1");
        if (body != null) {
            headers.put(HeaderNames.CONTENT_TYPE, "application/json");
        }
        if (token != null) {
            headers.put(HeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        return api.send(method, path, body, headers);
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
