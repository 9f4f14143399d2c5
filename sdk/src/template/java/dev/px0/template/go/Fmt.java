package dev.px0.template.go;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's fmt/print.go for template values: Sprint, Sprintln, Sprintf ({@link Printf} reads the format), the verbs and
 * the %!verb(type=value) form of a verb that does not suit its value, and %v of maps and lists
 * ({@code map[a:1 b:x]}, keys in byte order; {@code [1 2 3]}; {@code <nil>} inside). Arguments are Go {@code any}
 * values: null is a nil interface. One instance formats one call.
 *
 * <p>%p of a map or list prints a memory address in Go; px0 prints {@code 0xc000000000}, an address of the same
 * shape, always.
 */
final class Fmt {

    /** What %p prints for a map or list. */
    static final long FAKE_ADDRESS = 0xc000000000L;

    final StringBuilder buf;
    final Formatter f;
    private final Budget budget;
    private Object arg;
    private boolean argSet;
    private Object value;

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
        new Printf(p).doPrintf(format, args);
        return p.result();
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
        if (depth > GoTemplate.MAX_DATA_DEPTH) {
            throw new InvalidDataException("variables nested deeper than the limit of " + GoTemplate.MAX_DATA_DEPTH
                                           + " levels");
        }
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            if (f.sharpV) {
                buf.append("map[string]interface {}{");
            } else {
                buf.append("map[");
            }
            List<?> keys = sortedKeys(m, budget);
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    buf.append(f.sharpV ? ", " : " ");
                }
                printValue(Values.key(keys.get(i)), verb, depth + 1);
                buf.append(':');
                printValue(Values.element(m.get(keys.get(i)), budget), verb, depth + 1);
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
                printValue(Values.listGet(v, i, budget), verb, depth + 1);
                f.checkRoom(0);
            }
            buf.append(f.sharpV ? '}' : ']');
            return;
        }
        printScalar(v, verb);
    }

    /**
     * A data map's keys (as the map holds them) in Go's order: bytewise, by the keys as Go strings; charges the sort.
     */
    static List<?> sortedKeys(Map<?, ?> m, Budget budget) {
        budget.steps(m.size());
        int n = m.size();
        Object[] raw = m.keySet().toArray();
        String[] keys = new String[raw.length];
        boolean repaired = false;
        for (int i = 0; i < raw.length; i++) {
            keys[i] = Values.key(raw[i]);
            repaired |= keys[i] != raw[i];
        }
        if (!repaired) {
            java.util.Arrays.sort(keys, GoStrings::compare);
            return java.util.Arrays.asList(keys);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> GoStrings.compare(keys[a], keys[b]));
        List<Object> sorted = new ArrayList<>(n);
        for (Integer i : order) {
            sorted.add(raw[i]);
        }
        return sorted;
    }
}
