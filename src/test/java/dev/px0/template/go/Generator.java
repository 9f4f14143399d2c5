package dev.px0.template.go;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random templates from fragments of the language (seeded, so a failure reproduces): text, actions, pipelines,
 * variables, literals of every syntax, every built-in with good and bad arguments, printf formats, if/else
 * if/else, range with break and continue, with, define/template/block, comments and trim markers, plus a little
 * syntax noise; each over one of several variable sets.
 */
final class Generator {

    private final Random r;
    private final List<String> visible = new ArrayList<>();
    private int vars;
    private boolean strict;
    private String[] paths;

    Generator(long seed) {
        this.r = new Random(seed);
    }

    /** Field paths (up to three levels) of a variable set, for templates that mostly read what is there. */
    private static String[] paths(String json) {
        List<String> out = new ArrayList<>();
        collect(GoJson.decode(json), "", 0, out);
        return out.isEmpty() ? new String[] {".missing"} : out.toArray(new String[0]);
    }

    private static void collect(Object v, String prefix, int depth, List<String> out) {
        if (!(v instanceof java.util.Map) || depth == 3) {
            return;
        }
        for (java.util.Map.Entry<?, ?> e : ((java.util.Map<?, ?>) v).entrySet()) {
            String key = (String) e.getKey();
            if (!key.isEmpty() && key.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')
                    && !Character.isDigit(key.charAt(0))) {
                out.add(prefix + "." + key);
                collect(e.getValue(), prefix + "." + key, depth + 1, out);
            }
        }
    }

    static final String[] DATA = {
        "{\"a\": 1, \"b\": \"two\", \"c\": [1, 2, 3], \"d\": {\"x\": 1.5, \"y\": [true, false], \"z\": null},"
        + " \"e\": [], \"f\": {}, \"g\": null, \"h\": false, \"s\": \"h\u00e9llo <w\u00f6rld> & 'q' \\\"x\\\"\","
        + " \"n\": 0, \"big\": 1e21, \"mil\": 1000000, \"neg\": -2.5, \"tiny\": 1e-7, \"t\": true,"
        + " \"l\": [{\"k\": \"v1\", \"n\": 1}, {\"k\": \"v2\", \"n\": 2}, {\"k\": null}], \"u\": \"\u4e2d\u6587\ud83d\ude00\","
        + " \"m\": {\"b\": 2, \"a\": 1, \"\u00e9\": 3, \"A\": [1]}, \"fmt\": \"%d-%s\", \"ws\": \" \\t\\n \"}",
        "{\"a\": 0, \"b\": \"\", \"c\": [null], \"d\": {}, \"s\": \"x\", \"l\": [], \"m\": {\"k\": {\"k\": {\"k\": 1}}},"
        + " \"n\": 3.0, \"t\": false, \"f\": 0.1, \"x\": 123456789}",
        "{\"users\": [{\"name\": \"Ada\", \"age\": 36, \"tags\": [\"math\", \"poetry\"]},"
        + " {\"name\": \"Bo\", \"age\": 0.5, \"tags\": []}], \"title\": \"Team\", \"count\": 2, \"active\": true,"
        + " \"notes\": null, \"price\": 19.99, \"id\": 1234567}",
        "[1, \"two\", {\"three\": 3}]",
        "null",
        "\"plain string\"",
        "{}",
    };

    private static final String[] FIELDS = {".a", ".b", ".c", ".d", ".d.x", ".d.y", ".d.z", ".d.z.q", ".e", ".f", ".g",
        ".h", ".s", ".n", ".big", ".mil", ".neg", ".tiny", ".t", ".l", ".u", ".m", ".m.a", ".m.A", ".fmt", ".ws",
        ".missing", ".missing.deeper", ".a.b", ".s.x", ".l.k", ".m.k.k.k", ".users", ".title", ".count", ".id",
        ".price", ".notes", ".active", ".x", ".k", ".name", ".tags", ".age", ".three"};

    private static final String[] LITERALS = {"0", "1", "-1", "2", "3", "42", "1.5", "-0.5", "1e3", "1e6", "1e21",
        "0x1F", "0o17", "017", "0b101", "1_000", "0x1p4", "1i", "1+2i", "'a'", "'\\n'", "'\u00e9'", "\"\"", "\"s\"",
        "\"h\u00e9\"", "\"%d\"", "\"%v %v\"", "\"\\x41\\t\"", "\"\\xff\"", "`raw`", "`r\\n`", "true", "false", "nil",
        "3.0", "2.0", "1.0", "0.0", "9223372036854775807", "\"a\"", "\"k\"", "\"x\"", "-2", "0.5", "10"};

    private static final String[] BAD_LITERALS = {"1e400", "08", "1__0", "0x", "'ab'", "\"\\q\"",
        "18446744073709551615", "1+", "0x1+2i", "1i+2i"};

    private static final String[] FUNCTIONS = {"and", "or", "not", "len", "index", "slice", "print", "printf",
        "println", "eq", "ne", "lt", "le", "gt", "ge", "html", "js", "urlquery", "default", "call", "nosuch"};

    private static final String[] TEXTS = {"", "x", "Hello ", " ", "\n", "  \n ", "\u00e9", "\ud83d\ude00", "{", "}",
        "a}b", "{x}", "line\nnext", "\t", "<p>", "&amp;", "%d", "$", "."};

    private static final String[] VERBS = {"v", "+v", "#v", "T", "d", "s", "q", "x", "X", "o", "O", "b", "c", "U",
        "#U", "e", "E", "f", "F", "g", "G", "t", "p", "w", "5d", "-5s", "05d", ".2f", "8.3e", ".0f", "#x", " x",
        "+d", "x ", ".3s", "*d", ".*f", "[2]d", "[1]v", "%", "!", "z", "[3]d", "10.4g", "-8q"};

    private <T> T pick(T[] a) {
        return a[r.nextInt(a.length)];
    }

    /** n cases from this generator. */
    List<Case> cases(String label, int n) {
        List<Case> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            vars = 0;
            visible.clear();
            strict = r.nextInt(5) != 0;
            String data = pick(DATA);
            paths = paths(data);
            String t = template();
            out.add(new Case(label + " #" + i, t, data));
        }
        return out;
    }

    private String field() {
        return strict && r.nextInt(5) != 0 ? pick(paths) : pick(FIELDS);
    }

    private String literal() {
        return !strict && r.nextInt(4) == 0 ? pick(BAD_LITERALS) : pick(LITERALS);
    }

    private String function() {
        String fn = pick(FUNCTIONS);
        while (strict && (fn.equals("nosuch") || fn.equals("call"))) {
            fn = pick(FUNCTIONS);
        }
        return fn;
    }

    private String template() {
        StringBuilder b = new StringBuilder();
        int items = 1 + r.nextInt(4);
        for (int i = 0; i < items; i++) {
            b.append(item(0));
        }
        String t = b.toString();
        if (!strict && r.nextInt(5) == 0) {
            t = noise(t);
        }
        return t;
    }

    private String noise(String t) {
        if (t.isEmpty()) {
            return "{{";
        }
        int at = r.nextInt(t.length());
        return switch (r.nextInt(5)) {
            case 0 -> t.substring(0, at) + t.substring(at + 1);
            case 1 -> t.substring(0, at) + pick(new String[] {"{", "}", "(", ")", "|", "$", "\"", "`", "'", "-", " ", ",", "=", ":"}) + t.substring(at);
            case 2 -> t.substring(0, at);
            case 3 -> t + "{{end}}";
            default -> "{{" + t;
        };
    }

    private String item(int depth) {
        int k = r.nextInt(depth > 2 ? 3 : 10);
        return switch (k) {
            case 0 -> pick(TEXTS);
            case 1, 2 -> action(depth);
            case 3 -> "{{if " + pipeline(depth) + "}}" + body(depth) + elseIf(depth) + "{{end}}";
            case 4 -> rangeBlock(depth);
            case 5 -> "{{with " + pipeline(depth) + "}}" + body(depth) + (r.nextBoolean() ? "{{else}}" + body(depth) : "")
                      + "{{end}}";
            case 6 -> depth == 0 || !strict ? defineAndCall(depth) : action(depth);
            case 7 -> "{{" + (r.nextBoolean() ? "- " : "") + "/* " + pick(TEXTS).replace("*/", "") + " */"
                      + (r.nextBoolean() ? " -" : "") + "}}";
            case 8 -> "{{printf " + format() + args(depth, r.nextInt(4)) + "}}";
            default -> {
                String decl = "{{$v" + vars + " := " + pipeline(depth) + "}}";
                visible.add("$v" + vars++);
                yield decl + body(depth);
            }
        };
    }

    private String body(int depth) {
        int mark = visible.size();
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            b.append(item(depth + 1));
        }
        if (strict) {
            while (visible.size() > mark) {
                visible.remove(visible.size() - 1);
            }
        }
        return b.toString();
    }

    private String elseIf(int depth) {
        return switch (r.nextInt(4)) {
            case 0 -> "{{else}}" + body(depth);
            case 1 -> "{{else if " + pipeline(depth) + "}}" + body(depth) + (r.nextBoolean() ? "{{else}}" + body(depth) : "");
            default -> "";
        };
    }

    private String rangeBlock(int depth) {
        int choice = r.nextInt(4);
        String decl = choice == 0 ? "$i, $e := " : choice == 1 ? "$e := " : "";
        String head = "{{range " + decl + pipeline(depth) + "}}";
        int mark = visible.size();
        if (choice == 0) {
            visible.add("$i");
        }
        if (choice <= 1) {
            visible.add("$e");
        }
        StringBuilder inner = new StringBuilder(body(depth));
        if (r.nextInt(3) == 0) {
            inner.append("{{if ").append(pipeline(depth + 1)).append("}}{{").append(r.nextBoolean() ? "break" : "continue")
                 .append("}}{{end}}");
        }
        inner.append(body(depth));
        if (choice <= 1) {
            inner.append(choice == 0 && r.nextBoolean() ? "[{{$i}}]" : "{{$e}}");
        }
        String elseBody = r.nextInt(3) == 0 ? "{{else}}" + body(depth) : "";
        while (visible.size() > mark) {
            visible.remove(visible.size() - 1);
        }
        return head + inner + elseBody + "{{end}}";
    }

    private String defineAndCall(int depth) {
        String name = strict ? pick(new String[] {"t", "u"}) : pick(new String[] {"t", "u", "prompt", "t"});
        String call = "{{template \"" + name + "\"" + (r.nextBoolean() ? " " + operand(depth) : "") + "}}";
        if (r.nextInt(3) == 0) {
            return "{{block \"" + name + "\" " + operand(depth) + "}}" + body(2) + "{{end}}";
        }
        List<String> outer = new ArrayList<>(visible);
        visible.clear();
        String def = "{{define \"" + name + "\"}}" + body(2) + "{{end}}";
        visible.addAll(outer);
        return r.nextBoolean() ? def + call : call + def;
    }

    private String action(int depth) {
        boolean trimL = r.nextInt(6) == 0;
        boolean trimR = r.nextInt(6) == 0;
        return "{{" + (trimL ? "- " : "") + pipeline(depth) + (trimR ? " -" : "") + "}}";
    }

    private String pipeline(int depth) {
        StringBuilder b = new StringBuilder(command(depth));
        int more = r.nextInt(5) == 0 ? 1 + r.nextInt(2) : 0;
        for (int i = 0; i < more; i++) {
            b.append(" | ").append(!strict && r.nextInt(4) == 0 ? operand(depth) : function() + args(depth, r.nextInt(3)));
        }
        return b.toString();
    }

    private String command(int depth) {
        if (r.nextInt(3) == 0) {
            return operand(depth);
        }
        String fn = function();
        int n = switch (fn) {
            case "not", "len" -> r.nextInt(5) == 0 ? 2 : 1;
            case "default", "ne", "lt", "le", "gt", "ge" -> r.nextInt(5) == 0 ? r.nextInt(4) : 2;
            case "index", "slice" -> 1 + r.nextInt(4);
            default -> r.nextInt(4);
        };
        if (fn.equals("printf")) {
            return "printf " + format() + args(depth, r.nextInt(4));
        }
        return fn + args(depth, n);
    }

    private String args(int depth, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(' ').append(operand(depth));
        }
        return b.toString();
    }

    private String operand(int depth) {
        int k = r.nextInt(depth > 3 ? 8 : 10);
        return switch (k) {
            case 0, 1, 2 -> field();
            case 3, 4 -> literal();
            case 5 -> ".";
            case 6 -> pick(new String[] {"$", "$.a", "$.c", "$.m", "$.missing", "$.s"});
            case 7 -> !visible.isEmpty() ? visible.get(r.nextInt(visible.size()))
                    : strict ? "$" : "$v" + r.nextInt(3);
            case 8 -> "(" + pipeline(depth + 1) + ")";
            default -> "(" + pipeline(depth + 1) + ")" + (strict ? field() : pick(new String[] {".a", ".k", ".x"}));
        };
    }

    private String format() {
        StringBuilder b = new StringBuilder("\"");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (r.nextBoolean()) {
                b.append(pick(new String[] {"a", " ", "=", "\u00e9", "|"}));
            }
            b.append('%').append(pick(VERBS));
        }
        return b.append('"').toString();
    }
}
