package dev.px0.template.go;

import java.util.List;
import java.util.Map;

/**
 * Values during execution, as Go's reflect.Value sees the engine's data. Data is JSON-shaped Java (see
 * {@link GoData}), read as it is needed: {@link #element} turns what a map or list holds into the engine's value
 * (a float64 Double for any number, a string with lone surrogates repaired), so a render costs what the template
 * reads, not the size of the variables. Templates add int (Long), uint8 ({@link Uint8}, from indexing a string),
 * complex128 ({@link Complex}) and slices ({@link GoSlice}). Java null is Go's invalid (zero) reflect.Value, and
 * {@link #NIL} an interface value holding nil, what looking up a JSON null gives (Go tells them apart in a few
 * messages).
 */
final class Values {

    private Values() {
    }

    /** An interface{} holding nil: a JSON null as a map or list element. */
    static final Object NIL = new Object() {
        @Override
        public String toString() {
            return "<nil interface>";
        }
    };

    /** No value from a previous pipeline command (Go's missingVal). */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    /** A uint8 (a byte of a string). */
    static final class Uint8 {
        private static final Uint8[] CACHE = new Uint8[256];

        static {
            for (int i = 0; i < 256; i++) {
                CACHE[i] = new Uint8(i);
            }
        }

        final int value;

        private Uint8(int value) {
            this.value = value;
        }

        static Uint8 of(int b) {
            return CACHE[b & 0xFF];
        }
    }

    /** A []interface{} made by slicing: elements [offset, offset+len) of base, capacity cap. */
    static final class GoSlice {
        final List<?> base;
        final int offset;
        final int len;
        final int cap;

        GoSlice(List<?> base, int offset, int len, int cap) {
            this.base = base;
            this.offset = offset;
            this.len = len;
            this.cap = cap;
        }
    }

    /** What a map or list of the data holds, as an interface value: JSON null is NIL. */
    static Object element(Object raw, Budget budget) {
        return raw == null ? NIL : value(raw, budget);
    }

    /**
     * A value of the data (JSON-shaped Java, by {@link GoData}'s rules) as the engine's: numbers as float64, a
     * Character or a String with lone surrogates repaired, an Object[] as a List; anything else refused.
     */
    static Object value(Object raw, Budget budget) {
        if (raw == null || raw instanceof Map || raw instanceof List || raw instanceof Boolean) {
            return raw;
        }
        if (raw instanceof String) {
            String s = (String) raw;
            budget.steps(s.length() >> 6);
            return GoStrings.sanitize(s);
        }
        if (raw instanceof Double && Double.isFinite((Double) raw)) {
            return raw;
        }
        if (raw instanceof Number) {
            return GoData.number((Number) raw);
        }
        if (raw instanceof Character) {
            return GoStrings.sanitize(String.valueOf(raw));
        }
        if (raw instanceof Object[]) {
            return java.util.Arrays.asList((Object[]) raw);
        }
        throw new InvalidDataException("a variable holds a " + raw.getClass().getName() + ", which is not JSON");
    }

    /** A data map's key as a Go string: it must be a String (lone surrogates repaired). */
    static String key(Object raw) {
        if (!(raw instanceof String)) {
            throw new InvalidDataException("a variable holds an object with a key that is not a string: " + raw);
        }
        return GoStrings.sanitize((String) raw);
    }

    /** Go's evalPipeline unwrapping: an interface holding nil becomes the invalid value. */
    static Object concrete(Object v) {
        return v == NIL ? null : v;
    }

    static boolean isList(Object v) {
        return v instanceof List || v instanceof GoSlice;
    }

    static int listLen(Object v) {
        return v instanceof GoSlice ? ((GoSlice) v).len : ((List<?>) v).size();
    }

    static int listCap(Object v) {
        return v instanceof GoSlice ? ((GoSlice) v).cap : appendCap(((List<?>) v).size());
    }

    /** Element i (i below the capacity) as an interface value; past the data's own elements, nil. */
    static Object listGet(Object v, int i, Budget budget) {
        List<?> base;
        int at;
        if (v instanceof GoSlice) {
            GoSlice s = (GoSlice) v;
            base = s.base;
            at = s.offset + i;
        } else {
            base = (List<?>) v;
            at = i;
        }
        return at < base.size() ? element(base.get(at), budget) : NIL;
    }

    private static final int[] SIZE_CLASSES = {0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208,
        224, 240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536,
        1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240,
        10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

    private static long roundUpSize(long size) {
        if (size < 32768) {
            for (int c : SIZE_CLASSES) {
                if (c >= size) {
                    return c;
                }
            }
        }
        return (size + 8191) / 8192 * 8192;
    }

    /**
     * The capacity Go's encoding/json leaves a decoded array of n elements with: it appends them one by one to an
     * empty []interface{} (16-byte elements), so the capacity follows Go 1.19's growslice and malloc size classes.
     * {@code slice} may reach up to it (the elements past the end are nil), as in Go.
     */
    static int appendCap(int n) {
        long cap = 0;
        while (cap < n) {
            long needed = cap + 1;
            long newCap = cap;
            long doubled = cap + cap;
            if (needed > doubled) {
                newCap = needed;
            } else if (cap < 256) {
                newCap = doubled;
            } else {
                while (0 < newCap && newCap < needed) {
                    newCap += (newCap + 3 * 256) / 4;
                }
            }
            cap = roundUpSize(newCap * 16) / 16;
        }
        return (int) Math.min(cap, Integer.MAX_VALUE);
    }

    /** Go's type name of a value (the dynamic type; NIL is an interface {}). */
    static String typeName(Object v) {
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Double) {
            return "float64";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof Map) {
            return "map[string]interface {}";
        }
        if (v instanceof List || v instanceof GoSlice) {
            return "[]interface {}";
        }
        if (v instanceof Uint8) {
            return "uint8";
        }
        if (v instanceof Complex) {
            return "complex128";
        }
        if (v == NIL) {
            return "interface {}";
        }
        throw new IllegalStateException("not a template value: " + (v == null ? "null" : v.getClass().getName()));
    }

    /** Go's template truth: false, 0, nil, and empty strings, lists and maps are false. */
    static boolean isTrue(Object v) {
        if (v == null || v == NIL) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof Double) {
            return (Double) v != 0;
        }
        if (v instanceof Long) {
            return (Long) v != 0;
        }
        if (v instanceof Map) {
            return !((Map<?, ?>) v).isEmpty();
        }
        if (v instanceof List || v instanceof GoSlice) {
            return listLen(v) > 0;
        }
        if (v instanceof Uint8) {
            return ((Uint8) v).value != 0;
        }
        if (v instanceof Complex) {
            return !((Complex) v).isZero();
        }
        return true;
    }
}
