package dev.px0.client;

import java.time.Duration;
import java.util.List;

import dev.px0.template.InvalidTemplateException;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the builder refuses, and what a closed client does; no px0 needed. */
class BuilderTest {

    private static final String KEY = "px0_secretsecretsecretsecret";

    @Test
    void requiredSettingsAreNamed() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Px0Client.builder().apiKey(KEY).project("p").build())
                           .getMessage(), is("baseUrl (PX0_URL) is required"));
        assertThat(assertThrows(IllegalArgumentException.class,
                                () -> Px0Client.builder().baseUrl("http://localhost:1").project("p").build()).getMessage(),
                   is("apiKey (PX0_API_KEY) is required"));
        assertThat(assertThrows(IllegalArgumentException.class,
                                () -> Px0Client.builder().baseUrl("http://localhost:1").apiKey(KEY).build()).getMessage(),
                   is("project (PX0_PROJECT) is required"));
        IllegalArgumentException badUrl = assertThrows(IllegalArgumentException.class,
                                                       () -> Px0Client.builder().baseUrl("ftp://x").apiKey(KEY).project("p").build());
        assertThat(badUrl.getMessage(), not(containsString(KEY)));
        assertThrows(IllegalArgumentException.class, () -> Px0Client.builder().connectTimeout(Duration.ZERO));
    }

    @Test
    void aFallbackThatDoesNotCompileIsRefusedAtOnce() {
        assertThrows(InvalidTemplateException.class, () -> Px0Client.builder().fallback("reply", "{{#open}}"));
        assertThrows(IllegalArgumentException.class, () -> Px0Client.builder().fallback("reply", List.of()));
    }

    @Test
    void aClosedClientServesNothing() {
        Px0Client client = Px0Client.builder().baseUrl("http://127.0.0.1:1").apiKey(KEY).project("p")
                .fallback("reply", "hi").build();
        client.close();
        assertThrows(IllegalStateException.class, () -> client.prompt("reply"));
    }
}
