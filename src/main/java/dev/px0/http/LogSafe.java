package dev.px0.http;

/**
 * Text from a request as it may go into a log line: every control character (NUL, CR, LF, ESC...), the Unicode
 * line and paragraph separators and the backslash itself are escaped ({@code \n}, {@code \u0000}, {@code \\}), so a
 * value can neither start a forged log line nor hide part of one. Use it on every value px0 logs that came from a
 * request (a path, an email, an exception message that may quote one).
 */
public final class LogSafe {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogSafe() {
    }

    /** The text with its control characters escaped; "null" for null. */
    public static String escape(CharSequence text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escaped(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text.toString() : out.toString();
    }

    private static String escaped(char c) {
        return switch (c) {
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    ? "\\u" + HEX[c >> 12 & 15] + HEX[c >> 8 & 15] + HEX[c >> 4 & 15] + HEX[c & 15] : null;
        };
    }

    /**
     * The throwable as it may be logged with its stack trace: the same frames and causes, with each message (which may
     * quote request data, such as a number that failed to parse) escaped and the original class named in it.
     */
    public static Throwable throwable(Throwable e) {
        return e == null ? null : new Escaped(e, 0);
    }

    /** A stand-in that prints as {@code LogSafe$Escaped: java.lang.Xxx: <escaped message>} with the original frames. */
    private static final class Escaped extends RuntimeException {
        private Escaped(Throwable original, int depth) {
            super(escape(original.toString()),
                  original.getCause() == null || depth > 20 ? null : new Escaped(original.getCause(), depth + 1),
                  false, true);
            setStackTrace(original.getStackTrace());
            for (Throwable suppressed : original.getSuppressed()) {
                if (depth < 20) {
                    addSuppressed(new Escaped(suppressed, depth + 1));
                }
            }
        }
    }
}
