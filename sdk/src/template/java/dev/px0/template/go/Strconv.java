package dev.px0.template.go;

import java.io.ByteArrayOutputStream;

/** Go's strconv as the template language uses it: number literals, string literals and quoting. */
final class Strconv {

    private Strconv() {
    }

    /** A strconv failure, with Go's message (e.g. {@code invalid syntax}). */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    static final String INVALID_SYNTAX = "invalid syntax";

    /** Outcome of an integer or float parse: value, and err 0 (none), 1 (syntax) or 2 (range). */
    static final class Parsed {
        long bits; // the integer, or the double's bits
        int err;

        double asDouble() {
            return Double.longBitsToDouble(bits);
        }
    }

    private static char lower(char c) {
        return (char) (c | ('x' - 'X'));
    }

    /** strconv.ParseUint(s, 0, 64). */
    static Parsed parseUint(String s) {
        Parsed p = new Parsed();
        if (s.isEmpty()) {
            p.err = 1;
            return p;
        }
        int base = 10;
        int i = 0;
        if (s.charAt(0) == '0') {
            if (s.length() >= 3 && lower(s.charAt(1)) == 'b') {
                base = 2;
                i = 2;
            } else if (s.length() >= 3 && lower(s.charAt(1)) == 'o') {
                base = 8;
                i = 2;
            } else if (s.length() >= 3 && lower(s.charAt(1)) == 'x') {
                base = 16;
                i = 2;
            } else {
                base = 8;
                i = 1;
            }
        }
        long cutoff = Long.divideUnsigned(-1L, base) + 1;
        boolean underscores = false;
        long n = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            int d;
            if (c == '_') {
                underscores = true;
                continue;
            } else if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (lower(c) >= 'a' && lower(c) <= 'z') {
                d = lower(c) - 'a' + 10;
            } else {
                p.err = 1;
                return p;
            }
            if (d >= base) {
                p.err = 1;
                return p;
            }
            if (Long.compareUnsigned(n, cutoff) >= 0) {
                p.bits = -1L;
                p.err = 2;
                return p;
            }
            n *= base;
            long n1 = n + d;
            if (Long.compareUnsigned(n1, n) < 0) {
                p.bits = -1L;
                p.err = 2;
                return p;
            }
            n = n1;
        }
        if (underscores && !underscoreOK(s)) {
            p.err = 1;
            return p;
        }
        p.bits = n;
        return p;
    }

    /** strconv.ParseInt(s, 0, 64). */
    static Parsed parseInt(String s) {
        Parsed p = new Parsed();
        if (s.isEmpty()) {
            p.err = 1;
            return p;
        }
        boolean neg = false;
        String t = s;
        if (s.charAt(0) == '+') {
            t = s.substring(1);
        } else if (s.charAt(0) == '-') {
            neg = true;
            t = s.substring(1);
        }
        Parsed u = parseUint(t);
        if (u.err == 1) {
            p.err = 1;
            return p;
        }
        long un = u.bits;
        if (u.err == 2) {
            un = -1L;
        }
        if (!neg && Long.compareUnsigned(un, Long.MIN_VALUE) >= 0) {
            p.bits = Long.MAX_VALUE;
            p.err = 2;
            return p;
        }
        if (neg && Long.compareUnsigned(un, Long.MIN_VALUE) > 0) {
            p.bits = Long.MIN_VALUE;
            p.err = 2;
            return p;
        }
        p.bits = neg ? -un : un;
        return p;
    }

    /** Go's underscoreOK: underscores only between digits, or between a base prefix and a digit. */
    static boolean underscoreOK(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0'
                && (lower(s.charAt(1)) == 'b' || lower(s.charAt(1)) == 'o' || lower(s.charAt(1)) == 'x')) {
            i = 2;
            saw = '0';
            hex = lower(s.charAt(1)) == 'x';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }

    /**
     * strconv.ParseFloat(s, 64) for the decimal and hexadecimal forms (the template lexer never hands it "inf" or
     * "nan"). Rounds as Go does (to nearest, ties to even): the digits go to Double.parseDouble, which rounds
     * correctly too. Overflow is a range error.
     */
    static Parsed parseFloat(String s) {
        Parsed p = new Parsed();
        int n = s.length();
        int i = 0;
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        boolean hex = false;
        if (i + 2 < n && s.charAt(i) == '0' && lower(s.charAt(i + 1)) == 'x') {
            hex = true;
            i += 2;
        }
        StringBuilder mant = new StringBuilder();
        boolean sawDot = false;
        boolean sawDigits = false;
        boolean underscores = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                underscores = true;
            } else if (c == '.') {
                if (sawDot) {
                    break;
                }
                sawDot = true;
                mant.append('.');
            } else if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
                sawDigits = true;
                mant.append(c);
            } else {
                break;
            }
        }
        if (!sawDigits) {
            p.err = 1;
            return p;
        }
        long exp = 0;
        boolean sawExp = false;
        if (i < n && lower(s.charAt(i)) == (hex ? 'p' : 'e')) {
            i++;
            if (i >= n) {
                p.err = 1;
                return p;
            }
            int esign = 1;
            if (s.charAt(i) == '+') {
                i++;
            } else if (s.charAt(i) == '-') {
                i++;
                esign = -1;
            }
            if (i >= n || s.charAt(i) < '0' || s.charAt(i) > '9') {
                p.err = 1;
                return p;
            }
            int e = 0;
            for (; i < n && ((s.charAt(i) >= '0' && s.charAt(i) <= '9') || s.charAt(i) == '_'); i++) {
                if (s.charAt(i) == '_') {
                    underscores = true;
                    continue;
                }
                if (e < 10000) {
                    e = e * 10 + s.charAt(i) - '0';
                }
            }
            exp = (long) esign * e;
            sawExp = true;
        } else if (hex) {
            p.err = 1;
            return p;
        }
        if (underscores && !underscoreOK(s.substring(0, i))) {
            p.err = 1;
            return p;
        }
        if (i != n) {
            p.err = 1;
            return p;
        }
        String text = (neg ? "-" : "") + (hex ? "0x" : "") + mant + (hex ? "p" : "e") + (sawExp ? exp : 0);
        double d = Double.parseDouble(text);
        p.bits = Double.doubleToRawLongBits(d);
        if (Double.isInfinite(d)) {
            p.err = 2;
        }
        return p;
    }

    private static int unhex(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** Result of {@link #unquoteChar}: the value, whether it is a multibyte rune, and where the rest starts. */
    static final class UnquotedChar {
        int value;
        boolean multibyte;
        int next;
    }

    /** strconv.UnquoteChar on the UTF-8 bytes s from i. */
    static UnquotedChar unquoteChar(byte[] s, int i, int end, char quote) throws SyntaxError {
        if (i >= end) {
            throw new SyntaxError(INVALID_SYNTAX);
        }
        UnquotedChar r = new UnquotedChar();
        int c = s[i] & 0xFF;
        if (c == quote && (quote == '\'' || quote == '"')) {
            throw new SyntaxError(INVALID_SYNTAX);
        }
        if (c >= 0x80) {
            int len = GoStrings.validLength(s, i, end);
            if (len == 0) {
                r.value = 0xFFFD;
                r.next = i + 1;
            } else {
                r.value = GoStrings.fromBytes(s, i, len).codePointAt(0);
                r.next = i + len;
            }
            r.multibyte = true;
            return r;
        }
        if (c != '\\') {
            r.value = c;
            r.next = i + 1;
            return r;
        }
        if (end - i <= 1) {
            throw new SyntaxError(INVALID_SYNTAX);
        }
        c = s[i + 1] & 0xFF;
        i += 2;
        switch (c) {
            case 'a' -> r.value = 7;
            case 'b' -> r.value = 8;
            case 'f' -> r.value = 12;
            case 'n' -> r.value = 10;
            case 'r' -> r.value = 13;
            case 't' -> r.value = 9;
            case 'v' -> r.value = 11;
            case 'x', 'u', 'U' -> {
                int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                if (end - i < n) {
                    throw new SyntaxError(INVALID_SYNTAX);
                }
                long v = 0;
                for (int j = 0; j < n; j++) {
                    int x = unhex(s[i + j] & 0xFF);
                    if (x < 0) {
                        throw new SyntaxError(INVALID_SYNTAX);
                    }
                    v = (v << 4) | x;
                }
                i += n;
                if (c != 'x') {
                    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
                        throw new SyntaxError(INVALID_SYNTAX);
                    }
                    r.multibyte = true;
                }
                r.value = (int) v;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = c - '0';
                if (end - i < 2) {
                    throw new SyntaxError(INVALID_SYNTAX);
                }
                for (int j = 0; j < 2; j++) {
                    int x = (s[i + j] & 0xFF) - '0';
                    if (x < 0 || x > 7) {
                        throw new SyntaxError(INVALID_SYNTAX);
                    }
                    v = (v << 3) | x;
                }
                i += 2;
                if (v > 255) {
                    throw new SyntaxError(INVALID_SYNTAX);
                }
                r.value = v;
            }
            case '\\' -> r.value = '\\';
            case '\'', '"' -> {
                if (c != quote) {
                    throw new SyntaxError(INVALID_SYNTAX);
                }
                r.value = c;
            }
            default -> throw new SyntaxError(INVALID_SYNTAX);
        }
        r.next = i;
        return r;
    }

    private static void appendRune(ByteArrayOutputStream out, int value, boolean multibyte) {
        if (value < 0x80 || !multibyte) {
            out.write(value);
            return;
        }
        byte[] b = GoStrings.toBytes(new String(Character.toChars(value)));
        out.write(b, 0, b.length);
    }

    /** strconv.Unquote of a string literal token (text valid UTF-8), as a Go string. */
    static String unquote(String literal) throws SyntaxError {
        byte[] in = GoStrings.utf8(literal);
        int n = in.length;
        if (n < 2) {
            throw new SyntaxError(INVALID_SYNTAX);
        }
        char quote = (char) in[0];
        int end = -1;
        for (int k = 1; k < n; k++) {
            if (in[k] == quote) {
                end = k;
                break;
            }
        }
        if (end < 0) {
            throw new SyntaxError(INVALID_SYNTAX);
        }
        end += 1; // position after the (first) terminating quote
        if (quote == '`') {
            if (end != n) {
                throw new SyntaxError(INVALID_SYNTAX);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(n);
            for (int k = 1; k < n - 1; k++) {
                if (in[k] != '\r') {
                    out.write(in[k]);
                }
            }
            return GoStrings.fromBytes(out.toByteArray());
        }
        if (quote != '"' && quote != '\'') {
            throw new SyntaxError(INVALID_SYNTAX);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        int i = 1;
        while (i < n && in[i] != quote) {
            if (in[i] == '\n') {
                throw new SyntaxError(INVALID_SYNTAX);
            }
            UnquotedChar c = unquoteChar(in, i, n, quote);
            i = c.next;
            appendRune(out, c.value, c.multibyte);
            if (quote == '\'') {
                break;
            }
        }
        if (!(i < n && in[i] == quote)) {
            throw new SyntaxError(INVALID_SYNTAX);
        }
        if (i + 1 != n) {
            throw new SyntaxError(INVALID_SYNTAX);
        }
        return GoStrings.fromBytes(out.toByteArray());
    }

    private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();

    /** strconv.Quote / QuoteToASCII of a Go string. */
    static void quote(StringBuilder out, String s, char quote, boolean asciiOnly) {
        out.append(quote);
        for (int i = 0, n = s.length(); i < n; ) {
            char c = s.charAt(i);
            if (GoStrings.isEscape(c)) {
                int b = c & 0xFF;
                out.append("\\x").append(LOWER_HEX[b >> 4]).append(LOWER_HEX[b & 0xF]);
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            escapedRune(out, cp, quote, asciiOnly);
        }
        out.append(quote);
    }

    /** strconv.QuoteRune / QuoteRuneToASCII. */
    static void quoteRune(StringBuilder out, long r, boolean asciiOnly) {
        int cp = (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) ? 0xFFFD : (int) r;
        out.append('\'');
        escapedRune(out, cp, '\'', asciiOnly);
        out.append('\'');
    }

    private static void escapedRune(StringBuilder out, int r, char quote, boolean asciiOnly) {
        if (r == quote || r == '\\') {
            out.append('\\').append((char) r);
            return;
        }
        if (asciiOnly) {
            if (r < 0x80 && GoUnicode.isPrint(r)) {
                out.append((char) r);
                return;
            }
        } else if (GoUnicode.isPrint(r)) {
            out.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 7 -> out.append("\\a");
            case 8 -> out.append("\\b");
            case 12 -> out.append("\\f");
            case 10 -> out.append("\\n");
            case 13 -> out.append("\\r");
            case 9 -> out.append("\\t");
            case 11 -> out.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7F) {
                    out.append("\\x").append(LOWER_HEX[(r >> 4) & 0xF]).append(LOWER_HEX[r & 0xF]);
                } else if (r < 0x10000) {
                    out.append("\\u");
                    for (int sh = 12; sh >= 0; sh -= 4) {
                        out.append(LOWER_HEX[(r >> sh) & 0xF]);
                    }
                } else {
                    out.append("\\U");
                    for (int sh = 28; sh >= 0; sh -= 4) {
                        out.append(LOWER_HEX[(r >> sh) & 0xF]);
                    }
                }
            }
        }
    }

    /** strconv.Quote as a new string. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        quote(b, s, '"', false);
        return b.toString();
    }

    /** strconv.CanBackquote. */
    static boolean canBackquote(String s) {
        for (int i = 0, n = s.length(); i < n; ) {
            char c = s.charAt(i);
            if (GoStrings.isEscape(c)) {
                return false;
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x80) {
                if (cp == 0xFEFF) {
                    return false;
                }
                continue;
            }
            if ((cp < ' ' && cp != '\t') || cp == '`' || cp == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
