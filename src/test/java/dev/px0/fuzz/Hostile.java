package dev.px0.fuzz;

import java.util.List;

/** The bad inputs the property test draws from: strings for JSON fields, path segments, query values, headers. */
final class Hostile {

    /** Emitted as raw JSON text by {@link #json}: numbers no JSON-P value can hold. */
    static final String RAW = "\uFFFFraw:";

    private Hostile() {
    }

    /** Strings for any JSON string field: broken templates, what PostgreSQL cannot store, control characters... */
    static final List<String> STRINGS = List.of(
            "", " ", "{{}}", "{{ }}", "{{#}}{{/}}", "{{&}}", "{{{}}}", "{{^}}{{/}}", "Hello {{customer", "{{customer}}}",
            "}}", "{{/a}}", "{{#a}}{{/b}}", "{{#a}}", "{{=<% %>=}}", "{{> partial}}", "{{!comment}}", "{{a.b.c.d.e}}",
            "{{.}}", "{{#a}}{{.}}{{/a}}", "{{#customer}}{{length}}|{{toUpperCase}}|{{hashCode}}|{{bytes}}{{/customer}}",
            "{{#a}}".repeat(5000), "{{#a}}".repeat(30) + "{{/a}}".repeat(30) /* 2^30 passes over a two-item list: a bounded stand-in for 300 */, "{{a}}".repeat(3000),
            "{{#a}}{{#b}}{{#c}}{{d}}{{/c}}{{/b}}{{/a}}", "{{ customer }}", "{{\u0000}}", "{{a\nb}}",
            "\u0000", "a\u0000b", "\ud800", "\udc00x", "x\ud83d", "\ud83d\ude00", "\u202eevil", "\u2028\u2029", "é",
            "\r\n2026-11-30T00:00:00.000Z SEVERE dev.px0.Forged: fake", "\u001b[31mred", "\t", "\u007f\u0085",
            "x".repeat(201), "x".repeat(10_000), "x".repeat(60_000), "é".repeat(30_000), "'; DROP TABLE users; --",
            "../../etc/passwd", "%00", "%zz", "null", "true", "0", "-1", "1e400", "2147483648", "{}", "[]",
            "admin", "production", "latest", "px0_" + "A".repeat(43), "user@example.com", "a@b", "\uFEFFtext");

    /** Raw path segments, written into the request line as they are (some are invalid on purpose). */
    static final List<String> PATH = List.of(
            "%00", "x%00", "x%00%0A2026-11-30T00:00:00.000Z%20SEVERE%20dev.px0.Forged:%20fake", "%0d%0a", "%zz", "%",
            "%F", "%FF", "%C3%A9", "é", "%ED%A0%80", "%F0%9F%98%80", "%E2%80%AE", "%C0%AF", "a".repeat(300),
            "a".repeat(5000), "..", "%2e%2e", "%2F", "%20", "+", "-1", "0", "01", "99999999999", "2147483648",
            "00000000-0000-0000-0000-000000000000", "not-a-uuid", "latest", "production", "UPPER", "a;b=c", ";",
            "%7B%7B%7D%7D", "%5C", "%7F", "%1B", "~", "*", "a%09b");

    /** Raw query values (after {@code name=}). */
    static final List<String> QUERY = List.of(
            "%00", "%0A", "%zz", "%", "%FF", "-1", "0", "1e3", "1.5", "99999999999999999999", "2147483648", "abc", "",
            "é", "%C3%A9", "a".repeat(4000), "1&limit=2", "+", "%2B1", "a%40b.com", "x%00%40example.com", "%ED%A0%80");

    /** Headers: each is a name and a raw value (written as UTF-8 bytes). */
    static final List<String[]> HEADERS = List.of(
            new String[] {"Content-Type", "text/plain"}, new String[] {"Content-Type", "application/json; charset=utf-16"},
            new String[] {"Content-Type", "application/x-www-form-urlencoded"}, new String[] {"Content-Type", "é/é"},
            new String[] {"Content-Type", "application/json;;;"}, new String[] {"Content-Type", ""},
            new String[] {"Authorization", "Bearer "}, new String[] {"Authorization", "Bearer px0_short"},
            new String[] {"Authorization", "Basic YTpi"}, new String[] {"Authorization", "Bearer " + "x".repeat(8000)},
            new String[] {"Authorization", "Bearer é"}, new String[] {"Authorization", "Bearer 00000000-0000-0000-0000-000000000000"},
            new String[] {"X-API-Key", "px0_" + "A".repeat(43)}, new String[] {"X-API-Key", "é"},
            new String[] {"X-API-Key", ""}, new String[] {"X-API-Key", "px0_" + "é".repeat(43)},
            new String[] {"User-Agent", "é".repeat(600)}, new String[] {"User-Agent", "x".repeat(6000)},
            new String[] {"X-Forwarded-For", "dead.beef, 1.2.3.4, ::1, garbage"}, new String[] {"X-Forwarded-For", "é"},
            new String[] {"If-None-Match", "\"" + "x".repeat(3000) + "\""}, new String[] {"If-None-Match", "*"},
            new String[] {"traceparent", "00-zz-zz-01"}, new String[] {"tracestate", "é=é"},
            new String[] {"baggage", "a=%zz"}, new String[] {"Accept", "text/html"}, new String[] {"Accept-Charset", "utf-16"},
            new String[] {"Content-Encoding", "gzip"}, new String[] {"Expect", "100-continue"});

    /** Whole bodies that replace a valid one. */
    static final List<String> BODIES = List.of(
            "", " ", "null", "[]", "{", "{\"a\":1}{", "\"text\"", "{\"a\":1,\"a\":2}", "\uFEFF{}", "{}",
            "[".repeat(2000) + "]".repeat(2000), "{\"a\":".repeat(900) + "1" + "}".repeat(900),
            "{\"version\": 1e400}", "{\"version\": 99999999999999999999}", "{\"version\": -0}", "{\"version\": 1.0}",
            "{\"variables\": {\"customer\": " + "[".repeat(900) + "]".repeat(900) + "}}",
            "{\"template\": \"\\u0000\"}", "{\"name\": \"\\ud800\"}", "{\"\\u0000\": 1}", "x".repeat(70_000));

    /** A JSON text in ASCII only (everything else as {@code \\uXXXX}, lone surrogates included). */
    static String json(jakarta.json.JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(jakarta.json.JsonValue value, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (var e : value.asJsonObject().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                boolean first = true;
                for (var item : value.asJsonArray()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(item, out);
                }
                out.append(']');
            }
            case STRING -> {
                String s = ((jakarta.json.JsonString) value).getString();
                if (s.startsWith(RAW)) {
                    out.append(s, RAW.length(), s.length());
                } else {
                    string(s, out);
                }
            }
            default -> out.append(value);
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** The text for a report: long text cut, control characters shown as escapes. */
    static String abbreviate(String text) {
        String shown = text.length() > 160 ? text.substring(0, 120) + "…(" + text.length() + " chars)" : text;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }
}
