package dev.px0.template.go;

/**
 * Go's doPrintf: reads a printf format (flags, width, precision, {@code *} and {@code [n]} argument indexes) and
 * prints each argument through {@link Fmt}, with Go's %!(EXTRA ...), %!v(MISSING), %!(BADINDEX), %!(BADWIDTH),
 * %!(BADPREC) and %!(NOVERB) where the format and the arguments do not fit.
 */
final class Printf {

    private final Fmt p;
    private final StringBuilder buf;
    private final Formatter f;
    private boolean reordered;
    private boolean goodArgNum;

    Printf(Fmt p) {
        this.p = p;
        this.buf = p.buf;
        this.f = p.f;
    }

    private static boolean tooLarge(long x) {
        return x > 1_000_000 || x < -1_000_000;
    }

    /** parsenum: returns {num, isnum (0/1), newi}. */
    private static int[] parsenum(String s, int start, int end) {
        if (start >= end) {
            return new int[] {0, 0, end};
        }
        int num = 0;
        boolean isnum = false;
        int i = start;
        for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            if (tooLarge(num)) {
                return new int[] {0, 0, end};
            }
            num = num * 10 + (s.charAt(i) - '0');
            isnum = true;
        }
        return new int[] {num, isnum ? 1 : 0, i};
    }

    /** intFromArg: returns {num, isInt, newArgNum}. */
    private static long[] intFromArg(Object[] a, int argNum) {
        long num = 0;
        boolean isInt = false;
        int newArgNum = argNum;
        if (argNum < a.length) {
            Object v = a[argNum];
            if (v instanceof Long) {
                num = (Long) v;
                isInt = true;
            } else if (v instanceof Values.Uint8) {
                num = ((Values.Uint8) v).value;
                isInt = true;
            }
            newArgNum = argNum + 1;
            if (tooLarge(num)) {
                num = 0;
                isInt = false;
            }
        }
        return new long[] {num, isInt ? 1 : 0, newArgNum};
    }

    /** parseArgNumber on format[i..]: returns {index, wid, ok}. */
    private static int[] parseArgNumber(String format, int from) {
        int len = format.length() - from;
        if (len < 3) {
            return new int[] {0, 1, 0};
        }
        for (int i = 1; i < len; i++) {
            if (format.charAt(from + i) == ']') {
                int[] n = parsenum(format, from + 1, from + i);
                if (n[1] == 0 || n[2] != from + i) {
                    return new int[] {0, i + 1, 0};
                }
                return new int[] {n[0] - 1, i + 1, 1};
            }
        }
        return new int[] {0, 1, 0};
    }

    /** argNumber: returns {newArgNum, newi, found}. */
    private int[] argNumber(int argNum, String format, int i, int numArgs) {
        if (format.length() <= i || format.charAt(i) != '[') {
            return new int[] {argNum, i, 0};
        }
        reordered = true;
        int[] p = parseArgNumber(format, i);
        if (p[2] == 1 && 0 <= p[0] && p[0] < numArgs) {
            return new int[] {p[0], i + p[1], 1};
        }
        goodArgNum = false;
        return new int[] {argNum, i + p[1], p[2]};
    }

    void doPrintf(String format, Object[] a) {
        int end = format.length();
        int argNum = 0;
        boolean afterIndex = false;
        reordered = false;
        formatLoop:
        for (int i = 0; i < end; ) {
            goodArgNum = true;
            int lasti = i;
            while (i < end && format.charAt(i) != '%') {
                i++;
            }
            if (i > lasti) {
                f.checkRoom(i - lasti);
                buf.append(format, lasti, i);
            }
            if (i >= end) {
                break;
            }
            i++;
            f.clearFlags();
            simpleFormat:
            for (; i < end; i++) {
                char c = format.charAt(i);
                switch (c) {
                    case '#' -> f.sharp = true;
                    case '0' -> f.zero = !f.minus;
                    case '+' -> f.plus = true;
                    case '-' -> {
                        f.minus = true;
                        f.zero = false;
                    }
                    case ' ' -> f.space = true;
                    default -> {
                        if ('a' <= c && c <= 'z' && argNum < a.length) {
                            if (c == 'v') {
                                f.sharpV = f.sharp;
                                f.sharp = false;
                                f.plusV = f.plus;
                                f.plus = false;
                            }
                            p.printArg(a[argNum], c);
                            argNum++;
                            i++;
                            continue formatLoop;
                        }
                        break simpleFormat;
                    }
                }
            }
            int[] an = argNumber(argNum, format, i, a.length);
            argNum = an[0];
            i = an[1];
            afterIndex = an[2] == 1;
            if (i < end && format.charAt(i) == '*') {
                i++;
                long[] w = intFromArg(a, argNum);
                f.wid = (int) w[0];
                f.widPresent = w[1] == 1;
                argNum = (int) w[2];
                if (!f.widPresent) {
                    buf.append("%!(BADWIDTH)");
                }
                if (f.wid < 0) {
                    f.wid = -f.wid;
                    f.minus = true;
                    f.zero = false;
                }
                afterIndex = false;
            } else {
                int[] n = parsenum(format, i, end);
                f.wid = n[0];
                f.widPresent = n[1] == 1;
                i = n[2];
                if (afterIndex && f.widPresent) {
                    goodArgNum = false;
                }
            }
            if (i + 1 < end && format.charAt(i) == '.') {
                i++;
                if (afterIndex) {
                    goodArgNum = false;
                }
                an = argNumber(argNum, format, i, a.length);
                argNum = an[0];
                i = an[1];
                afterIndex = an[2] == 1;
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    long[] pr = intFromArg(a, argNum);
                    f.prec = (int) pr[0];
                    f.precPresent = pr[1] == 1;
                    argNum = (int) pr[2];
                    if (f.prec < 0) {
                        f.prec = 0;
                        f.precPresent = false;
                    }
                    if (!f.precPresent) {
                        buf.append("%!(BADPREC)");
                    }
                    afterIndex = false;
                } else {
                    int[] n = parsenum(format, i, end);
                    f.prec = n[0];
                    f.precPresent = n[1] == 1;
                    i = n[2];
                    if (!f.precPresent) {
                        f.prec = 0;
                        f.precPresent = true;
                    }
                }
            }
            if (!afterIndex) {
                an = argNumber(argNum, format, i, a.length);
                argNum = an[0];
                i = an[1];
                afterIndex = an[2] == 1;
            }
            if (i >= end) {
                buf.append("%!(NOVERB)");
                break;
            }
            int verb = format.charAt(i);
            int size = 1;
            if (Character.isHighSurrogate((char) verb) && i + 1 < end && Character.isLowSurrogate(format.charAt(i + 1))) {
                verb = format.codePointAt(i);
                size = 2;
            } else if (GoStrings.isEscape((char) verb)) {
                verb = 0xFFFD;
            }
            i += size;
            if (verb == '%') {
                buf.append('%');
            } else if (!goodArgNum) {
                buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
            } else if (argNum >= a.length) {
                buf.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                if (verb == 'v') {
                    f.sharpV = f.sharp;
                    f.sharp = false;
                    f.plusV = f.plus;
                    f.plus = false;
                }
                p.printArg(a[argNum], verb);
                argNum++;
            }
            f.checkRoom(0);
        }
        if (!reordered && argNum < a.length) {
            f.clearFlags();
            buf.append("%!(EXTRA ");
            for (int k = argNum; k < a.length; k++) {
                if (k > argNum) {
                    buf.append(", ");
                }
                Object x = a[k];
                if (x == null || x == Values.NIL) {
                    buf.append("<nil>");
                } else {
                    buf.append(Values.typeName(x)).append('=');
                    p.printArg(x, 'v');
                }
            }
            buf.append(')');
        }
    }
}
