package dev.px0.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.px0.testing.Node;
import dev.px0.testing.Users;
import dev.px0.user.User;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * A login that checked the old password a moment before a reset (or a password change, or an account deletion)
 * revoked every session must not create a session afterwards: the session generation it read is stale.
 */
class LoginRacingRevocationTest {

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
