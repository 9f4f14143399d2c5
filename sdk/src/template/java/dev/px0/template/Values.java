package dev.px0.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The JSON-shaped values a render takes ({@code Map<String, ?>}, {@code List<?>}, {@code String}, {@code Number},
 * {@code Boolean}, {@code null}) and the text each renders as.
 */
final class Values {

    /** Deeper values are refused (as the server's JSON parser refuses them); it also stops a map that holds itself. */
    static final int MAX_DEPTH = 1000;

    /** A number whose plain decimal text would be longer than this renders in scientific notation instead. */
    static final int MAX_PLAIN_NUMBER_CHARS = 100;

    private Values() {
    }

    /** Refuses any value that is not JSON-shaped, naming where it is ({@code customer.tags[2]}). */
    static void check(Map<?, ?> variables) {
        checkObject(variables, "", 1);
    }

    private static void check(Object value, String path, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return;
        }
        if (value instanceof Number number) {
            numberText(number, path); // refuses NaN, infinities and numbers that are not decimal
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("variables nested deeper than " + MAX_DEPTH + " levels at " + path);
        }
        if (value instanceof Map<?, ?> map) {
            checkObject(map, path, depth + 1);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), path + "[" + i + "]", depth + 1);
            }
        } else {
            throw new IllegalArgumentException("variable " + (path.isEmpty() ? "(root)" : path) + " is a "
                    + value.getClass().getName() + "; a template takes only JSON-shaped values: Map<String, ?>, "
                    + "List<?>, String, Number, Boolean or null");
        }
    }

    private static void checkObject(Map<?, ?> map, String path, int depth) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("variables " + (path.isEmpty() ? "" : "at " + path + " ")
                        + "have a key that is not a String: " + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
            }
            check(e.getValue(), path.isEmpty() ? key : path + "." + key, depth);
        }
    }

    /** What a variable tag writes for a (checked, non-null) value. */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean || value instanceof Number) {
            return scalar(value);
        }
        StringBuilder json = new StringBuilder();
        json(value, json);
        return json.toString();
    }

    private static String scalar(Object value) {
        return value instanceof Number n ? numberText(n, "") : value.toString();
    }

    /**
     * A number's text: its plain decimal form, as JSON would carry it ({@code 42}, {@code 0.5}, {@code 1.50} from
     * JSON stays {@code 1.50}; a Java {@code double} 42.0 is {@code 42.0} as its JSON serialization writes it, and
     * 1e20 becomes {@code 100000000000000000000}). Past {@value #MAX_PLAIN_NUMBER_CHARS} characters: scientific.
     */
    static String numberText(Number number, String path) {
        BigDecimal decimal;
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
                || number instanceof BigInteger) {
            return number.toString();
        } else if (number instanceof BigDecimal d) {
            decimal = d;
        } else if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("variable " + path + " is " + number + ", which JSON cannot carry");
            }
            decimal = new BigDecimal(number.toString()); // Double.toString / Float.toString: what JSON writers write
        } else {
            try {
                decimal = new BigDecimal(number.toString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("variable " + path + " is a " + number.getClass().getName()
                        + " whose text is not a decimal number");
            }
        }
        long plainLength = (long) decimal.precision() + Math.abs((long) decimal.scale()) + 2;
        return plainLength > MAX_PLAIN_NUMBER_CHARS ? decimal.toString() : decimal.toPlainString();
    }

    /** Compact JSON text (RFC 8259), keys in the map's order, numbers as {@link #numberText}. */
    static void json(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string((String) e.getKey(), out);
                out.append(':');
                json(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                json(list.get(i), out);
            }
            out.append(']');
        } else {
            out.append(scalar(value));
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
