package dev.px0.auth;

import java.util.Map;
import java.util.Set;

import dev.px0.testing.Api;
import dev.px0.testing.Mailbox;
import dev.px0.testing.Node;
import dev.px0.testing.Users;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.px0.testing.Api.assertError;
import static dev.px0.testing.Json.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The account lifecycle end to end on real PostgreSQL, Redis and SMTP: codes are read from the mail GreenMail
 * received. Registration, verification, password reset and the policy that guards new passwords.
 */
class AccountFlowTest {

    private static final String STRONG = "a long and unusual passphrase";
    private static Mailbox mailbox;
    private static Node node;
    private static Api api;

    @BeforeAll
    static void start() {
        mailbox = new Mailbox();
        node = Node.start(mailbox.settings());
        api = node.api();
    }

    @AfterAll
    static void stop() {
        node.close();
        mailbox.close();
    }

    @Test
    void registerThenVerifyThenLogin() {
        String email = Users.uniqueEmail();

        Api.Reply registered = register(email, STRONG);

        assertThat(registered.status(), is(201));
        assertThat(registered.header(HeaderNames.CACHE_CONTROL), is("no-store"));
        JsonObject user = registered.json().getJsonObject("user");
        assertThat(user.keySet(), is(Set.of("id", "email", "is_verified", "is_admin", "created_at")));
        assertThat(user.getString("email"), is(email));
        assertThat(user.getBoolean("is_verified"), is(false));
        assertThat(user.getBoolean("is_admin"), is(false));
        assertError(api.login(email, STRONG), 403, "user is not verified");

        Api.Reply verified = verify(email, mailbox.code(email));

        assertThat(verified.status(), is(200));
        assertThat(verified.json().getString("message"), is("email verified successfully"));
        assertThat(api.login(email, STRONG).status(), is(200));
        assertError(verify(email, mailbox.code(email)), 400, "invalid verification code");
    }

    @Test
    void wrongCodeIsRefusedAndFiveWrongTriesKillTheCode() {
        String email = Users.uniqueEmail();
        register(email, STRONG);
        String code = mailbox.code(email);
        String wrong = code.equals("000000") ? "000001" : "000000";

        for (int i = 0; i < CodeStore.MAX_TRIES; i++) {
            assertError(verify(email, wrong), 400, "invalid verification code");
        }

        assertError(verify(email, code), 400, "invalid verification code");
        assertError(api.login(email, STRONG), 403, "user is not verified");
    }

    @Test
    void aNewCodeReplacesTheOldOne() {
        String email = Users.uniqueEmail();
        register(email, STRONG);
        String first = mailbox.code(email, 1);

        assertThat(api.send(Method.GET, "/v1/auth/verify-email?email=" + email, null, Map.of()).status(), is(200));
        String second = mailbox.code(email, 2);

        if (!first.equals(second)) {
            assertError(verify(email, first), 400, "invalid verification code");
        }
        assertThat(verify(email, second).status(), is(200));
    }

    @Test
    void verifyForAnUnknownEmailIsAnInvalidCode() {
        assertError(verify(Users.uniqueEmail(), "123456"), 400, "invalid verification code");
    }

    @Test
    void emailsAreUniqueWhateverTheirCase() {
        String email = Users.uniqueEmail();
        assertThat(register(email, STRONG).status(), is(201));

        assertError(register(email.toUpperCase(), STRONG), 409, "email already registered");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "short|seven77|password must be at least 8 characters",
            "common|qwertyuiop|password is too common",
            "common, other case|PassWord1|password is too common",
    })
    void passwordPolicy(String what, String password, String message) {
        assertError(register(Users.uniqueEmail(), password), 400, message);
    }

    @Test
    void passwordOverTheByteCapIsRefused() {
        assertError(register(Users.uniqueEmail(), "x".repeat(PasswordHasher.MAX_PASSWORD_BYTES + 1)), 400,
                    "password must be at most 1024 bytes");
    }

    @Test
    void longPasswordsAndAnyCharactersAreAllowed() {
        assertThat(register(Users.uniqueEmail(), "ü 😀 ".repeat(16) + "é".repeat(64)).status(), is(201));
        assertThat(register(Users.uniqueEmail(), "eight ch").status(), is(201));
    }

    @Test
    void invalidEmailAndInvalidBody() {
        assertError(register("not-an-email", STRONG), 400, "invalid email format");
        assertError(api.json(Method.POST, "/v1/auth/register", null, "{\"email\": \"a@example.com\"}"), 400,
                    "invalid request body");
        assertError(api.json(Method.POST, "/v1/auth/register", null, "[]"), 400, "invalid request body");
        assertError(api.json(Method.POST, "/v1/auth/register", null,
                             "{\"email\": \"a@example.com\", \"password\": \"" + STRONG + "\", \"is_admin\": \"yes\"}"),
                    400, "invalid request body");
    }

    @Test
    void openSignUpCannotMakeAnAdmin() {
        String email = Users.uniqueEmail();
        assertError(api.json(Method.POST, "/v1/auth/register", null,
                             "{\"email\": \"" + email + "\", \"password\": \"" + STRONG + "\", \"is_admin\": true}"),
                    403, "forbidden");
        assertError(api.login(email, STRONG), 401, "invalid credentials");
    }

    @Test
    void adminCreatesVerifiedUsersAndAdmins() {
        String adminToken = adminToken();
        String email = Users.uniqueEmail();

        Api.Reply created = api.json(Method.POST, "/v1/auth/register", adminToken,
                                     "{\"email\": \"" + email + "\", \"password\": \"" + STRONG + "\", \"is_admin\": true}");

        assertThat(created.status(), is(201));
        assertThat(created.json().getJsonObject("user").getBoolean("is_verified"), is(true));
        assertThat(created.json().getJsonObject("user").getBoolean("is_admin"), is(true));
        assertThat(api.login(email, STRONG).status(), is(200));
        assertThat("no verification mail for a user an admin made", mailbox.messagesTo(email).size(), is(0));
    }

    @Test
    void nonAdminTokenIsForbiddenAndBadTokenUnauthorized() {
        String userToken = api.token(new Users(node.px0()).verified(), Users.PASSWORD);

        assertError(api.json(Method.POST, "/v1/auth/register", userToken, body("email", Users.uniqueEmail(),
                                                                               "password", STRONG)),
                    403, "forbidden");
        assertError(api.json(Method.POST, "/v1/auth/register", "f47ac10b-58cc-4372-a567-0e02b2c3d479",
                             body("email", Users.uniqueEmail(), "password", STRONG)),
                    401, "unauthorized");
    }

    @Test
    void closedRegistrationRefusesStrangersButNotAdmins() {
        try (Node closed = Node.start(merge(mailbox.settings(), Map.of("px0.registration", "closed")))) {
            assertError(closed.api().json(Method.POST, "/v1/auth/register", null,
                                          body("email", Users.uniqueEmail(), "password", STRONG)),
                        403, "registration is closed");
            assertThat(closed.api().json(Method.POST, "/v1/auth/register", adminToken(),
                                         body("email", Users.uniqueEmail(), "password", STRONG)).status(), is(201));
        }
    }

    @Test
    void resendVerification() {
        String email = Users.uniqueEmail();
        register(email, STRONG);
        mailbox.code(email, 1);

        Api.Reply reply = api.send(Method.GET, "/v1/auth/verify-email?email=" + email, null, Map.of());

        assertThat(reply.status(), is(200));
        mailbox.code(email, 2);
        assertError(api.send(Method.GET, "/v1/auth/verify-email", null, Map.of()), 400, "invalid request body");
        assertError(api.send(Method.GET, "/v1/auth/verify-email?email=nope", null, Map.of()), 400,
                    "invalid email format");
    }

    @Test
    void resetPasswordEndsEverySession() {
        String email = new Users(node.px0()).verified();
        String before = api.token(email, Users.PASSWORD);

        assertThat(api.json(Method.POST, "/v1/auth/password-reset/trigger", null, body("email", email)).status(), is(200));
        Api.Reply reset = api.json(Method.POST, "/v1/auth/password-reset/reset", null,
                                   body("email", email, "code", mailbox.code(email), "new_password", STRONG));

        assertThat(reset.status(), is(200));
        assertThat(reset.json().getString("message"), is("password has been reset"));
        assertError(api.login(email, Users.PASSWORD), 401, "invalid credentials");
        assertThat(api.login(email, STRONG).status(), is(200));
        assertError(api.me(before), 401, "unauthorized");
    }

    @Test
    void resetVerifiesTheEmailItWasSentTo() {
        String email = new Users(node.px0()).unverified();
        api.json(Method.POST, "/v1/auth/password-reset/trigger", null, body("email", email));

        api.json(Method.POST, "/v1/auth/password-reset/reset", null,
                 body("email", email, "code", mailbox.code(email), "new_password", STRONG));

        assertThat(api.login(email, STRONG).status(), is(200));
    }

    @Test
    void resetWithAWrongCodeOrAWeakPasswordChangesNothing() {
        String email = new Users(node.px0()).verified();
        api.json(Method.POST, "/v1/auth/password-reset/trigger", null, body("email", email));
        String code = mailbox.code(email);
        String wrong = code.equals("000000") ? "000001" : "000000";

        assertError(api.json(Method.POST, "/v1/auth/password-reset/reset", null,
                             body("email", email, "code", wrong, "new_password", STRONG)), 400, "invalid reset code");
        assertError(api.json(Method.POST, "/v1/auth/password-reset/reset", null,
                             body("email", email, "code", code, "new_password", "password1")), 400,
                    "password is too common");
        assertError(api.json(Method.POST, "/v1/auth/password-reset/reset", null,
                             body("email", email, "code", code)), 400, "invalid request body");
        assertThat(api.login(email, Users.PASSWORD).status(), is(200));
        assertError(api.json(Method.POST, "/v1/auth/password-reset/reset", null,
                             body("email", Users.uniqueEmail(), "code", code, "new_password", STRONG)), 400,
                    "invalid reset code");
    }

    @Test
    void triggerAndResendSayTheSameForKnownAndUnknownEmails() {
        String known = new Users(node.px0()).unverified();
        String unknown = Users.uniqueEmail();

        Api.Reply knownTrigger = api.json(Method.POST, "/v1/auth/password-reset/trigger", null, body("email", known));
        Api.Reply unknownTrigger = api.json(Method.POST, "/v1/auth/password-reset/trigger", null, body("email", unknown));
        Api.Reply knownResend = api.send(Method.GET, "/v1/auth/verify-email?email=" + known, null, Map.of());
        Api.Reply unknownResend = api.send(Method.GET, "/v1/auth/verify-email?email=" + unknown, null, Map.of());
        String verified = new Users(node.px0()).verified();
        Api.Reply verifiedResend = api.send(Method.GET, "/v1/auth/verify-email?email=" + verified, null, Map.of());

        assertThat(knownTrigger.status(), is(200));
        assertThat(unknownTrigger.status(), is(200));
        assertThat(unknownTrigger.body(), is(knownTrigger.body()));
        assertThat(knownResend.status(), is(200));
        assertThat(unknownResend.status(), is(200));
        assertThat(unknownResend.body(), is(knownResend.body()));
        assertThat(verifiedResend.body(), is(knownResend.body()));
        assertThat(knownTrigger.body(), not(knownResend.body()));
        mailbox.code(known, 2);
    }

    @Test
    void atMostFiveCodesAnHourToOneAddressKnownOrNot() {
        for (String email : new String[] {new Users(node.px0()).verified(), Users.uniqueEmail()}) {
            for (int i = 0; i < CodeStore.MAX_SENDS_PER_HOUR; i++) {
                assertThat(api.json(Method.POST, "/v1/auth/password-reset/trigger", null, body("email", email)).status(),
                           is(200));
            }
            Api.Reply refused = api.json(Method.POST, "/v1/auth/password-reset/trigger", null, body("email", email));
            assertError(refused, 429, "too many requests");
            long retryAfter = Long.parseLong(refused.header(HeaderNames.RETRY_AFTER));
            assertThat(retryAfter > 0 && retryAfter <= 3600, is(true));
            assertError(api.send(Method.GET, "/v1/auth/verify-email?email=" + email, null, Map.of()), 429,
                        "too many requests");
        }
    }

    @Test
    void rateLimitedSignUpLeavesNothingBehind() {
        String email = Users.uniqueEmail();
        for (int i = 0; i < CodeStore.MAX_SENDS_PER_HOUR; i++) {
            api.send(Method.GET, "/v1/auth/verify-email?email=" + email, null, Map.of());
        }

        assertError(register(email, STRONG), 429, "too many requests");

        assertThat("no account was created", new Users(node.px0()).store().existsByEmail(email), is(false));
    }

    private static Api.Reply register(String email, String password) {
        return api.json(Method.POST, "/v1/auth/register", null, body("email", email, "password", password));
    }

    private static Api.Reply verify(String email, String code) {
        return api.json(Method.POST, "/v1/auth/verify-email", null, body("email", email, "code", code));
    }

    private static String adminToken() {
        String email = Users.uniqueEmail();
        new Users(node.px0()).store().createIfAbsent(email, node.px0().hasher().hash(Users.PASSWORD), true, true);
        return api.token(email, Users.PASSWORD);
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> merged = new java.util.HashMap<>(a);
        merged.putAll(b);
        return merged;
    }
}
