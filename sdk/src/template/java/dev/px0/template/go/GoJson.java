package dev.px0.template.go;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON decoded as Go's encoding/json decodes it into an {@code any}: objects to Map (a repeated key: the last wins),
 * arrays to List, numbers to float64 (Double; past float64's range refused), strings with each invalid UTF-8 byte
 * and each unpaired surrogate escape as U+FFFD. Malformed JSON is refused with a message in the style of Go's.
 * Deeper than {@link GoTemplate#MAX_DATA_DEPTH} levels is refused too (Go allows 10,000).
 */
public final class GoJson {

    private final byte[] b;
    private int i;
    private String rangeError;

    private GoJson(byte[] b) {
        this.b = b;
    }

    /** Decodes JSON text (a lone surrogate in it is U+FFFD, as the bytes px0 receives would make it). */
    public static Object decode(String json) {
        return decode(GoStrings.utf8(GoStrings.sanitize(json)));
    }

    /** Decodes JSON bytes (UTF-8; other bytes in strings become U+FFFD). */
    public static Object decode(byte[] json) {
        GoJson d = new GoJson(json);
        d.skipSpace();
        if (d.i >= json.length) {
            throw new InvalidDataException("unexpected end of JSON input");
        }
        Object v = d.value(0);
        d.skipSpace();
        if (d.i < json.length) {
            throw d.invalid("after top-level value");
        }
        if (d.rangeError != null) {
            throw new InvalidDataException(d.rangeError);
        }
        return v;
    }

    private InvalidDataException invalid(String context) {
        if (i >= b.length) {
            return new InvalidDataException("unexpected end of JSON input");
        }
        int c = b[i] & 0xFF;
        String q;
        if (c == '\'') {
            q = "'\\''";
        } else if (c == '"') {
            q = "'\"'";
        } else {
            String quoted = Quoting.quote(String.valueOf((char) c));
            q = "'" + quoted.substring(1, quoted.length() - 1) + "'";
        }
        return new InvalidDataException("invalid character " + q + " " + context);
    }

    private void skipSpace() {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
    }

    private Object value(int depth) {
        if (i >= b.length) {
            throw new InvalidDataException("unexpected end of JSON input");
        }
        switch (b[i]) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (b[i] == '-' || (b[i] >= '0' && b[i] <= '9')) {
                    return number();
                }
                throw invalid("looking for beginning of value");
        }
    }

    private Object literal(String word, Object value) {
        for (int k = 0; k < word.length(); k++) {
            if (i >= b.length) {
                throw new InvalidDataException("unexpected end of JSON input");
            }
            if (b[i] != word.charAt(k)) {
                throw invalid("in literal " + word + " (expecting '" + word.charAt(k) + "')");
            }
            i++;
        }
        return value;
    }

    private void depth(int depth) {
        if (depth > GoTemplate.MAX_DATA_DEPTH) {
            throw new InvalidDataException("variables nested deeper than the limit of " + GoTemplate.MAX_DATA_DEPTH
                                           + " levels");
        }
    }

    private Map<String, Object> object(int depth) {
        depth(depth);
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        skipSpace();
        if (i < b.length && b[i] == '}') {
            i++;
            return m;
        }
        while (true) {
            skipSpace();
            if (i >= b.length || b[i] != '"') {
                throw invalid("looking for beginning of object key string");
            }
            String key = string();
            skipSpace();
            if (i >= b.length || b[i] != ':') {
                throw invalid("after object key");
            }
            i++;
            skipSpace();
            m.put(key, value(depth));
            skipSpace();
            if (i < b.length && b[i] == ',') {
                i++;
                continue;
            }
            if (i < b.length && b[i] == '}') {
                i++;
                return m;
            }
            throw invalid("after object key:value pair");
        }
    }

    private List<Object> array(int depth) {
        depth(depth);
        i++;
        List<Object> l = new ArrayList<>();
        skipSpace();
        if (i < b.length && b[i] == ']') {
            i++;
            return l;
        }
        while (true) {
            skipSpace();
            l.add(value(depth));
            skipSpace();
            if (i < b.length && b[i] == ',') {
                i++;
                continue;
            }
            if (i < b.length && b[i] == ']') {
                i++;
                return l;
            }
            throw invalid("after array element");
        }
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Four hex digits at i+2 (after a backslash-u); -1 unless there are. */
    private int u4(int at) {
        if (at + 6 > b.length || b[at] != '\\' || b[at + 1] != 'u') {
            return -1;
        }
        int v = 0;
        for (int k = 2; k < 6; k++) {
            int h = hex(b[at + k] & 0xFF);
            if (h < 0) {
                return -1;
            }
            v = (v << 4) | h;
        }
        return v;
    }

    private String string() {
        i++;
        int start = i;
        boolean plain = true;
        while (true) {
            if (i >= b.length) {
                throw new InvalidDataException("unexpected end of JSON input");
            }
            int c = b[i] & 0xFF;
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                throw invalid("in string literal");
            }
            if (c == '\\') {
                plain = false;
                i++;
                if (i >= b.length) {
                    throw new InvalidDataException("unexpected end of JSON input");
                }
                int e = b[i] & 0xFF;
                if (e == 'u') {
                    for (int k = 1; k <= 4; k++) {
                        i++;
                        if (i >= b.length) {
                            throw new InvalidDataException("unexpected end of JSON input");
                        }
                        if (hex(b[i] & 0xFF) < 0) {
                            throw invalid("in \\u hexadecimal character escape");
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    throw invalid("in string escape code");
                }
            } else if (c >= 0x80) {
                plain = false;
            }
            i++;
        }
        int end = i;
        i++;
        if (plain) {
            return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        int r = start;
        while (r < end) {
            int c = b[r] & 0xFF;
            if (c == '\\') {
                int e = b[r + 1] & 0xFF;
                switch (e) {
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case 'u' -> {
                        int rr = u4(r);
                        r += 6;
                        if (rr >= 0xD800 && rr < 0xE000) {
                            int rr1 = u4(r);
                            if (rr < 0xDC00 && rr1 >= 0xDC00 && rr1 < 0xE000) {
                                r += 6;
                                writeRune(out, 0x10000 + ((rr - 0xD800) << 10) + (rr1 - 0xDC00));
                                continue;
                            }
                            rr = 0xFFFD;
                        }
                        writeRune(out, rr);
                        continue;
                    }
                    default -> out.write(e);
                }
                r += 2;
            } else if (c < 0x80) {
                out.write(c);
                r++;
            } else {
                int n = GoStrings.validLength(b, r, end);
                if (n == 0) {
                    writeRune(out, 0xFFFD);
                    r++;
                } else {
                    out.write(b, r, n);
                    r += n;
                }
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static void writeRune(ByteArrayOutputStream out, int cp) {
        byte[] x = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(x, 0, x.length);
    }

    private Object number() {
        int start = i;
        if (b[i] == '-') {
            i++;
            if (i >= b.length) {
                throw new InvalidDataException("unexpected end of JSON input");
            }
            if (b[i] < '0' || b[i] > '9') {
                throw invalid("in numeric literal");
            }
        }
        if (b[i] == '0') {
            i++;
        } else {
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
        }
        if (i < b.length && b[i] == '.') {
            i++;
            if (i >= b.length) {
                throw new InvalidDataException("unexpected end of JSON input");
            }
            if (b[i] < '0' || b[i] > '9') {
                throw invalid("after decimal point in numeric literal");
            }
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
        }
        if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < b.length && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (i >= b.length) {
                throw new InvalidDataException("unexpected end of JSON input");
            }
            if (b[i] < '0' || b[i] > '9') {
                throw invalid("in exponent of numeric literal");
            }
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
        }
        String text = new String(b, start, i - start, StandardCharsets.ISO_8859_1);
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) {
            if (rangeError == null) {
                rangeError = "json: cannot unmarshal number " + text + " into Go value of type float64";
            }
            return null;
        }
        return d;
    }
}
