package dev.px0.http;

import java.util.Map;

import dev.px0.testing.Api;
import dev.px0.testing.Node;
import dev.px0.testing.RecordingResolver;
import dev.px0.testing.Users;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import org.junit.jupiter.api.Test;

import static dev.px0.testing.Json.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code X-Forwarded-For} from a trusted proxy is read as IP literals only, never resolved through DNS (finding 9
 * of issue 14): {@code dead.beef} looks like hex, resolves nothing, and is ignored.
 */
class ForwardedForTest {

    @Test
    void aHexLookingNameIsNeitherResolvedNorBelieved() {
        try (Node node = Node.start(Map.of("px0.trusted.proxies", "127.0.0.1"))) {
            String email = new Users(node.px0()).verified();

            String ip = sessionIpAfterLoginWith(node.api(), email, "dead.beef");

            assertThat("the name is ignored: the client is the proxy itself", ip, is("127.0.0.1"));
            assertThat("no DNS lookup", RecordingResolver.lookedUp(), not(hasItem("dead.beef")));
        }
    }

    @Test
    void ipLiteralsAreBelieved() {
        try (Node node = Node.start(Map.of("px0.trusted.proxies", "127.0.0.1"))) {
            String email = new Users(node.px0()).verified();
            assertThat(sessionIpAfterLoginWith(node.api(), email, "203.0.113.7"), is("203.0.113.7"));
            assertThat(sessionIpAfterLoginWith(node.api(), email, "2001:db8::1"), is("2001:db8:0:0:0:0:0:1"));
        }
    }

    @Test
    void onlyLiteralsParse() {
        for (String notAnAddress : new String[] {"dead.beef", "1.2.3", "256.1.1.1", "01.2.3.4.5", "cafe", "::g", "",
                "localhost", "10.0.0.1.nip.io"}) {
            assertThat(notAnAddress, ClientAddress.literal(notAnAddress), nullValue());
        }
        assertThat(ClientAddress.literal("10.1.2.3").getHostAddress(), is("10.1.2.3"));
        assertThat(RecordingResolver.lookedUp(), not(hasItem("dead.beef")));
        assertThat(RecordingResolver.lookedUp(), not(hasItem("cafe")));
    }

    private static String sessionIpAfterLoginWith(Api api, String email, String forwardedFor) {
        Api.Reply login = api.send(Method.POST, "/v1/auth/login", body("email", email, "password", Users.PASSWORD),
                                   Map.of(HeaderNames.CONTENT_TYPE, "application/json",
                                          HeaderNames.create("X-Forwarded-For"), forwardedFor));
        String token = login.json().getString("token");
        var sessions = api.send(Method.GET, "/v1/auth/sessions", null,
                                Map.of(HeaderNames.AUTHORIZATION, "Bearer " + token)).json().getJsonArray("sessions");
        for (var s : sessions) {
            if (s.asJsonObject().getBoolean("current")) {
                return s.asJsonObject().getString("ip");
            }
        }
        throw new AssertionError("no current session");
    }
}
