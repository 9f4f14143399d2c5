package dev.px0.template.go;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The engine's facade as the server and the SDK will use it: errors, data conversion, variables, sharing. */
class GoTemplateTest {

    private static String render(String template, Object data) {
        return GoTemplate.parse(template).execute(data);
    }

    @Test
    void aParseErrorIsGosMessageWithLineAndColumn() {
        TemplateParseException e = assertThrows(TemplateParseException.class,
                                                () -> GoTemplate.parse("Hello\n  {{.name | nosuch}}"));
        assertThat(e.getMessage(), is("template: prompt:2: function \"nosuch\" not defined"));
        assertThat(e.line(), is(2));
        assertThat(e.column(), is(13));
        assertThat(e.limit(), nullValue());
        TemplateParseException unclosed = assertThrows(TemplateParseException.class,
                                                       () -> GoTemplate.parse("{{if .a}}\nno end"));
        assertThat(unclosed.getMessage(), is("template: prompt:2: unexpected EOF"));
        TemplateParseException named = assertThrows(TemplateParseException.class,
                                                    () -> GoTemplate.parse("greeting", "{{end}}"));
        assertThat(named.getMessage(), is("template: greeting:1: unexpected {{end}}"));
    }

    @Test
    void anExecutionErrorNamesWhatAndWhere() {
        TemplateExecException e = assertThrows(TemplateExecException.class,
                                               () -> render("Hi {{.user.name}}", Map.of("user", Map.of())));
        assertThat(e.getMessage(),
                   is("template: prompt:1:10: executing \"prompt\" at <.user.name>: map has no entry for key \"name\""));
        assertThat(e.limit(), nullValue());
        assertThat(assertThrows(TemplateExecException.class, () -> GoTemplate.parse("greeting", "{{.x}}").execute(
                Map.of())).getMessage(), containsString("template: greeting:1:2: executing \"greeting\" at <.x>"));
        assertThat(render("{{.x}}", Map.of("y", 1, "x", "ok")), is("ok"));
    }

    @Test
    void defaultStandsInForMissingNullAndEmptyValues() {
        String t = "{{default \"friendly\" .tone}}|{{.tone | default \"warm\"}}";
        assertThat(render(t, Map.of()), is("friendly|warm"));
        assertThat(render(t, Map.of("tone", "")), is("friendly|warm"));
        assertThat(render(t, new HashMap<>(Map.of("x", 1)) {{ put("tone", null); }}), is("friendly|warm"));
        assertThat(render(t, Map.of("tone", "curt")), is("curt|curt"));
        assertThat(render("{{default 5 .n}} {{default \"x\" .l}} {{default \"y\" .m}} {{default \"z\" .b}}",
                          Map.of("n", 0, "l", List.of(), "m", Map.of(), "b", false)), is("5 x y z"));
        // a missing key inside default counts as missing; anywhere else it is an error, as in Go
        assertThat(render("{{default \"anon\" .user.name}}", Map.of()), is("anon"));
        assertThrows(TemplateExecException.class, () -> render("{{default \"anon\" (print .user)}}", Map.of()));
    }

    /** The same variables as Java values and as JSON text give the same render. */
    private static void sameAsJson(Object java, String json, String template) {
        assertThat(render(template, java), is(render(template, GoJson.decode(json))));
    }

    @Test
    void javaValuesConvertAsTheirJsonWould() {
        String t = "{{range $k, $v := .}}{{$k}}={{$v}} {{printf \"%T\" $v}};{{end}}";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 1_000_000);
        m.put("long", 9_007_199_254_740_993L);
        m.put("short", (short) 7);
        m.put("byte", (byte) -3);
        m.put("float", 0.1f);
        m.put("double", 0.1);
        m.put("decimal", new BigDecimal("19.99"));
        m.put("bigint", new BigInteger("123456789012345678901234567890"));
        m.put("bool", true);
        m.put("char", 'x');
        m.put("null", null);
        m.put("array", new Object[] {1, "a"});
        m.put("list", List.of(2.5, Map.of("k", "v")));
        sameAsJson(m, "{\"int\": 1000000, \"long\": 9007199254740993, \"short\": 7, \"byte\": -3, \"float\": 0.1,"
                      + " \"double\": 0.1, \"decimal\": 19.99, \"bigint\": 123456789012345678901234567890,"
                      + " \"bool\": true, \"char\": \"x\", \"null\": null, \"array\": [1, \"a\"],"
                      + " \"list\": [2.5, {\"k\": \"v\"}]}", t);
        assertThat(render("{{.a}} {{.b}}", Map.of("a", 1_000_000, "b", 2.5f)), is("1e+06 2.5"));
        // lone surrogates are U+FFFD, as Go's decoder makes "\ud800"
        assertThat(render("{{.s}}|{{len .s}}", Map.of("s", "a\ud800b")), is("a\uFFFDb|5"));
        assertThat(render("{{.}}", Map.of("k\udc00", 1)), is("map[k\uFFFD:1]"));
    }

    @Test
    void valuesJsonDoesNotHaveAreRefused() {
        assertThat(assertThrows(InvalidDataException.class, () -> render("{{.n}}", Map.of("n", new BigDecimal("1e400"))))
                           .getMessage(), is("a variable holds the number 1E+400, which is beyond float64"));
        assertThat(assertThrows(InvalidDataException.class, () -> GoData.of(Double.NaN)).getMessage(),
                   is("a variable holds the number NaN, which is beyond float64"));
        assertThat(assertThrows(InvalidDataException.class, () -> GoData.of(Map.of("o", new Object())))
                           .getMessage(), is("a variable holds a java.lang.Object, which is not JSON"));
        assertThat(assertThrows(InvalidDataException.class, () -> GoData.of(Map.of(1, "x"))).getMessage(),
                   is("a variable holds an object with a key that is not a string: 1"));
        assertThat(assertThrows(InvalidDataException.class, () -> GoData.of(new java.util.concurrent.atomic.AtomicLong(1)))
                           .getMessage(), is("a variable holds a AtomicLong, which JSON has no number for"));
        assertThat(assertThrows(InvalidDataException.class, () -> GoJson.decode("{\"x\": 1e400}")).getMessage(),
                   is("json: cannot unmarshal number 1e400 into Go value of type float64"));
        assertThat(assertThrows(InvalidDataException.class, () -> GoJson.decode("{\"x\": }")).getMessage(),
                   is("invalid character '}' looking for beginning of value"));
        assertThat(assertThrows(InvalidDataException.class, () -> GoJson.decode("{\"x\": 1")).getMessage(),
                   is("unexpected end of JSON input"));
        assertThat(assertThrows(InvalidDataException.class, () -> GoJson.decode("{} x")).getMessage(),
                   is("invalid character 'x' after top-level value"));
    }

    @Test
    void variablesAreReadAsTheTemplateNeedsThem() {
        // what a template never reads is not looked at; what it reads is refused if it is not JSON
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Ada");
        data.put("unused", new Object());
        assertThat(render("Hello {{.name}}", data), is("Hello Ada"));
        assertThat(assertThrows(InvalidDataException.class, () -> render("{{.unused}}", data)).getMessage(),
                   is("a variable holds a java.lang.Object, which is not JSON"));
        assertThrows(InvalidDataException.class, () -> render("{{.}}", data));
        assertThat(assertThrows(InvalidDataException.class, () -> render("{{range $k, $v := .}}{{end}}",
                                                                         Map.of(1, "one"))).getMessage(),
                   is("a variable holds an object with a key that is not a string: 1"));
        // a map that holds itself is refused when printed, never a StackOverflowError
        Map<String, Object> cycle = new HashMap<>();
        cycle.put("self", cycle);
        assertThat(render("{{.self.self.self | len}}", cycle), is("1"));
        assertThat(assertThrows(InvalidDataException.class, () -> render("{{.}}", cycle)).getMessage(),
                   is("variables nested deeper than the limit of 1000 levels"));
    }

    @Test
    void dataAlreadyInTheModelIsNotCopied() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("s", "x");
        model.put("l", new ArrayList<>(List.of(1.0, "y", Map.of("n", 2.0))));
        assertThat(GoData.of(model), sameInstance(model));
        Map<String, Object> withInteger = new LinkedHashMap<>(model);
        withInteger.put("i", 1);
        Object converted = GoData.of(withInteger);
        assertThat(((Map<?, ?>) converted).get("i"), is(1.0));
        assertThat(((Map<?, ?>) converted).get("l"), sameInstance(model.get("l")));
    }

    @Test
    void variablesAreTheTopLevelNamesReadAndWhetherEveryReadIsGuarded() {
        GoTemplate t = GoTemplate.parse("Hello {{.name}}! {{if .isPremium}}{{.perk}}{{else}}{{.upsell}}{{end}}"
                + "{{range .examples}}{{.text}} {{$.sep}}{{end}}{{with .user}}{{.name}}{{end}}"
                + "{{default \"friendly\" .tone}} {{.style | default \"plain\"}} {{or .a .b}}"
                + "{{template \"footer\" .}}{{define \"footer\"}}{{.company}}{{end}}"
                + "{{template \"other\" .user}}{{define \"other\"}}{{.notTopLevel}}{{end}}");
        assertThat(t.variables(), is(List.of(
                new GoTemplate.Variable("a", false), new GoTemplate.Variable("b", true),
                new GoTemplate.Variable("company", false), new GoTemplate.Variable("examples", false),
                new GoTemplate.Variable("isPremium", false), new GoTemplate.Variable("name", false),
                new GoTemplate.Variable("perk", true), new GoTemplate.Variable("sep", true),
                new GoTemplate.Variable("style", true), new GoTemplate.Variable("tone", true),
                new GoTemplate.Variable("upsell", true), new GoTemplate.Variable("user", false))));
        assertThat(GoTemplate.parse("plain text").variables(), is(List.of()));
        assertThat(GoTemplate.parse("{{if .x}}{{.y}}{{end}}{{.y}}").variables(),
                   is(List.of(new GoTemplate.Variable("x", false), new GoTemplate.Variable("y", false))));
    }

    @Test
    void severalTemplatesRenderAsOne() {
        GoTemplate system = GoTemplate.parse("system", "You help {{.name}}.");
        GoTemplate user = GoTemplate.parse("user", "{{.question}}");
        assertThat(GoTemplate.executeAll(List.of(system, user), Map.of("name", "Ada", "question", "Why?")),
                   is(List.of("You help Ada.", "Why?")));
        TemplateExecException e = assertThrows(TemplateExecException.class,
                                               () -> GoTemplate.executeAll(List.of(system, user), Map.of("name", "A")));
        assertThat(e.getMessage(), containsString("executing \"user\" at <.question>"));
    }

    @Test
    void oneTemplateServesManyThreads() throws Exception {
        GoTemplate t = GoTemplate.parse("{{range $i, $v := .l}}{{$i}}:{{printf \"%05.1f\" $v}} {{end}}{{.name}}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                results.add(pool.submit(() -> t.execute(Map.of("l", List.of(n, n + 0.5), "name", "t" + n))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(), is("0:" + String.format(java.util.Locale.ROOT, "%05.1f", (double) i) + " 1:"
                                                    + String.format(java.util.Locale.ROOT, "%05.1f", i + 0.5) + " t" + i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void templateSourcesAreTextAsJsonDeliversIt() {
        // a lone surrogate in a template (JSON "\ud800") is U+FFFD, as Go receives it
        assertThat(render("a\ud800b", null), is("a\uFFFDb"));
        // bytes outside UTF-8 a template makes (slice, \x escapes) show as U+FFFD, unless they join into a character
        assertThat(render("{{slice \"é\" 0 1}}|{{slice \"é\" 0 1}}{{slice \"é\" 1 2}}|{{\"\\xff\"}}", null),
                   is("\uFFFD|é|\uFFFD"));
    }
}
