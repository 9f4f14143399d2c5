package dev.px0.health;

import java.util.Map;

import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.Node;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** The image's health check, dev.px0.health.HealthProbe, against a real px0 and against nothing. */
class HealthProbeTest {

    @Test
    void aRunningPx0AnswersTwoHundred() {
        try (Node node = Node.start(Map.of())) {
            assertThat(HealthProbe.statusLine(String.valueOf(node.server().port())), startsWith("HTTP/1.1 200"));
        }
    }

    @Test
    void aPortWithNobodySaysUnreachable() {
        int port = EmbeddedStores.freePort();
        assertThat(HealthProbe.statusLine(String.valueOf(port)),
                   is("unreachable on port " + port + " (ConnectException)"));
    }

    @Test
    void aPortThatIsNoNumberIsSaidSo() {
        assertThat(HealthProbe.statusLine("http"), is("not a port: http"));
    }
}
