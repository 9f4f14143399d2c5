package dev.px0.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.px0.testing.Api;
import dev.px0.testing.Px0ServerTest;
import dev.px0.testing.Users;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.testing.junit5.ServerTest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** {@code POST /v1/auth/login} against seed-login.openapi.yaml: every status, body and header it documents. */
@ServerTest
class LoginContractTest extends Px0ServerTest {

    private static final String JSON = "application/json";

    LoginContractTest(Http1Client client) {
        super(client);
    }

    @Test
    void successReturnsTokenExpiryAndUser() {
        String email = users.verified();
        Instant before = Instant.now();

        Api.Reply reply = api.login(email, Users.PASSWORD);

        assertThat(reply.status(), is(200));
        assertThat(reply.header(HeaderNames.CONTENT_TYPE), startsWith(JSON));
        assertThat(reply.header(HeaderNames.CACHE_CONTROL), is("no-store"));
        JsonObject body = reply.json();
        assertThat(body.keySet(), is(Set.of("token", "expires_at", "user")));

        UUID token = UUID.fromString(body.getString("token"));
        assertThat("UUID version", token.version(), is(4));
        assertThat("UUID variant", token.variant(), is(2));
        assertThat(token.toString(), is(body.getString("token")));

        String expiresAt = body.getString("expires_at");
        assertThat(expiresAt, matchesRfc3339Utc());
        Instant expiry = Instant.from(DateTimeFormatter.ISO_INSTANT.parse(expiresAt));
        assertThat("the full TTL, never a second less", expiry, greaterThanOrEqualTo(before.plus(Duration.ofHours(24))));
        assertThat("rounded up to the whole second", expiry, lessThanOrEqualTo(Instant.now().plus(Duration.ofHours(24)).plusSeconds(1)));

        JsonObject user = body.getJsonObject("user");
        assertThat(user.keySet(), is(Set.of("id", "email", "is_verified", "is_admin", "created_at")));
        UUID.fromString(user.getString("id"));
        assertThat(user.getString("email"), is(email));
        assertThat(user.getBoolean("is_verified"), is(true));
        assertThat(user.getBoolean("is_admin"), is(false));
        assertThat(user.getString("created_at"), matchesRfc3339Utc());
        assertThat(reply.body(), not(containsString("scrypt")));
    }

    @Test
    void emailMatchesWhateverItsLetterCase() {
        String email = users.verified();

        Api.Reply reply = api.login(email.toUpperCase(), Users.PASSWORD);

        assertThat(reply.status(), is(200));
        assertThat(reply.json().getJsonObject("user").getString("email"), is(email));
    }

    @Test
    void everyLoginIssuesANewToken() {
        String email = users.verified();

        assertThat(api.token(email, Users.PASSWORD), not(api.token(email, Users.PASSWORD)));
    }

    @Test
    void wrongPasswordIsInvalidCredentials() {
        assertError(api.login(users.verified(), "not the password"), 401, "invalid credentials");
    }

    @Test
    void unknownEmailIsInvalidCredentials() {
        assertError(api.login(Users.uniqueEmail(), Users.PASSWORD), 401, "invalid credentials");
    }

    @Test
    void emptyPasswordIsInvalidCredentials() {
        assertError(api.login(users.verified(), ""), 401, "invalid credentials");
    }

    @Test
    void unverifiedUserWithTheRightPasswordIsNotVerified() {
        assertError(api.login(users.unverified(), Users.PASSWORD), 403, "user is not verified");
    }

    @Test
    void unverifiedUserWithAWrongPasswordIsInvalidCredentials() {
        assertError(api.login(users.unverified(), "not the password"), 401, "invalid credentials");
    }

    @Test
    void passwordAtTheLengthCapIsChecked() {
        assertError(api.login(users.verified(), "x".repeat(PasswordHasher.MAX_PASSWORD_BYTES)), 401,
                    "invalid credentials");
    }

    @Test
    void unexpectedFailureIsInternalErrorWithoutDetails() {
        String email = users.withHash("not-a-hash-px0-wrote", true);

        Api.Reply reply = api.login(email, Users.PASSWORD);

        assertError(reply, 500, "internal error");
        assertThat(reply.json().keySet(), is(Set.of("error")));
    }

    static Stream<Arguments> invalidBodies() {
        String email = "someone@example.com";
        return Stream.of(
                Arguments.of("empty body", ""),
                Arguments.of("not JSON", "email=someone@example.com&password=x"),
                Arguments.of("truncated JSON", "{\"email\": \"someone@example.com\", \"password\": \"x\""),
                Arguments.of("JSON array", "[{\"email\": \"someone@example.com\", \"password\": \"x\"}]"),
                Arguments.of("JSON string", "\"someone@example.com\""),
                Arguments.of("JSON number", "42"),
                Arguments.of("JSON null", "null"),
                Arguments.of("two JSON values", "{\"email\": \"a@example.com\", \"password\": \"x\"} {}"),
                Arguments.of("email missing", object(null, "x", true, false)),
                Arguments.of("password missing", object(email, null, false, true)),
                Arguments.of("email null", "{\"email\": null, \"password\": \"x\"}"),
                Arguments.of("password null", "{\"email\": \"someone@example.com\", \"password\": null}"),
                Arguments.of("email a number", "{\"email\": 42, \"password\": \"x\"}"),
                Arguments.of("password a number", "{\"email\": \"someone@example.com\", \"password\": 42}"),
                Arguments.of("password an object", "{\"email\": \"someone@example.com\", \"password\": {}}"),
                Arguments.of("email an array", "{\"email\": [\"someone@example.com\"], \"password\": \"x\"}"),
                Arguments.of("password a boolean", "{\"email\": \"someone@example.com\", \"password\": true}"),
                Arguments.of("nested deeper than the parser allows", "{\"a\":".repeat(2000) + "1" + "}".repeat(2000)),
                Arguments.of("duplicate key", "{\"email\": \"a@example.com\", \"email\": \"b@example.com\", \"password\": \"x\"}"),
                Arguments.of("password over the cap",
                             object(email, "x".repeat(PasswordHasher.MAX_PASSWORD_BYTES + 1), false, false)),
                Arguments.of("password over the cap in bytes, not characters",
                             object(email, "é".repeat(PasswordHasher.MAX_PASSWORD_BYTES / 2 + 1), false, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodyIsRefused(String what, String body) {
        assertError(api.send(Method.POST, "/v1/auth/login", body, Map.of(HeaderNames.CONTENT_TYPE, JSON)),
                    400, "invalid request body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plainaddress", "@example.com", "someone@", "someone@@example.com",
            "some one@example.com", "someone@example..com", "someone@-example.com", "someone@example.com.",
            "someone@exa_mple.com", "sömeone@example.com", "someone@example.com\n", " someone@example.com"})
    void invalidEmailIsRefused(String email) {
        assertError(api.login(email, Users.PASSWORD), 400, "invalid request body");
    }

    @Test
    void emailLongerThan254CharactersIsRefused() {
        String email = "a".repeat(64) + "@" + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".eeee.com";
        assertThat(email.length() > 254, is(true));
        assertError(api.login(email, Users.PASSWORD), 400, "invalid request body");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = "{\"email\": \"someone@example.com\", \"password\": \"\u0000\"}".getBytes();
        body[body.length - 3] = (byte) 0xC3; // a lead byte with no continuation
        assertError(api.sendBytes(Method.POST, "/v1/auth/login", body, Map.of(HeaderNames.CONTENT_TYPE, JSON)),
                    400, "invalid request body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x",
            "application/xml"})
    void otherContentTypesAreRefused(String contentType) {
        String body = object("someone@example.com", "x", false, false);
        assertError(api.send(Method.POST, "/v1/auth/login", body, Map.of(HeaderNames.CONTENT_TYPE, contentType)),
                    400, "invalid request body");
    }

    @Test
    void jsonWithCharsetParameterIsAccepted() {
        String body = object(users.verified(), Users.PASSWORD, false, false);
        Api.Reply reply = api.send(Method.POST, "/v1/auth/login", body,
                                   Map.of(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8"));
        assertThat(reply.status(), is(200));
    }

    @Test
    void unknownMembersAreIgnored() {
        String body = Json.createObjectBuilder().add("email", users.verified()).add("password", Users.PASSWORD)
                .add("remember_me", true).build().toString();
        assertThat(api.send(Method.POST, "/v1/auth/login", body, Map.of(HeaderNames.CONTENT_TYPE, JSON)).status(),
                   is(200));
    }

    private static String object(String email, String password, boolean dropEmail, boolean dropPassword) {
        var builder = Json.createObjectBuilder();
        if (email != null && !dropEmail) {
            builder.add("email", email);
        }
        if (password != null && !dropPassword) {
            builder.add("password", password);
        }
        return builder.build().toString();
    }

    private static org.hamcrest.Matcher<String> matchesRfc3339Utc() {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String s) {
                return s.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText("an RFC 3339 UTC timestamp such as 2026-11-28T10:15:30Z");
            }
        };
    }
}
