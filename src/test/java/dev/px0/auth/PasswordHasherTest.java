package dev.px0.auth;

import java.time.Duration;
import java.util.concurrent.Semaphore;

import dev.px0.http.ApiException;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PasswordHasherTest {

    private static final ScryptParams PARAMS = new ScryptParams(10, 8, 1);
    private final PasswordHasher hasher = new PasswordHasher(PARAMS, 2, Duration.ofSeconds(5));

    @Test
    void hashIsSelfDescribing() {
        assertThat(hasher.hash("secret").matches("\\$scrypt\\$ln=10,r=8,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"),
                   is(true));
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("secret");
        assertThat(hasher.verify("secret", hash), is(true));
        assertThat(hasher.verify("Secret", hash), is(false));
        assertThat(hasher.verify("", hash), is(false));
    }

    @Test
    void saltMakesEveryHashDifferent() {
        assertThat(hasher.hash("secret"), not(hasher.hash("secret")));
    }

    @Test
    void verifiesWithTheStoredParametersNotTheConfiguredOnes() {
        String other = new PasswordHasher(new ScryptParams(11, 4, 2), 1, Duration.ofSeconds(5)).hash("secret");
        assertThat(hasher.verify("secret", other), is(true));
        assertThat(hasher.needsRehash(other), is(true));
        assertThat(hasher.needsRehash(hasher.hash("secret")), is(false));
    }

    @Test
    void unicodePasswordsAreHashedAsUtf8() {
        String hash = hasher.hash("pässwörd🔑");
        assertThat(hasher.verify("pässwörd🔑", hash), is(true));
        assertThat(hasher.verify("passwor", hash), is(false));
    }

    @Test
    void dummyVerificationDoesTheWorkAndNeverMatches() {
        long before = hasher.computations();
        assertThat(hasher.verifyDummy("anything"), is(false));
        assertThat(hasher.computations() - before, is(1L));
    }

    @Test
    void startingComputesNoHash() {
        // start-up hashes nothing for the dummy (the first admin's hash is the only one on px0's start-up path):
        // parameters Bouncy Castle refuses (r = 1 needs N < 2^16) still make a hasher; only a hash with them fails
        PasswordHasher refused = new PasswordHasher(new ScryptParams(16, 1, 1), 1, Duration.ofSeconds(5));
        assertThat(refused.computations(), is(0L));
        assertThrows(IllegalArgumentException.class, () -> refused.verifyDummy("anything"));
        refused.close();
    }

    @Test
    void refusesHashesItDidNotWrite() {
        assertThrows(IllegalArgumentException.class, () -> hasher.verify("secret", "plain-text"));
        assertThrows(IllegalArgumentException.class, () -> hasher.verify("secret", "$2a$10$abcdefghijklmnopqrstuv"));
        assertThrows(IllegalArgumentException.class,
                     () -> hasher.verify("secret", "$scrypt$ln=99,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                             + "A".repeat(43)));
    }

    @Test
    void refusesPasswordsOverTheCap() {
        assertThrows(IllegalArgumentException.class,
                     () -> hasher.hash("x".repeat(PasswordHasher.MAX_PASSWORD_BYTES + 1)));
    }

    @Test
    void busyWhenNoHashSlotFreesUpInTime() {
        Semaphore slots = new Semaphore(1);
        PasswordHasher bounded = new PasswordHasher(PARAMS, slots, Duration.ofMillis(50));
        String hash = bounded.hash("secret");
        slots.acquireUninterruptibly();
        try {
            long before = bounded.computations();
            assertThat(assertThrows(ApiException.class, () -> bounded.verify("secret", hash)).getMessage(), is("server busy"));
            assertThat(assertThrows(ApiException.class, () -> bounded.hash("secret")).status().code(), is(503));
            assertThat("no hash ran without a slot", bounded.computations(), is(before));
        } finally {
            slots.release();
        }
        assertThat("works again once a slot is free", bounded.verify("secret", hash), is(true));
    }
}
