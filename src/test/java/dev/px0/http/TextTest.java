package dev.px0.http;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

class TextTest {

    @Test
    void percentDecodingIsStrict() {
        assertThat(Text.percentDecode("/v1/projects/%C3%A9t%C3%A9", false), is("/v1/projects/été"));
        assertThat(Text.percentDecode("a+b%2B", true), is("a b+"));
        assertThat(Text.percentDecode("a+b", false), is("a+b"));
        assertThat(Text.percentDecode("%", false), nullValue());
        assertThat(Text.percentDecode("%4", false), nullValue());
        assertThat(Text.percentDecode("%zz", false), nullValue());
        assertThat(Text.percentDecode("%FF", false), nullValue());
        assertThat(Text.percentDecode("%ED%A0%80", false), nullValue());
    }

    @Test
    void unstorableNamesNulAndUnpairedSurrogates() {
        assertThat(Text.unstorable("plain é \ud83d\ude00"), nullValue());
        assertThat(Text.unstorable("a\u0000"), is("a nul character"));
        assertThat(Text.unstorable("\ud800"), is("an unpaired surrogate"));
        assertThat(Text.unstorable("\udc00\ud800"), is("an unpaired surrogate"));
        assertThat(Text.unstorable("x\ud83d"), is("an unpaired surrogate"));
    }

    @Test
    void logSafeEscapesEveryControlCharacterAndTheBackslash() {
        assertThat(LogSafe.escape("GET /v1/projects/x\u0000\n2026 SEVERE"), is("GET /v1/projects/x\\u0000\\n2026 SEVERE"));
        assertThat(LogSafe.escape("\r\t\u001b[31m\u007f\u0085\u2028\\"), is("\\r\\t\\u001b[31m\\u007f\\u0085\\u2028\\\\"));
        assertThat(LogSafe.escape("plain é"), is("plain é"));
    }
}
