package dev.px0.template.go;

import java.io.ByteArrayOutputStream;

/** Go's strconv for strings: Unquote and UnquoteChar (string and character literals), Quote, QuoteRune, CanBackquote. */
final class Quoting {

    private Quoting() {
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
    static UnquotedChar unquoteChar(byte[] s, int i, int end, char quote) throws Strconv.SyntaxError {
        if (i >= end) {
            throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
        }
        UnquotedChar r = new UnquotedChar();
        int c = s[i] & 0xFF;
        if (c == quote && (quote == '\'' || quote == '"')) {
            throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
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
            throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
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
                    throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
                }
                long v = 0;
                for (int j = 0; j < n; j++) {
                    int x = unhex(s[i + j] & 0xFF);
                    if (x < 0) {
                        throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
                    }
                    v = (v << 4) | x;
                }
                i += n;
                if (c != 'x') {
                    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
                        throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
                    }
                    r.multibyte = true;
                }
                r.value = (int) v;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = c - '0';
                if (end - i < 2) {
                    throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
                }
                for (int j = 0; j < 2; j++) {
                    int x = (s[i + j] & 0xFF) - '0';
                    if (x < 0 || x > 7) {
                        throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
                    }
                    v = (v << 3) | x;
                }
                i += 2;
                if (v > 255) {
                    throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
                }
                r.value = v;
            }
            case '\\' -> r.value = '\\';
            case '\'', '"' -> {
                if (c != quote) {
                    throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
                }
                r.value = c;
            }
            default -> throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
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
    static String unquote(String literal) throws Strconv.SyntaxError {
        byte[] in = GoStrings.utf8(literal);
        int n = in.length;
        if (n < 2) {
            throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
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
            throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
        }
        end += 1; // position after the (first) terminating quote
        if (quote == '`') {
            if (end != n) {
                throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
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
            throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        int i = 1;
        while (i < n && in[i] != quote) {
            if (in[i] == '\n') {
                throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
            }
            UnquotedChar c = unquoteChar(in, i, n, quote);
            i = c.next;
            appendRune(out, c.value, c.multibyte);
            if (quote == '\'') {
                break;
            }
        }
        if (!(i < n && in[i] == quote)) {
            throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
        }
        if (i + 1 != n) {
            throw new Strconv.SyntaxError(Strconv.INVALID_SYNTAX);
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
