package dev.px0.client;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Px0Client#fromEnvironment()}: {@code PX0_URL}, {@code PX0_API_KEY} and {@code PX0_PROJECT}, read through the
 * package-private overload that takes the environment as a function. Missing variables are all named; the API key is
 * in no message.
 */
class FromEnvironmentTest {

    private static final String KEY = "px0_envsecretenvsecretenvsecret";

    private static IllegalArgumentException refused(Map<String, String> env) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Px0Client.fromEnvironment(env::get));
        assertThat(e.getMessage(), not(containsString(KEY)));
        return e;
    }

    @Test
    void theThreeVariablesConfigureAClientOfThatPx0ProjectAndKey() {
        Cluster cluster = Cluster.get();
        cluster.published("from-env", "Hello {{name}} from the environment");
        Map<String, String> env = Map.of("PX0_URL", cluster.a.url(), "PX0_API_KEY", cluster.key,
                                         "PX0_PROJECT", cluster.project, "PATH", "/usr/bin");
        try (Px0Client client = Px0Client.fromEnvironment(env::get)) {
            Prompt p = client.prompt("from-env");
            assertThat(p.version(), is(1));
            assertThat(p.render(Map.of("name", "Ada")), is("Hello Ada from the environment"));
        }
    }

    @Test
    void everyMissingOrBlankVariableIsNamedAtOnce() {
        assertThat(refused(Map.of()).getMessage(),
                   is("PX0_URL, PX0_API_KEY, PX0_PROJECT are not set: Px0Client.fromEnvironment() needs PX0_URL, "
                      + "PX0_API_KEY and PX0_PROJECT"));
        assertThat(refused(Map.of("PX0_URL", "http://localhost:3000", "PX0_PROJECT", "support")).getMessage(),
                   is("PX0_API_KEY is not set: Px0Client.fromEnvironment() needs PX0_URL, PX0_API_KEY and PX0_PROJECT"));
        assertThat(refused(Map.of("PX0_URL", "http://localhost:3000", "PX0_API_KEY", "  ", "PX0_PROJECT", "support"))
                           .getMessage(), containsString("PX0_API_KEY is not set"));
        assertThat(refused(Map.of("PX0_API_KEY", KEY, "PX0_PROJECT", "support")).getMessage(),
                   containsString("PX0_URL is not set"));
        assertThat(refused(Map.of("PX0_URL", "", "PX0_API_KEY", KEY)).getMessage(),
                   containsString("PX0_URL, PX0_PROJECT are not set"));
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedWithoutEchoingTheKey() {
        Map<String, String> env = new HashMap<>(Map.of("PX0_API_KEY", KEY, "PX0_PROJECT", "support"));
        env.put("PX0_URL", "ftp://px0.example");
        assertThat(refused(env).getMessage(), is("baseUrl (PX0_URL) must be an http:// or https:// URL"));
        env.put("PX0_URL", "http://exa mple");
        assertThat(refused(env).getMessage(), is("baseUrl (PX0_URL) is not a URL"));
    }
}
