package dev.px0.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides credentials in text that is shown: a URL's user info ({@code redis://user:pass@host} →
 * {@code redis://user:<hidden>@host}; {@code redis://pass@host} → {@code redis://<hidden>@host}, as Redis takes a
 * lone user info for the password) and password-like query parameters ({@code ?password=…}, {@code &sslpassword=…}).
 * Works on text that is not a valid URL too ({@code redis://:p#ss@host}), since that is what start-up errors show.
 */
public final class Secrets {

    public static final String HIDDEN = "<hidden>";

    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^\\s'\"]*)@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:^|[?&;\\s])(?:[a-z]*password|pass|pwd|secret|token|api[_-]?key)=)[^&;\\s'\"]*");

    private Secrets() {
    }

    /** The text with every URL user info's password and every password-like parameter hidden. */
    public static String url(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = USER_INFO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String userInfo = m.group(2);
            int colon = userInfo.indexOf(':');
            String shown = colon < 0 ? HIDDEN : userInfo.substring(0, colon + 1) + HIDDEN;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + shown + "@"));
        }
        m.appendTail(out);
        return SECRET_PARAMETER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(HIDDEN));
    }

    /** {@link #url} of the text, with each given secret (when not empty) hidden wherever it appears as well. */
    public static String text(String text, String... secrets) {
        String redacted = url(text);
        if (redacted == null) {
            return null;
        }
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                redacted = redacted.replace(secret, HIDDEN);
            }
        }
        return redacted;
    }
}
