package dev.px0.template.go;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded cases at the edges: float64 values of every magnitude through every float verb, and odd Unicode. */
final class Edges {

    private Edges() {
    }

    private static final String[] FLOAT_FORMATS = {"%v", "%e", "%E", "%f", "%g", "%G", "%.0f", "%.1f", "%.3e",
        "%.17g", "%.3g", "%10.4f", "%-12.2e|", "%+g", "% .2f", "%#g", "%#.0e", "%x", "%X", "%.3x", "%b", "%08.3f",
        "%.20f", "%.0e", "%#v", "%5.1g"};

    /** n random doubles (random bits, and round numbers near powers of ten), each printed through many verbs. */
    static List<Case> floats(long seed, int n) {
        Random r = new Random(seed);
        List<Case> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double d = switch (r.nextInt(6)) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> Math.pow(10, r.nextInt(40) - 20) * (r.nextBoolean() ? 1 : -1);
                case 2 -> Math.round(r.nextDouble() * Math.pow(10, r.nextInt(12))) / Math.pow(10, r.nextInt(6));
                case 3 -> (r.nextInt(2_000_001) - 1_000_000) * Math.pow(10, r.nextInt(9) - 4);
                case 4 -> Double.longBitsToDouble(r.nextLong() & 0x000FFFFFFFFFFFFFL); // subnormal
                default -> r.nextInt(1 << 20) / 1024.0 + Math.scalb(1.0, r.nextInt(120) - 60);
            };
            if (!Double.isFinite(d)) {
                d = r.nextGaussian();
            }
            StringBuilder t = new StringBuilder("{{.x}} {{print .x}}");
            for (int k = 0; k < 6; k++) {
                String f = FLOAT_FORMATS[r.nextInt(FLOAT_FORMATS.length)];
                t.append(" {{printf \"").append(f).append("\" .x}}");
            }
            out.add(new Case("float " + d, t.toString(), "{\"x\": " + Double.toString(d) + "}"));
        }
        return out;
    }

    private static final String[] STRING_TEMPLATES = {"{{.s}}", "{{printf \"%q\" .s}}", "{{printf \"%+q\" .s}}",
        "{{printf \"%#q\" .s}}", "{{printf \"%x\" .s}}", "{{printf \"% X\" .s}}", "{{js .s}}", "{{html .s}}",
        "{{urlquery .s}}", "{{len .s}}", "{{printf \"%.3s|%8s|%-8.2s|\" .s .s .s}}", "{{print .l}}",
        "{{printf \"%q %v\" .l .l}}", "{{range $k, $v := .m}}{{$k}}={{$v}};{{end}}", "{{.m}}",
        "{{if .s}}{{slice .s 0 1}}|{{slice .s 1}}{{end}}", "{{if .s}}{{index .s 0}}{{end}}",
        "{{lt .s .t}}{{eq .s .t}}", "{{printf \"%U\" (len .s)}}", "{{printf \"%c%q\" .c .c}}"};

    /** n random strings (any code point, new and unassigned ones too, lone surrogates) through string functions. */
    static List<Case> unicode(long seed, int n) {
        Random r = new Random(seed);
        List<Case> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String s = randomString(r);
            String t = randomString(r);
            String json = "{\"s\": " + jsonString(s) + ", \"t\": " + jsonString(t) + ", \"l\": [" + jsonString(s) + ", "
                          + jsonString(t) + "], \"m\": {" + jsonString(s) + ": 1, " + jsonString(t) + ": 2}, \"c\": "
                          + codePoint(r) + "}";
            String template = STRING_TEMPLATES[r.nextInt(STRING_TEMPLATES.length)]
                              + STRING_TEMPLATES[r.nextInt(STRING_TEMPLATES.length)];
            if (r.nextInt(4) == 0) {
                template += "{{printf \"%q\" \"" + literalEscapes(r) + "\"}}{{slice \"" + literalEscapes(r) + "\" 1}}";
            }
            out.add(new Case("unicode #" + i, template, json));
        }
        return out;
    }

    private static int codePoint(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> r.nextInt(0x80);
            case 1 -> r.nextInt(0x800);
            case 2 -> r.nextInt(0x10000);
            case 3 -> r.nextInt(0x110000);
            default -> pick(r, new int[] {0, 0x7F, 0x85, 0xA0, 0xAD, 0x200B, 0x2028, 0xFEFF, 0xFFFD, 0xFFFF, 0x1F600,
                0x10FFFF, 0xE0001, 0x0378, 0x08A0, 0x0897, 0x1FAF8, 0x31350, 0xD800, 0xDC00, 0x110000, -1});
        };
    }

    private static int pick(Random r, int[] a) {
        return a[r.nextInt(a.length)];
    }

    private static String randomString(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            int cp = codePoint(r);
            if (cp < 0 || cp > 0x10FFFF) {
                cp = 'x';
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    /** A JSON string literal; surrogates (lone ones too) as \\u escapes, as a JSON encoder would write them. */
    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String literalEscapes(Random r) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(4)) {
                case 0 -> b.append(String.format("\\x%02x", r.nextInt(256)));
                case 1 -> b.append(String.format("\\%03o", r.nextInt(256)));
                case 2 -> b.append("\\u00e9");
                default -> b.append((char) ('a' + r.nextInt(26)));
            }
        }
        return b.toString();
    }

    private static final String[] INSERTS = {"{", "}", "{{", "}}", "-", " ", "|", "(", ")", "\"", "`", "'", "$", ".",
        ",", ":=", "=", "\n", "end", "else", "if ", "range ", "$x", ".a", "nil", "1", "%", "\\", "/*", "*/", "\u00e9"};

    /** n corpus cases, each with one to three random edits: near-valid syntax, where parsers differ most. */
    static List<Case> mutations(long seed, int n) {
        Random r = new Random(seed);
        List<Case> corpus = Corpus.load();
        List<Case> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Case base = corpus.get(r.nextInt(corpus.size()));
            StringBuilder t = new StringBuilder(base.template());
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = t.length() == 0 ? 0 : r.nextInt(t.length() + 1);
                switch (r.nextInt(4)) {
                    case 0 -> {
                        if (at < t.length()) {
                            t.deleteCharAt(at);
                        }
                    }
                    case 1, 2 -> t.insert(at, INSERTS[r.nextInt(INSERTS.length)]);
                    default -> {
                        int from = r.nextInt(t.length() + 1);
                        int to = Math.min(t.length(), from + r.nextInt(12));
                        t.insert(at, t.substring(from, to));
                    }
                }
            }
            out.add(new Case("mutation #" + i + " of " + base.label(), "prompt", t.toString(), base.data()));
        }
        return out;
    }

    /** Characters a corpus file holds badly: CR LF, NUL, a BOM, form feed, tab and vertical tab, in and around actions. */
    static List<Case> specials() {
        String data = "{\"a\": 1, \"s\": \"x\\r\\ny\\u0000z\"}";
        String[] templates = {"line 1\r\n{{.a}}\r\nline 3\r\n", "a \r\n{{- .a -}}\r\n b", "{{.a\r\n}}",
            "{{`raw\r\nstring\r`}}", "{{\"\r\"}}", "\uFEFF{{.a}}", "{{\uFEFF.a}}", "a\u0000b{{.s}}", "{{.s}}",
            "{{printf \"%q %x\" .s .s}}", "{{js .s}} {{html .s}} {{urlquery .s}}", "{{.a\u0000}}",
            "{{\t.a\t}}", "{{\f.a}}", "{{\u000B.a}}", "{{.a\r}}", "{{- \r\n.a\r\n -}}", "{{-\r.a}}",
            "{{/*\r\n*/}}x", "{{\u00A0.a}}", "{{.a\u00A0}}", "{{.a\u200B}}", "{{ .a\u2028}}",
            "{{if .a}}\r\n{{- else -}}\r\n{{end}}", "{{len \"\r\n\"}}", "{{'\r'}}", "{{'\u0000'}}"};
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < templates.length; i++) {
            out.add(new Case("special #" + i, templates[i], data));
        }
        return out;
    }
}
