package dev.px0.template.go;

/** Go's strconv number parsing, as the template language reads number literals (ParseInt, ParseUint, ParseFloat). */
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
}
