package dev.px0.template.go;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's data: what Go's encoding/json makes of JSON in a {@code map[string]any}, as plain Java. An object is
 * a {@code Map<String, Object>}, an array a {@code List<Object>}, a string a {@code String} (valid Unicode), a
 * number a {@code Double} (finite), true/false a {@code Boolean}, null {@code null}. Nothing else: no name in a
 * template ever reaches a Java method or field.
 *
 * <p>Both px0's server (JSON-P values converted to Java) and the SDK (an application's Map, as Jackson would write
 * it) hand the engine JSON-shaped Java, which it reads by these rules, so both render the same data as JSON text
 * sent to px0 would be:
 * <ul>
 *   <li>Map with String keys → object; List or Object[] → array; null → null; Boolean → Boolean; Character and
 *       String → string, each lone surrogate replaced by U+FFFD (as Go decodes {@code "\ud800"});</li>
 *   <li>numbers → the float64 nearest to the decimal JSON would carry: Byte, Short, Integer, Long and BigInteger
 *       exactly rounded; BigDecimal from its decimal text; Float from its shortest decimal text (as Jackson writes
 *       it: {@code 0.1f} is {@code 0.1}); Double as is. NaN, infinities and numbers past ±1.797e308 are refused,
 *       as Go's decoder refuses {@code 1e400};</li>
 *   <li>anything else, a map key that is not a String, and values nested deeper than
 *       {@link GoTemplate#MAX_DATA_DEPTH} levels (or in a cycle) are an {@link InvalidDataException}.</li>
 * </ul>
 * {@link GoTemplate#execute} applies these rules to the values a template reaches, as it reaches them (a render
 * costs what it reads, not the size of the variables). {@link #of} applies them to all of a value at once: the
 * engine's model, refusing anything amiss anywhere; values already in the model are returned as they are.
 */
public final class GoData {

    private GoData() {
    }

    /** The model value for a JSON-shaped Java value; throws {@link InvalidDataException} for anything else. */
    public static Object of(Object value) {
        return convert(value, 0);
    }

    /** A number as float64: the nearest double to the JSON decimal text (refused beyond float64's range). */
    public static Double number(Number n) {
        double d;
        if (n instanceof Double) {
            d = (Double) n;
        } else if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            d = (double) n.longValue();
        } else if (n instanceof Float) {
            d = Float.isFinite((Float) n) ? Double.parseDouble(Float.toString((Float) n)) : Double.NaN;
        } else if (n instanceof BigDecimal || n instanceof BigInteger) {
            d = Double.parseDouble(n.toString());
        } else {
            throw new InvalidDataException("a variable holds a " + n.getClass().getSimpleName()
                                           + ", which JSON has no number for");
        }
        if (!Double.isFinite(d)) {
            throw new InvalidDataException("a variable holds the number " + n + ", which is beyond float64");
        }
        return d;
    }

    private static Object convert(Object v, int depth) {
        if (v == null || v instanceof Boolean || v instanceof Double && Double.isFinite((Double) v)) {
            return v;
        }
        if (v instanceof String) {
            return GoStrings.sanitize((String) v);
        }
        if (v instanceof Number) {
            return number((Number) v);
        }
        if (v instanceof Character) {
            return GoStrings.sanitize(String.valueOf(v));
        }
        if (depth >= GoTemplate.MAX_DATA_DEPTH) {
            throw new InvalidDataException("variables nested deeper than the limit of " + GoTemplate.MAX_DATA_DEPTH
                                           + " levels");
        }
        if (v instanceof Map) {
            return map((Map<?, ?>) v, depth + 1);
        }
        if (v instanceof List) {
            return list((List<?>) v, depth + 1);
        }
        if (v instanceof Object[]) {
            return new ArrayList<>(list(Arrays.asList((Object[]) v), depth + 1));
        }
        throw new InvalidDataException("a variable holds a " + v.getClass().getName() + ", which is not JSON");
    }

    private static Map<String, Object> map(Map<?, ?> m, int depth) {
        Map<String, Object> copy = null;
        int i = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new InvalidDataException("a variable holds an object with a key that is not a string: "
                                               + e.getKey());
            }
            String key = (String) e.getKey();
            String cleanKey = GoStrings.sanitize(key);
            Object value = e.getValue();
            Object clean = convert(value, depth);
            if (copy == null && (clean != value || cleanKey != key)) {
                copy = new LinkedHashMap<>(Math.max(16, m.size() * 2));
                int k = 0;
                for (Map.Entry<?, ?> before : m.entrySet()) {
                    if (k++ == i) {
                        break;
                    }
                    copy.put((String) before.getKey(), before.getValue());
                }
            }
            if (copy != null) {
                copy.put(cleanKey, clean);
            }
            i++;
        }
        if (copy != null) {
            return copy;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> same = (Map<String, Object>) m;
        return same;
    }

    private static List<Object> list(List<?> l, int depth) {
        List<Object> copy = null;
        int i = 0;
        for (Object value : l) {
            Object clean = convert(value, depth);
            if (copy == null && clean != value) {
                copy = new ArrayList<>(l.size());
                copy.addAll(l.subList(0, i));
            }
            if (copy != null) {
                copy.add(clean);
            }
            i++;
        }
        if (copy != null) {
            return copy;
        }
        @SuppressWarnings("unchecked")
        List<Object> same = (List<Object>) l;
        return same;
    }
}
