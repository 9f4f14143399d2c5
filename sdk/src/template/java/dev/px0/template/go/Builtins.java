package dev.px0.template.go;

import java.util.List;
import java.util.Map;

/**
 * The built-in functions (text/template's funcs.go) on template values, and px0's default. A failure is a
 * {@link Failure} with Go's message, which the caller reports as "error calling NAME: message".
 */
final class Builtins {

    private Builtins() {
    }

    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** Parameter kinds: a reflect.Value (keeps nil interfaces apart), an interface{} (any), a string. */
    static final int VALUE = 0, ANY = 1, STRING = 2;

    static final int AND = 0, OR = 1, CALL = 2, HTML = 3, JS = 4, URLQUERY = 5, PRINT = 6, PRINTLN = 7, PRINTF = 8,
            INDEX = 9, SLICE = 10, EQ = 11, LEN = 12, NOT = 13, NE = 14, LT = 15, LE = 16, GT = 17, GE = 18,
            DEFAULT = 19;

    /** A function: its name, id, fixed parameters' kinds, and the variadic parameters' kind or -1. */
    static final class Spec {
        final String name;
        final int id;
        final int[] fixed;
        final int variadic;

        Spec(String name, int id, int variadic, int... fixed) {
            this.name = name;
            this.id = id;
            this.fixed = fixed;
            this.variadic = variadic;
        }
    }

    private static Map.Entry<String, Spec> spec(String name, int id, int variadic, int... fixed) {
        return Map.entry(name, new Spec(name, id, variadic, fixed));
    }

    static final Map<String, Spec> SPECS = Map.ofEntries(
            spec("and", AND, VALUE, VALUE), spec("or", OR, VALUE, VALUE), spec("call", CALL, VALUE, VALUE),
            spec("html", HTML, ANY), spec("js", JS, ANY), spec("urlquery", URLQUERY, ANY), spec("print", PRINT, ANY),
            spec("println", PRINTLN, ANY), spec("printf", PRINTF, ANY, STRING), spec("index", INDEX, VALUE, VALUE),
            spec("slice", SLICE, VALUE, VALUE), spec("eq", EQ, VALUE, VALUE), spec("len", LEN, -1, VALUE),
            spec("not", NOT, -1, VALUE), spec("ne", NE, -1, VALUE, VALUE), spec("lt", LT, -1, VALUE, VALUE),
            spec("le", LE, -1, VALUE, VALUE), spec("gt", GT, -1, VALUE, VALUE), spec("ge", GE, -1, VALUE, VALUE),
            spec("default", DEFAULT, -1, VALUE, VALUE));

    /** Calls a function other than and/or; argv holds the evaluated arguments; iface flags for slice's indexes. */
    static Object call(int id, Object[] argv, boolean[] iface, Budget budget) {
        switch (id) {
            case INDEX:
                return index(argv, budget);
            case SLICE:
                return slice(argv, iface, budget);
            case LEN:
                return length(argv[0], budget);
            case NOT:
                return !Values.isTrue(argv[0]);
            case EQ:
                return Compare.eq(argv, budget);
            case NE:
                return !Compare.eq(argv, budget);
            case LT:
                return Compare.lt(argv[0], argv[1], budget);
            case LE:
                return Compare.le(argv[0], argv[1], budget);
            case GT:
                return !Compare.le(argv[0], argv[1], budget);
            case GE:
                return !Compare.lt(argv[0], argv[1], budget);
            case PRINT:
                return Fmt.sprint(budget, argv);
            case PRINTLN:
                return Fmt.sprintln(budget, argv);
            case PRINTF:
                return Fmt.sprintf(budget, (String) argv[0], java.util.Arrays.copyOfRange(argv, 1, argv.length));
            case HTML:
                return Escapers.html(evalArgs(argv, budget), budget);
            case JS:
                return Escapers.js(evalArgs(argv, budget), budget);
            case URLQUERY:
                return Escapers.urlquery(evalArgs(argv, budget), budget);
            case CALL:
                Object fn = Values.concrete(argv[0]);
                if (fn == null) {
                    throw new Failure("call of nil");
                }
                throw new Failure("non-function of type " + Values.typeName(fn));
            case DEFAULT:
                Object v = argv[1];
                return (v == null || v == Values.NIL || !Values.isTrue(v)) ? argv[0] : v;
            default:
                throw new IllegalStateException("no function " + id);
        }
    }

    /** The arguments' text as html, js and urlquery take it: a nil argument is "<no value>". */
    private static String evalArgs(Object[] args, Budget budget) {
        if (args.length == 1 && args[0] instanceof String) {
            return (String) args[0];
        }
        Object[] printable = args.clone();
        for (int i = 0; i < printable.length; i++) {
            if (printable[i] == null || printable[i] == Values.NIL) {
                printable[i] = "<no value>";
            }
        }
        return Fmt.sprint(budget, printable);
    }

    /** indexArg: an int or uint8 within [0, cap]. */
    private static int indexArg(Object index, boolean iface, int cap) {
        long x;
        if (iface) {
            throw new Failure("cannot index slice/array with type interface {}");
        } else if (index instanceof Long) {
            x = (Long) index;
        } else if (index instanceof Values.Uint8) {
            x = ((Values.Uint8) index).value;
        } else if (index == null) {
            throw new Failure("cannot index slice/array with nil");
        } else {
            throw new Failure("cannot index slice/array with type " + Values.typeName(index));
        }
        if (x < 0 || x > cap) {
            throw new Failure("index out of range: " + x);
        }
        return (int) x;
    }

    private static Object index(Object[] argv, Budget budget) {
        Object item = Values.concrete(argv[0]);
        if (item == null) {
            throw new Failure("index of untyped nil");
        }
        for (int k = 1; k < argv.length; k++) {
            Object index = Values.concrete(argv[k]);
            if (item == Values.NIL) {
                throw new Failure("index of nil pointer");
            }
            if (item instanceof String) {
                String s = (String) item;
                budget.text(s.length());
                byte[] bytes = GoStrings.toBytes(s);
                int x = indexArg(index, false, bytes.length);
                if (x == bytes.length) {
                    throw new Failure("reflect: string index out of range");
                }
                item = Values.Uint8.of(bytes[x]);
            } else if (Values.isList(item)) {
                int len = Values.listLen(item);
                int x = indexArg(index, false, len);
                if (x == len) {
                    throw new Failure("reflect: slice index out of range");
                }
                item = Values.listGet(item, x, budget);
            } else if (item instanceof Map) {
                if (index == null) {
                    throw new Failure("value is nil; should be of type string");
                }
                if (!(index instanceof String)) {
                    throw new Failure("value has type " + Values.typeName(index) + "; should be string");
                }
                Map<?, ?> m = (Map<?, ?>) item;
                Object found = m.get(index);
                item = (found != null || m.containsKey(index)) ? Values.element(found, budget) : Values.NIL;
            } else {
                throw new Failure("can't index item of type " + Values.typeName(item));
            }
        }
        return item;
    }

    private static Object slice(Object[] argv, boolean[] iface, Budget budget) {
        Object item = Values.concrete(argv[0]);
        if (item == null) {
            throw new Failure("slice of untyped nil");
        }
        int n = argv.length - 1;
        if (n > 3) {
            throw new Failure("too many slice indexes: " + n);
        }
        int cap;
        int len;
        byte[] bytes = null;
        if (item instanceof String) {
            if (n == 3) {
                throw new Failure("cannot 3-index slice a string");
            }
            budget.text(((String) item).length());
            bytes = GoStrings.toBytes((String) item);
            cap = len = bytes.length;
        } else if (Values.isList(item)) {
            cap = Values.listCap(item);
            len = Values.listLen(item);
        } else {
            throw new Failure("can't slice item of type " + Values.typeName(item));
        }
        int[] idx = {0, len, 0};
        for (int k = 0; k < n; k++) {
            idx[k] = indexArg(argv[k + 1], iface[k + 1], cap);
        }
        if (idx[0] > idx[1]) {
            throw new Failure("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (bytes != null) {
            String sliced = GoStrings.fromBytes(bytes, idx[0], idx[1] - idx[0]);
            if (GoStrings.hasEscape(sliced)) {
                budget.escapes = true;
            }
            return sliced;
        }
        int newCap = cap - idx[0];
        if (n == 3) {
            if (idx[1] > idx[2]) {
                throw new Failure("invalid slice index: " + idx[1] + " > " + idx[2]);
            }
            newCap = idx[2] - idx[0];
        }
        List<?> base;
        int offset;
        if (item instanceof Values.GoSlice) {
            Values.GoSlice s = (Values.GoSlice) item;
            base = s.base;
            offset = s.offset;
        } else {
            base = (List<?>) item;
            offset = 0;
        }
        return new Values.GoSlice(base, offset + idx[0], idx[1] - idx[0], newCap);
    }

    private static Object length(Object item, Budget budget) {
        if (item == Values.NIL) {
            throw new Failure("len of nil pointer");
        }
        if (item == null) {
            throw new Failure("reflect: call of reflect.Value.Type on zero Value");
        }
        if (item instanceof String) {
            budget.text(((String) item).length());
            return (long) GoStrings.byteLength((String) item);
        }
        if (item instanceof Map) {
            return (long) ((Map<?, ?>) item).size();
        }
        if (Values.isList(item)) {
            return (long) Values.listLen(item);
        }
        throw new Failure("len of type " + Values.typeName(item));
    }
}
