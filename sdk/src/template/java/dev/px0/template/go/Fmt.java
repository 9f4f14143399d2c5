package dev.px0.template.go;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's fmt/print.go for template values: Sprint, Sprintln, Sprintf (verbs, flags, width, precision, argument
 * indexes and the %!verb(type=value), %!(EXTRA ...), %!v(MISSING), %!(BADWIDTH)... forms), and %v of maps and lists
 * ({@code map[a:1 b:x]}, keys in byte order; {@code [1 2 3]}; {@code <nil>} inside). Arguments are Go {@code any}
 * values: null is a nil interface. One instance formats one call.
 *
 * <p>%p of a map or list prints a memory address in Go; px0 prints {@code 0xc000000000}, an address of the same
 * shape, always.
 */
final class Fmt {

    /** What %p prints for a map or list. */
    static final long FAKE_ADDRESS = 0xc000000000L;

    private final StringBuilder buf;
    private final Formatter f;
    private final Budget budget;
    private Object arg;
    private boolean argSet;
    private Object value;
    private boolean reordered;
    private boolean goodArgNum;

    Fmt(Budget budget) {
        this.buf = new StringBuilder();
        this.budget = budget;
        this.f = new Formatter(buf, budget);
    }

    /** The text built, as a Go string (escapes that now form valid UTF-8 merged). */
    String result() {
        budget.text(buf.length());
        String s = buf.toString();
        return GoStrings.hasEscape(s) ? GoStrings.fromBytes(GoStrings.toBytes(s)) : s;
    }

    // --- entry points

    static String sprint(Budget budget, Object[] args) {
        Fmt p = new Fmt(budget);
        p.doPrint(args);
        return p.result();
    }

    static String sprintln(Budget budget, Object[] args) {
        Fmt p = new Fmt(budget);
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                p.buf.append(' ');
            }
            p.printArg(args[i], 'v');
        }
        p.buf.append('\n');
        return p.result();
    }

    static String sprintf(Budget budget, String format, Object[] args) {
        Fmt p = new Fmt(budget);
        p.doPrintf(format, args);
        return p.result();
    }

    /** Go's %v of one value into out (what an action prints). */
    static void printTo(StringBuilder out, Budget budget, Object v) {
        Fmt p = new Fmt(budget);
        p.printArg(v, 'v');
        out.append(p.result());
    }

    /** %#U (lexer messages): U+0041 'A'. */
    static String unicode(int r) {
        Fmt p = new Fmt(new Budget());
        p.f.sharp = true;
        p.f.fmtUnicode(r);
        return p.buf.toString();
    }

    private void doPrint(Object[] a) {
        boolean prevString = false;
        for (int i = 0; i < a.length; i++) {
            boolean isString = a[i] instanceof String;
            if (i > 0 && !isString && !prevString) {
                buf.append(' ');
            }
            printArg(a[i], 'v');
            prevString = isString;
        }
    }

    // --- one value

    private void badVerb(int verb) {
        buf.append("%!").appendCodePoint(verb).append('(');
        if (argSet && arg != null) {
            buf.append(Values.typeName(arg)).append('=');
            printArg(arg, 'v');
        } else if (!argSet && value != null) {
            buf.append(Values.typeName(value)).append('=');
            printValue(value, 'v', 0);
        } else {
            buf.append("<nil>");
        }
        buf.append(')');
    }

    void printArg(Object a, int verb) {
        arg = a;
        argSet = true;
        value = null;
        if (a == null || a == Values.NIL) {
            if (verb == 'T' || verb == 'v') {
                f.pad("<nil>");
            } else {
                arg = null;
                badVerb(verb);
            }
            return;
        }
        if (verb == 'T') {
            f.fmtS(Values.typeName(a));
            return;
        }
        if (verb == 'p') {
            if (a instanceof Map || a instanceof List || a instanceof Values.GoSlice) {
                // Go prints the address of the map or list's data: px0 prints a fixed one of the same shape
                boolean sharp = f.sharp;
                f.sharp = !sharp;
                f.fmtInteger(FAKE_ADDRESS, 16, false, 'v', false);
                f.sharp = sharp;
            } else {
                badVerb('p');
            }
            return;
        }
        if (a instanceof Map || a instanceof List || a instanceof Values.GoSlice) {
            if (verb == 'w') {
                badVerb('w');
                return;
            }
            printValue(a, verb, 0);
            return;
        }
        printScalar(a, verb);
    }

    private void printScalar(Object a, int verb) {
        if (a instanceof String) {
            fmtString((String) a, verb);
        } else if (a instanceof Double) {
            fmtFloat((Double) a, verb);
        } else if (a instanceof Boolean) {
            if (verb == 't' || verb == 'v') {
                f.fmtBoolean((Boolean) a);
            } else {
                badVerb(verb);
            }
        } else if (a instanceof Long) {
            fmtInteger((Long) a, true, verb);
        } else if (a instanceof Values.Uint8) {
            fmtInteger(((Values.Uint8) a).value, false, verb);
        } else if (a instanceof Complex) {
            fmtComplex((Complex) a, verb);
        } else {
            throw new IllegalStateException("not a template value: " + a.getClass().getName());
        }
    }

    private void fmtInteger(long v, boolean isSigned, int verb) {
        switch (verb) {
            case 'v' -> {
                if (f.sharpV && !isSigned) {
                    boolean sharp = f.sharp;
                    f.sharp = true;
                    f.fmtInteger(v, 16, false, 'v', false);
                    f.sharp = sharp;
                } else {
                    f.fmtInteger(v, 10, isSigned, verb, false);
                }
            }
            case 'd' -> f.fmtInteger(v, 10, isSigned, verb, false);
            case 'b' -> f.fmtInteger(v, 2, isSigned, verb, false);
            case 'o', 'O' -> f.fmtInteger(v, 8, isSigned, verb, false);
            case 'x' -> f.fmtInteger(v, 16, isSigned, verb, false);
            case 'X' -> f.fmtInteger(v, 16, isSigned, verb, true);
            case 'c' -> f.fmtC(v);
            case 'q' -> f.fmtQc(v);
            case 'U' -> f.fmtUnicode(v);
            default -> badVerb(verb);
        }
    }

    private void fmtFloat(double v, int verb) {
        switch (verb) {
            case 'v' -> f.fmtFloat(v, 'g', -1);
            case 'b', 'g', 'G', 'x', 'X' -> f.fmtFloat(v, verb, -1);
            case 'f', 'e', 'E' -> f.fmtFloat(v, verb, 6);
            case 'F' -> f.fmtFloat(v, 'f', 6);
            default -> badVerb(verb);
        }
    }

    private void fmtComplex(Complex v, int verb) {
        switch (verb) {
            case 'v', 'b', 'g', 'G', 'x', 'X', 'f', 'F', 'e', 'E' -> {
                boolean oldPlus = f.plus;
                buf.append('(');
                fmtFloat(v.re, verb);
                f.plus = true;
                fmtFloat(v.im, verb);
                buf.append("i)");
                f.plus = oldPlus;
            }
            default -> badVerb(verb);
        }
    }

    private void fmtString(String v, int verb) {
        switch (verb) {
            case 'v' -> {
                if (f.sharpV) {
                    f.fmtQ(v);
                } else {
                    f.fmtS(v);
                }
            }
            case 's' -> f.fmtS(v);
            case 'x' -> f.fmtSx(v, false);
            case 'X' -> f.fmtSx(v, true);
            case 'q' -> f.fmtQ(v);
            default -> badVerb(verb);
        }
    }

    /** printValue: v is a concrete value, or NIL for an interface holding nil (an element). */
    private void printValue(Object v, int verb, int depth) {
        arg = null;
        argSet = false;
        value = v;
        if (v == Values.NIL || v == null) {
            if (f.sharpV) {
                buf.append("interface {}(nil)");
            } else {
                buf.append("<nil>");
            }
            return;
        }
        budget.step();
        if (v instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) v;
            if (f.sharpV) {
                buf.append("map[string]interface {}{");
            } else {
                buf.append("map[");
            }
            List<String> keys = sortedKeys(m, budget);
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    buf.append(f.sharpV ? ", " : " ");
                }
                printValue(keys.get(i), verb, depth + 1);
                buf.append(':');
                printValue(Values.iface(m.get(keys.get(i))), verb, depth + 1);
                f.checkRoom(0);
            }
            buf.append(f.sharpV ? '}' : ']');
            return;
        }
        if (v instanceof List || v instanceof Values.GoSlice) {
            int n = Values.listLen(v);
            if (f.sharpV) {
                buf.append("[]interface {}{");
            } else {
                buf.append('[');
            }
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    buf.append(f.sharpV ? ", " : " ");
                }
                printValue(Values.listGet(v, i), verb, depth + 1);
                f.checkRoom(0);
            }
            buf.append(f.sharpV ? '}' : ']');
            return;
        }
        printScalar(v, verb);
    }

    /** A map's keys in Go's order (bytewise), charging the sort. */
    static List<String> sortedKeys(Map<String, ?> m, Budget budget) {
        budget.steps(m.size());
        List<String> keys = new ArrayList<>(m.keySet());
        if (keys.size() > 1) {
            keys.sort(GoStrings::compare);
        }
        return keys;
    }

    // --- Printf

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

    private void doPrintf(String format, Object[] a) {
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
                            printArg(a[argNum], c);
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
                printArg(a[argNum], verb);
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
                    printArg(x, 'v');
                }
            }
            buf.append(')');
        }
    }
}
