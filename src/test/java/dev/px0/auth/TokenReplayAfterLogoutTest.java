package dev.px0.auth;

import java.util.Map;

import dev.px0.testing.Node;
import dev.px0.testing.Users;

import org.junit.jupiter.api.Test;

import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Two px0 nodes on the same stores: a token from one works on the other, a logout on one is seen by both at once. */
class TokenReplayAfterLogoutTest {

    @Test
    void tokensCrossNodesAndLogoutIsSeenEverywhereAtOnce() {
        try (Node a = Node.start(Map.of()); Node b = Node.start(Map.of())) {
            String email = new Users(a.px0()).verified();
            String token = a.api().token(email, Users.PASSWORD);

            assertThat("issued by A, accepted by B", b.api().me(token).status(), is(200));
            assertThat(b.api().me(token).json().getJsonObject("user").getString("email"), is(email));

            assertThat(b.api().logout(token).status(), is(204));

            assertError(a.api().me(token), 401, "unauthorized");
            assertError(b.api().me(token), 401, "unauthorized");
        }
    }
}
