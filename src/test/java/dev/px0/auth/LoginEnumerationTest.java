package dev.px0.auth;

import java.util.HashMap;
import java.util.Map;

import dev.px0.testing.Api;
import dev.px0.testing.Px0ServerTest;
import dev.px0.testing.Users;

import io.helidon.http.Header;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.testing.junit5.ServerTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * An attacker learns nothing about which emails have accounts: an unknown email and a wrong password get the same
 * status, body and headers, and cost the same work (one SCrypt computation, counted by the hasher).
 */
@ServerTest
class LoginEnumerationTest extends Px0ServerTest {

    LoginEnumerationTest(Http1Client client) {
        super(client);
    }

    @Test
    void unknownEmailAndWrongPasswordLookAndCostTheSame() {
        String known = users.verified();
        String unknown = Users.uniqueEmail();

        long before = px0.hasher().computations();
        Api.Reply wrongPassword = api.login(known, "wrong password");
        long afterWrongPassword = px0.hasher().computations();
        Api.Reply unknownEmail = api.login(unknown, "wrong password");
        long afterUnknownEmail = px0.hasher().computations();

        assertThat("a wrong password costs one hash", afterWrongPassword - before, is(1L));
        assertThat("an unknown email costs one hash too", afterUnknownEmail - afterWrongPassword, is(1L));
        assertThat(unknownEmail.status(), is(wrongPassword.status()));
        assertThat(unknownEmail.body(), is(wrongPassword.body()));
        assertThat(headersWithoutDate(unknownEmail), is(headersWithoutDate(wrongPassword)));
    }

    @Test
    void unverifiedAccountIsOnlyRevealedToWhoKnowsThePassword() {
        String unverified = users.unverified();

        Api.Reply wrongPassword = api.login(unverified, "wrong password");
        Api.Reply unknownEmail = api.login(Users.uniqueEmail(), "wrong password");

        assertThat(wrongPassword.status(), is(401));
        assertThat(wrongPassword.body(), is(unknownEmail.body()));
    }

    private static Map<String, String> headersWithoutDate(Api.Reply reply) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : reply.headers()) {
            if (!header.name().equalsIgnoreCase("Date")) {
                headers.put(header.name().toLowerCase(), header.values());
            }
        }
        return headers;
    }
}
