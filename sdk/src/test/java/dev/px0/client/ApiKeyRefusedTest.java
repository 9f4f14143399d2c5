package dev.px0.client;

import java.util.Map;
import java.util.logging.Level;

import dev.px0.testing.LogCapture;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A wrong API key is said to be refused, against a real px0 (its 401), in the exception and in the stream's WARN,
 * never as "could not be reached" and never with the key in it. A fallback is still served.
 */
class ApiKeyRefusedTest {

    private static final String WRONG = "px0_wrongkeywrongkeywrongkeywrongkey";

    @Test
    void aRefusedKeyIsReportedAsRefusedWithoutEchoingIt() {
        Cluster cluster = Cluster.get();
        cluster.published("refused-reply", "Hello {{name}}");
        try (LogCapture logs = new LogCapture();
             Px0Client client = cluster.client(cluster.a).apiKey(WRONG)
                     .fallback("refused-fallback", "Fallback for {{name}}").build()) {
            Px0UnavailableException refused = assertThrows(Px0UnavailableException.class,
                                                           () -> client.prompt("refused-reply"));
            assertThat(refused.getMessage(), is("px0 refused the API key (401 unauthorized): prompt refused-reply cannot"
                                                + " be fetched with this API key, and no snapshot or fallback knows it"));
            assertThat(refused.getMessage(), not(containsString("could not be reached")));
            assertThat(refused.getMessage(), not(containsString(WRONG)));
            assertThat(client.prompt("refused-fallback").render(Map.of("name", "Ada")), is("Fallback for Ada"));

            Cluster.until("the stream's WARN says the key was refused", () -> logs.messages(Level.WARNING).stream()
                    .anyMatch(w -> w.contains("change stream lost (px0 refused the API key (401 unauthorized))")));
            assertThat(String.join("\n", logs.lines()), not(containsString(WRONG)));
        }
    }
}
