package dev.px0.auth;

import java.time.Duration;
import java.util.Map;

import dev.px0.testing.Node;
import dev.px0.testing.Users;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** A hash stored with other parameters than the configured ones is replaced at the next successful login. */
class RehashOnLoginTest {

    private static final PasswordHasher OLD_PARAMS = new PasswordHasher(new ScryptParams(10, 8, 2), 1, Duration.ofSeconds(5));

    @Test
    void successfulLoginRehashesWithTheConfiguredParameters() {
        try (Node node = Node.start(Map.of())) {
            Users users = new Users(node.px0());
            String oldHash = OLD_PARAMS.hash(Users.PASSWORD);
            String email = users.withHash(oldHash, true);

            assertThat(node.api().login(email, Users.PASSWORD).status(), is(200));

            String stored = users.store().findByEmail(email).orElseThrow().passwordHash();
            assertThat(stored, not(oldHash));
            assertThat(stored, startsWith("$scrypt$ln=10,r=8,p=1$"));
            assertThat(node.px0().hasher().needsRehash(stored), is(false));
            assertThat("the new hash still verifies", node.api().login(email, Users.PASSWORD).status(), is(200));
        }
    }

    @Test
    void failedLoginLeavesTheHashAlone() {
        try (Node node = Node.start(Map.of())) {
            Users users = new Users(node.px0());
            String oldHash = OLD_PARAMS.hash(Users.PASSWORD);
            String email = users.withHash(oldHash, true);

            assertThat(node.api().login(email, "wrong password").status(), is(401));

            assertThat(users.store().findByEmail(email).orElseThrow().passwordHash(), is(oldHash));
        }
    }

    @Test
    void unverifiedUserWithTheRightPasswordIsRehashedToo() {
        try (Node node = Node.start(Map.of())) {
            Users users = new Users(node.px0());
            String email = users.withHash(OLD_PARAMS.hash(Users.PASSWORD), false);

            assertThat(node.api().login(email, Users.PASSWORD).status(), is(403));

            String stored = users.store().findByEmail(email).orElseThrow().passwordHash();
            assertThat(node.px0().hasher().needsRehash(stored), is(false));
        }
    }
}
