package dev.px0.template.go;

/**
 * Go's fmt/format.go: the flags, width and precision of one verb, and the padded layout of integers, floats,
 * strings and runes into a buffer of Go-string characters (see {@link GoStrings}). Widths count runes, as Go does.
 */
final class Formatter {

    final StringBuilder buf;
    private final Budget budget;

    boolean widPresent;
    boolean precPresent;
    boolean minus;
    boolean plus;
    boolean sharp;
    boolean space;
    boolean zero;
    boolean plusV;
    boolean sharpV;
    int wid;
    int prec;

    Formatter(StringBuilder buf, Budget budget) {
        this.buf = buf;
        this.budget = budget;
    }

    void clearFlags() {
        widPresent = precPresent = minus = plus = sharp = space = zero = plusV = sharpV = false;
        wid = prec = 0;
    }

    /** Refuses a buffer past what a render may produce (widths reach ten million). */
    void checkRoom(int more) {
        budget.checkText(buf.length() + (long) Math.max(more, 0));
    }

    void writePadding(int n) {
        if (n <= 0) {
            return;
        }
        checkRoom(n);
        char c = zero ? '0' : ' ';
        for (int i = 0; i < n; i++) {
            buf.append(c);
        }
    }

    /** Appends s padded to the width (Go's pad and padString). */
    void pad(CharSequence s) {
        if (!widPresent || wid == 0) {
            checkRoom(s.length());
            buf.append(s);
            return;
        }
        int width = wid - GoStrings.runeCount(s);
        if (!minus) {
            writePadding(width);
            checkRoom(s.length());
            buf.append(s);
        } else {
            checkRoom(s.length());
            buf.append(s);
            writePadding(width);
        }
    }

    void fmtBoolean(boolean v) {
        pad(v ? "true" : "false");
    }

    private static final String UDIGITS = "0123456789ABCDEF";

    /** %U: U+0078, with # the character too. */
    void fmtUnicode(long u) {
        int precision = 4;
        if (precPresent && prec > 4) {
            precision = prec;
        }
        String hex = Long.toHexString(u).toUpperCase();
        checkRoom(precision);
        StringBuilder out = new StringBuilder(Math.max(precision, hex.length()) + 8).append("U+");
        for (int k = hex.length(); k < precision; k++) {
            out.append('0');
        }
        out.append(hex);
        if (sharp && u >= 0 && u <= 0x10FFFF && GoUnicode.isPrint((int) u)) {
            out.append(" '").appendCodePoint((int) u).append('\'');
        }
        boolean oldZero = zero;
        zero = false;
        pad(out);
        zero = oldZero;
    }

    /** Integers: u is the value's bits, negative (for signed values) when isSigned and u &lt; 0. */
    void fmtInteger(long u, int base, boolean isSigned, int verb, boolean upper) {
        boolean negative = isSigned && u < 0;
        if (negative) {
            u = -u;
        }
        int precision = 0;
        if (precPresent) {
            precision = prec;
            if (precision == 0 && u == 0) {
                boolean oldZero = zero;
                zero = false;
                writePadding(wid);
                zero = oldZero;
                return;
            }
        } else if (zero && widPresent) {
            precision = wid;
            if (negative || plus || space) {
                precision--;
            }
        }
        String digits = Long.toUnsignedString(u, base);
        if (upper) {
            digits = digits.toUpperCase();
        }
        checkRoom(precision);
        StringBuilder out = new StringBuilder(Math.max(precision, digits.length()) + 4);
        for (int k = digits.length(); k < precision; k++) {
            out.append('0');
        }
        out.append(digits);
        if (sharp) {
            switch (base) {
                case 2 -> out.insert(0, "0b");
                case 8 -> {
                    if (out.charAt(0) != '0') {
                        out.insert(0, '0');
                    }
                }
                case 16 -> out.insert(0, upper ? "0X" : "0x");
                default -> {
                }
            }
        }
        if (verb == 'O') {
            out.insert(0, "0o");
        }
        if (negative) {
            out.insert(0, '-');
        } else if (plus) {
            out.insert(0, '+');
        } else if (space) {
            out.insert(0, ' ');
        }
        boolean oldZero = zero;
        zero = false;
        pad(out);
        zero = oldZero;
    }

    /** Truncates a Go string to the precision, in runes. */
    String truncate(String s) {
        if (precPresent) {
            int n = prec;
            for (int i = 0; i < s.length(); ) {
                n--;
                if (n < 0) {
                    return s.substring(0, i);
                }
                i += Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 1;
            }
        }
        return s;
    }

    void fmtS(String s) {
        pad(truncate(s));
    }

    /** %x / %X of a string's bytes. */
    void fmtSx(String s, boolean upper) {
        byte[] b = GoStrings.toBytes(s);
        String digits = upper ? UDIGITS : "0123456789abcdef";
        int length = b.length;
        if (precPresent && prec < length) {
            length = prec;
        }
        int width = 2 * length;
        if (width > 0) {
            if (space) {
                if (sharp) {
                    width *= 2;
                }
                width += length - 1;
            } else if (sharp) {
                width += 2;
            }
        } else {
            if (widPresent) {
                writePadding(wid);
            }
            return;
        }
        if (widPresent && wid > width && !minus) {
            writePadding(wid - width);
        }
        checkRoom(width);
        if (sharp) {
            buf.append('0').append(upper ? 'X' : 'x');
        }
        for (int i = 0; i < length; i++) {
            if (space && i > 0) {
                buf.append(' ');
                if (sharp) {
                    buf.append('0').append(upper ? 'X' : 'x');
                }
            }
            int c = b[i] & 0xFF;
            buf.append(digits.charAt(c >> 4)).append(digits.charAt(c & 0xF));
        }
        if (widPresent && wid > width && minus) {
            writePadding(wid - width);
        }
    }

    void fmtQ(String s) {
        s = truncate(s);
        if (sharp && Quoting.canBackquote(s)) {
            pad("`" + s + "`");
            return;
        }
        StringBuilder q = new StringBuilder(s.length() + 2);
        Quoting.quote(q, s, '"', plus);
        pad(q);
    }

    /** %c: the rune (past U+10FFFF, or a surrogate, U+FFFD). */
    void fmtC(long c) {
        int r = (c < 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) ? 0xFFFD : (int) c;
        pad(new String(Character.toChars(r)));
    }

    /** %q of an integer: the quoted rune. */
    void fmtQc(long c) {
        long r = (c < 0 || c > 0x10FFFF) ? 0xFFFD : c;
        StringBuilder q = new StringBuilder(8);
        Quoting.quoteRune(q, r, plus);
        pad(q);
    }

    /** Floats: verb is one of b e E f g G x X; prec -1 for the shortest. */
    void fmtFloat(double v, int verb, int precision) {
        if (precPresent) {
            precision = prec;
        }
        budget.steps(8); // digits by exact arithmetic: a few microseconds
        if (precision > 0) {
            checkRoom(precision);
        }
        StringBuilder num = new StringBuilder(24).append('+');
        FloatFormat.append(num, v, (char) verb, precision);
        if (num.charAt(1) == '-' || num.charAt(1) == '+') {
            num.deleteCharAt(0);
        } else {
            num.setCharAt(0, '+');
        }
        if (space && num.charAt(0) == '+' && !plus) {
            num.setCharAt(0, ' ');
        }
        if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
            boolean oldZero = zero;
            zero = false;
            if (num.charAt(1) == 'N' && !space && !plus) {
                num.deleteCharAt(0);
            }
            pad(num);
            zero = oldZero;
            return;
        }
        if (sharp && verb != 'b') {
            int digits = 0;
            if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') {
                digits = precision;
                if (digits == -1) {
                    digits = 6;
                }
            }
            String tail = "";
            boolean hasDecimalPoint = false;
            boolean sawNonzeroDigit = false;
            for (int i = 1; i < num.length(); i++) {
                char ch = num.charAt(i);
                if (ch == '.') {
                    hasDecimalPoint = true;
                } else if (ch == 'p' || ch == 'P' || ((ch == 'e' || ch == 'E') && verb != 'x' && verb != 'X')) {
                    tail = num.substring(i);
                    num.setLength(i);
                    break;
                } else {
                    if (ch != '0') {
                        sawNonzeroDigit = true;
                    }
                    if (sawNonzeroDigit) {
                        digits--;
                    }
                }
            }
            if (!hasDecimalPoint) {
                if (num.length() == 2 && num.charAt(1) == '0') {
                    digits--;
                }
                num.append('.');
            }
            checkRoom(digits);
            for (; digits > 0; digits--) {
                num.append('0');
            }
            num.append(tail);
        }
        if (plus || num.charAt(0) != '+') {
            if (zero && widPresent && wid > num.length()) {
                checkRoom(wid);
                buf.append(num.charAt(0));
                writePadding(wid - num.length());
                buf.append(num, 1, num.length());
                return;
            }
            pad(num);
            return;
        }
        pad(num.subSequence(1, num.length()));
    }
}
