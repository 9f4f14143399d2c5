package dev.px0.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The shared template layer on its own: how names resolve, what each value renders as, and its limits. */
class PromptTemplateTest {

    private static String render(String template, Map<String, ?> variables) {
        return PromptTemplate.compile(template).render(variables);
    }

    private static List<String> missing(String template, Map<String, ?> variables) {
        return assertThrows(MissingVariablesException.class, () -> render(template, variables)).missing();
    }

    private static Map<String, Object> vars(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    // --- issue 14, finding 1: no Java methods, fields or getters, on any type

    private static final String FINDING_1 = "{{#s}}{{length}}|{{toUpperCase}}|{{hashCode}}|{{bytes}}{{/s}}";

    @Test
    void aStringSectionCallsNoMethods() {
        // the names inside resolve outward, to the variables: never to String.length() and the like
        assertThat(render(FINDING_1, vars("s", "hello", "length", "L", "toUpperCase", "U", "hashCode", "H", "bytes", "B")),
                   is("L|U|H|B"));
        assertThat(missing(FINDING_1, vars("s", "hello")), is(List.of("bytes", "hashCode", "length", "toUpperCase")));
        assertThat(render("{{#s}}<{{.}}>{{/s}}", vars("s", "hello")), is("<hello>"));
    }

    @Test
    void objectsAndArraysAnswerOnlyTheirKeys() {
        assertThat(missing("{{#m}}{{size}}{{entrySet}}{{isEmpty}}{{class}}{{/m}}", vars("m", vars("c", 1))),
                   is(List.of("class", "entrySet", "isEmpty", "size")));
        assertThat(missing("{{m.size}} {{m.class}} {{l.size}} {{l.0}} {{n.scale}}",
                           vars("m", vars("c", 1), "l", List.of(1), "n", new BigDecimal("1.5"))),
                   is(List.of("l.0", "l.size", "m.class", "m.size", "n.scale")));
        assertThat(missing("{{#n}}{{scale}}{{/n}}{{#b}}{{TRUE}}{{/b}}", vars("n", 7, "b", true)),
                   is(List.of("TRUE", "scale")));
    }

    @Test
    void anyOtherJavaTypeIsRefusedBeforeTheRender() {
        Object pojo = new Object() {
            public String getName() {
                return "called";
            }
        };
        var e = assertThrows(IllegalArgumentException.class,
                             () -> render("{{#p}}{{name}}{{/p}}", vars("p", pojo, "name", "n")));
        assertThat(e.getMessage(), containsString("variable p is a "));
        assertThat(e.getMessage(), containsString("only JSON-shaped values"));
        assertThat(assertThrows(IllegalArgumentException.class,
                                () -> render("{{a}}", vars("a", List.of(vars("x", new StringBuilder("s")))))).getMessage(),
                   containsString("variable a[0].x is a java.lang.StringBuilder"));
        Map<Object, Object> intKeys = new HashMap<>();
        intKeys.put(1, "one");
        assertThat(assertThrows(IllegalArgumentException.class, () -> render("{{a}}", vars("a", intKeys))).getMessage(),
                   containsString("key that is not a String"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> render("{{a}}", vars("a", Double.NaN))).getMessage(),
                   containsString("JSON cannot carry"));
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        assertThat(assertThrows(IllegalArgumentException.class, () -> render("{{a}}", vars("a", cyclic))).getMessage(),
                   containsString("nested deeper than 1000"));
    }

    // --- what each JSON type renders as

    @Test
    void objectsAndArraysRenderAsJson() {
        assertThat(render("{{m}} {{l}} {{{m}}}", vars("m", vars("c", 1, "s", "a\"b\n", "n", null), "l", List.of(1, "x", true))),
                   is("{\"c\":1,\"s\":\"a\\\"b\\n\",\"n\":null} [1,\"x\",true] {\"c\":1,\"s\":\"a\\\"b\\n\",\"n\":null}"));
        assertThat(render("{{e}}{{l}}", vars("e", Map.of(), "l", List.of())), is("{}[]"));
    }

    @Test
    void numbersRenderAsTheirJsonText() {
        assertThat(render("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}} {{h}} {{i}}",
                          vars("a", 42, "b", 0.5, "c", 42L, "d", 42.0, "e", new BigDecimal("1.50"), "f", 1e20,
                               "g", 0.1f, "h", new BigInteger("123456789012345678901234567890"), "i", -0.0)),
                   is("42 0.5 42 42.0 1.50 100000000000000000000 0.1 123456789012345678901234567890 0.0"));
        // a plain form longer than 100 characters is written in scientific notation instead
        assertThat(render("{{a}}", vars("a", new BigDecimal("1E+1000"))), is("1E+1000"));
        assertThat(render("{{a}}", vars("a", new BigDecimal("1E+20"))), is("100000000000000000000"));
    }

    @Test
    void booleansAndStrings() {
        assertThat(render("{{t}} {{f}} {{s}} [{{e}}]", vars("t", true, "f", false, "s", "<&'\">", "e", "")),
                   is("true false <&'\"> []"));
    }

    // --- null is missing

    @Test
    void nullIsMissingAsAVariableAndAsASectionName() {
        assertThat(missing("Hello {{customer}}, about {{topic}}.", vars("customer", 42, "topic", null)),
                   is(List.of("topic")));
        assertThat(missing("{{#items}}x{{/items}}", vars("items", null)), is(List.of("items")));
        assertThat(missing("{{a.b}} {{c.d}}", vars("a", vars("b", null), "c", null)), is(List.of("a.b", "c.d")));
        assertThat(missing("{{#items}}{{title}}{{/items}}", vars("items", List.of(vars("title", null)))),
                   is(List.of("title")));
        assertThat(missing("{{#items}}{{#flag}}x{{/flag}}{{/items}}", vars("items", List.of(vars("flag", null)))),
                   is(List.of("flag")));
        assertThat(missing("{{#l}}[{{.}}]{{/l}}", vars("l", Arrays.asList(1, null))), is(List.of(".")));
        assertThat(missing("{{b}} {{a}}", null), is(List.of("a", "b")));
        // an inverted section needs nothing: absent and null both render it
        assertThat(render("{{^vip}}regular{{/vip}}", vars()), is("regular"));
        assertThat(render("{{^vip}}regular{{/vip}}", vars("vip", null)), is("regular"));
        // a null item key falls back to the outer value, as an absent one does
        assertThat(render("{{#items}}{{title}}{{/items}}", vars("items", List.of(vars("title", null)), "title", "T")),
                   is("T"));
    }

    // --- sections

    @Test
    void nestedSectionsOverArraysOfObjects() {
        Map<String, Object> data = vars("orders", List.of(
                vars("id", 1, "lines", List.of(vars("sku", "a", "qty", 2), vars("sku", "b", "qty", 1))),
                vars("id", 2, "lines", List.of())));
        assertThat(render("{{#orders}}#{{id}}:{{#lines}} {{sku}}x{{qty}}{{/lines}}{{^lines}} empty{{/lines}};{{/orders}}", data),
                   is("#1: ax2 bx1;#2: empty;"));
        assertThat(render("{{#rows}}[{{#.}}{{.}}{{/.}}]{{/rows}}", vars("rows", List.of(List.of(1, 2), List.of(3)))),
                   is("[12][3]"));
        assertThat(render("{{#a}}{{b}}{{/a}}", vars("a", List.of(vars("b", 1), vars()), "b", "outer")), is("1outer"));
    }

    @Test
    void whatEntersASection() {
        String t = "{{#v}}in{{/v}}{{^v}}out{{/v}}";
        assertThat(render(t, vars("v", true)), is("in"));
        assertThat(render(t, vars("v", false)), is("out"));
        assertThat(render(t, vars("v", "x")), is("in"));
        assertThat(render(t, vars("v", "")), is("out"));
        assertThat(render(t, vars("v", 0)), is("in"));
        assertThat(render(t, vars("v", 1.5)), is("in"));
        assertThat(render(t, vars("v", vars("k", 1))), is("in"));
        assertThat(render(t, vars("v", Map.of())), is("out"));
        assertThat(render(t, vars("v", List.of())), is("out"));
        assertThat(render(t, vars("v", List.of(1, 2))), is("inin"));
        assertThat(render("{{#o}}{{k}}/{{.}}{{/o}}", vars("o", vars("k", "v"))), is("v/{\"k\":\"v\"}"));
        assertThat(render("{{#n}}{{.}}{{/n}}", vars("n", 0)), is("0"));
        assertThat(render("{{#l}}{{^.}}(empty){{/.}}{{#.}}{{.}}{{/.}};{{/l}}", vars("l", List.of("", "x", false, List.of()))),
                   is("(empty);x;(empty);(empty);"));
    }

    @Test
    void dottedNames() {
        Map<String, Object> data = vars("customer", vars("name", "Ada", "address", vars("city", "London")));
        assertThat(render("{{customer.name}} of {{customer.address.city}}", data), is("Ada of London"));
        assertThat(render("{{#customer}}{{address.city}}{{/customer}}", data), is("London"));
        assertThat(missing("{{customer.address.zip}} {{customer.name.first}}", data),
                   is(List.of("customer.address.zip", "customer.name.first")));
        // a key with a dot in it is not reached by a dotted name
        assertThat(missing("{{a.b}}", vars("a.b", 1)), is(List.of("a.b")));
        assertThat(PromptTemplate.compile("{{b}} {{a.x}} {{#items}}{{inner}}{{/items}} {{^absent}}{{n}}{{/absent}}")
                           .variables(), is(List.of("a.x", "b", "items")));
    }

    @Test
    void tripleBracesAmpersandAndComments() {
        assertThat(render("{{{a}}}|{{&a}}|{{a}}|{{! a comment {{ with braces }}", vars("a", "<b>&amp;")),
                   is("<b>&amp;|<b>&amp;|<b>&amp;|"));
        assertThat(render("{{ a }}{{# s }}x{{/ s }}{{{ a }}}", vars("a", "1", "s", true)), is("1x1"));
    }

    @Test
    void unicode() {
        assertThat(render("héllo {{名前}} {{#x}}{{.}}{{/x}} {{naïve}}", vars("名前", "世界", "x", List.of("😀", 1), "naïve", "ok")),
                   is("héllo 世界 😀1 ok"));
        var e = assertThrows(InvalidTemplateException.class, () -> PromptTemplate.compile("héllo 😀\n😀 {{}}"));
        assertThat(e.getMessage(), is("empty tag name in {{}} at line 2, column 3"));
    }

    @Test
    void standaloneSectionLinesLeaveNoBlankLines() {
        assertThat(render("Hi\n{{#list}}\n  * {{.}}\n{{/list}}\nBye", vars("list", List.of("a", "b"))),
                   is("Hi\n  * a\n  * b\nBye"));
    }

    @Test
    void aTemplateIsSharedSafelyAndRendersAlike() throws Exception {
        PromptTemplate template = PromptTemplate.compile("{{#items}}{{name}},{{/items}}");
        List<Thread> threads = new ArrayList<>();
        List<String> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int n = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200; i++) {
                    results.add(template.render(vars("items", List.of(vars("name", n), vars("name", i)))));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(results.size(), is(800));
        assertThat(results.stream().allMatch(r -> r.matches("[0-3],[0-9]+,")), is(true));
    }

    @Test
    void randomSourcesAreCompiledOrRefusedAndNothingElse() {
        String[] pieces = {"{{", "}}", "{", "}", "{{{", "}}}", "#", "^", "/", "&", "!", "=", ">", "<", "$", ".", "a",
                           "b", "this", " ", "\n", "\r", "-", "é", "😀", "\u0000", "x.y", "{{#a}}", "{{/a}}", "{{.}}"};
        java.util.Random random = new java.util.Random(13);
        int compiled = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder source = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                source.append(pieces[random.nextInt(pieces.length)]);
            }
            PromptTemplate template;
            try {
                template = PromptTemplate.compile(source.toString());
            } catch (InvalidTemplateException e) {
                assertThat(source.toString(), e.getMessage().matches("(?s).+ at line [0-9]+, column [0-9]+"), is(true));
                continue;
            }
            compiled++;
            Map<String, Object> values = new HashMap<>();
            template.variables().forEach(name -> values.put(name.split("\\.")[0], List.of(vars("a", 1, "b", "x"))));
            try {
                template.render(values);
            } catch (MissingVariablesException expected) {
                // names inside sections that the values lack
            }
        }
        assertThat(compiled > 1000, is(true));
    }

    @Test
    void renderAllIsOneRenderOfSeveralTemplates() {
        List<PromptTemplate> messages = List.of(PromptTemplate.compile("About {{topic}}."),
                                                PromptTemplate.compile("{{b}} {{#items}}{{a}}{{/items}}"));
        assertThat(PromptTemplate.renderAll(messages, vars("topic", 1, "b", 2, "items", List.of(vars("a", 3)))),
                   is(List.of("About 1.", "2 3")));
        assertThat(assertThrows(MissingVariablesException.class,
                                () -> PromptTemplate.renderAll(messages, vars("items", List.of(vars())))).missing(),
                   is(List.of("a", "b", "topic")));
        // the limits hold for all of them together: each alone stays below
        PromptTemplate half = PromptTemplate.compile("{{#a}}{{s}}{{/a}}");
        Map<String, Object> values = vars("a", java.util.Collections.nCopies(600, 1), "s", "x".repeat(1000));
        assertThat(half.render(values).length(), is(600_000));
        assertThat(assertThrows(RenderLimitException.class, () -> PromptTemplate.renderAll(List.of(half, half), values))
                           .getMessage(), is("rendered text longer than 1048576 characters"));
        PromptTemplate steps = PromptTemplate.compile("{{#a}}{{#a}}.{{/a}}{{/a}}");
        Map<String, Object> items = vars("a", java.util.Collections.nCopies(600, 1));
        assertThat(steps.render(items).length(), is(360_000));
        assertThrows(RenderLimitException.class, () -> PromptTemplate.renderAll(List.of(steps, steps, steps), items));
    }

    // --- limits at render

    @Test
    void aRenderStopsAtItsStepAndOutputLimits() {
        // 1001 x 1001 items: just past the step limit, while its output (1,002,001 dots) stays below the output limit
        String nested = "{{#a}}{{#a}}.{{/a}}{{/a}}";
        var steps = assertThrows(RenderLimitException.class,
                                 () -> render(nested, vars("a", java.util.Collections.nCopies(1001, 1))));
        assertThat(steps.getMessage(), is("render took more than 1000000 steps (sections over large lists nested in each other)"));
        var output = assertThrows(RenderLimitException.class,
                                  () -> render("{{#a}}{{s}}{{/a}}", vars("a", java.util.Collections.nCopies(2000, 1),
                                                                          "s", "x".repeat(1000))));
        assertThat(output.getMessage(), is("rendered text longer than 1048576 characters"));
        // just below the limits, it renders
        assertThat(render(nested, vars("a", java.util.Collections.nCopies(900, 1))).length(), is(810_000));
        assertThat(render("{{#a}}{{s}}{{/a}}", vars("a", java.util.Collections.nCopies(1000, 1), "s", "x".repeat(1000)))
                           .length(), is(1_000_000));
    }
}
