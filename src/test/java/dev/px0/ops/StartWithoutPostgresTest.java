package dev.px0.ops;

import java.util.Map;
import java.util.concurrent.CompletionException;

import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.Px0Process;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** px0 started while PostgreSQL cannot be reached says so in one line and exits, instead of a bare stack trace. */
class StartWithoutPostgresTest {

    @Test
    void startingWithoutPostgresqlSaysWhyAndExits() {
        String nowhere = "jdbc:postgresql://127.0.0.1:" + EmbeddedStores.freePort() + "/px0";
        CompletionException failed = assertThrows(CompletionException.class,
                                                  () -> Px0Process.start(Map.of("PX0_DATABASE_URL", nowhere)));
        assertThat(failed.getCause().getMessage(), containsString("px0 could not start: Unable to obtain connection from database"));
    }
}
