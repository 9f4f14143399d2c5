package dev.px0.template.go;

import java.nio.charset.StandardCharsets;

/**
 * Go strings inside the engine. A Go string is bytes, usually UTF-8; the engine keeps it as a Java String in which
 * a byte that is not part of valid UTF-8 (only {@code slice}, string literals with {@code \x} escapes and what is
 * built from them make those) is the lone low surrogate {@code U+DC80..U+DCFF} ({@code 0xDC00 | byte}), an
 * <em>escape</em>. Text from outside (templates, data) never holds lone surrogates: {@link #sanitize} turns them
 * into U+FFFD, as Go's JSON decoding does. So a low surrogate not preceded by a high one is always an escape, every
 * byte string has exactly one representation, and equal strings are equal Java Strings.
 */
final class GoStrings {

    private GoStrings() {
    }

    static final char REPLACEMENT = '\uFFFD';

    static boolean isEscape(char c) {
        return c >= 0xDC80 && c <= 0xDCFF;
    }

    /** A Java string with every lone surrogate replaced by U+FFFD (the same instance when it has none). */
    static String sanitize(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0xD800 && c <= 0xDFFF) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i += 2;
                    continue;
                }
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n).append(s, 0, i);
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(i + 1));
                i += 2;
            } else {
                b.append(Character.isSurrogate(c) ? REPLACEMENT : c);
                i++;
            }
        }
        return b.toString();
    }

    /** Whether s holds an escape (a byte outside valid UTF-8). */
    static boolean hasEscape(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Length in bytes (Go's len of a string). */
    static int byteLength(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c)) {
                    bytes += 1; // with its low surrogate (+1 below) a pair is 4 bytes
                } else if (Character.isLowSurrogate(c)) {
                    bytes += (i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) ? 1 : 0;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** The bytes of a Go string. */
    static byte[] toBytes(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        byte[] out = new byte[byteLength(s)];
        int o = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | (c >> 6));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[o++] = (byte) (0xF0 | (cp >> 18));
                out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            } else if (isEscape(c)) {
                out[o++] = (byte) (c & 0xFF);
            } else {
                out[o++] = (byte) (0xE0 | (c >> 12));
                out[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return out;
    }

    /** UTF-8 bytes of a sanitized Java string (templates): as {@link #toBytes}. */
    static byte[] utf8(String s) {
        return toBytes(s);
    }

    /**
     * Length of the valid UTF-8 sequence at b[i] (1 to 4), or 0 when the byte there starts none; Go's
     * utf8.DecodeRune rules (no overlong forms, no surrogates, nothing past U+10FFFF).
     */
    static int validLength(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c < 0x80) {
            return 1;
        }
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0) {
                lo = 0xA0;
            } else if (c == 0xED) {
                hi = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0) {
                lo = 0x90;
            } else if (c == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return 0;
        }
        if (i + need >= end) {
            return 0;
        }
        int c1 = b[i + 1] & 0xFF;
        if (c1 < lo || c1 > hi) {
            return 0;
        }
        for (int k = 2; k <= need; k++) {
            int ck = b[i + k] & 0xFF;
            if (ck < 0x80 || ck > 0xBF) {
                return 0;
            }
        }
        return need + 1;
    }

    /** The Go string of bytes b[off, off+len): valid UTF-8 as characters, any other byte as an escape. */
    static String fromBytes(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && b[i] >= 0) {
            i++;
        }
        if (i == end) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        StringBuilder s = new StringBuilder(len);
        for (int k = off; k < i; k++) {
            s.append((char) b[k]);
        }
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                s.append((char) c);
                i++;
                continue;
            }
            int n = validLength(b, i, end);
            if (n == 0) {
                s.append((char) (0xDC00 | c));
                i++;
                continue;
            }
            int cp;
            if (n == 2) {
                cp = ((c & 0x1F) << 6) | (b[i + 1] & 0x3F);
            } else if (n == 3) {
                cp = ((c & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F);
            } else {
                cp = ((c & 0x07) << 18) | ((b[i + 1] & 0x3F) << 12) | ((b[i + 2] & 0x3F) << 6) | (b[i + 3] & 0x3F);
            }
            s.appendCodePoint(cp);
            i += n;
        }
        return s.toString();
    }

    static String fromBytes(byte[] b) {
        return fromBytes(b, 0, b.length);
    }

    /**
     * Text as the world sees Go's output: escapes that together form valid UTF-8 become their character, the others
     * U+FFFD each (what Go's encoding/json does to the rendered bytes).
     */
    static String toText(String s) {
        if (!hasEscape(s)) {
            return s;
        }
        String merged = fromBytes(toBytes(s));
        StringBuilder b = new StringBuilder(merged.length());
        for (int i = 0, n = merged.length(); i < n; i++) {
            char c = merged.charAt(i);
            if (isEscape(c) && (i == 0 || !Character.isHighSurrogate(merged.charAt(i - 1)))) {
                b.append(REPLACEMENT);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Go's string comparison: bytewise. */
    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x < 0xD800 && y < 0xD800) {
                    return x < y ? -1 : 1;
                }
                return compareBytes(toBytes(a), toBytes(b));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int compareBytes(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int x = a[i] & 0xFF;
            int y = b[i] & 0xFF;
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** Go's utf8.RuneCountInString: code points, an invalid byte counting one. */
    static int runeCount(CharSequence s) {
        int n = s.length();
        int count = n;
        for (int i = 0; i + 1 < n; i++) {
            if (Character.isHighSurrogate(s.charAt(i)) && Character.isLowSurrogate(s.charAt(i + 1))) {
                count--;
                i++;
            }
        }
        return count;
    }

    /** Whether every char is ASCII. */
    static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
