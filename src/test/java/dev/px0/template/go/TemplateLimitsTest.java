package dev.px0.template.go;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * px0's limits, which Go does not have: past each, a refusal naming it (parse-time limits at parse, run-time ones at
 * execution); just inside each, the same result as Go. Nothing overflows the Java stack, even on a small one.
 */
class TemplateLimitsTest {

    private static TemplateParseException parseRefusal(String source) {
        return assertThrows(TemplateParseException.class, () -> GoTemplate.parse(source));
    }

    private static TemplateExecException execRefusal(String source, Object data) {
        GoTemplate t = GoTemplate.parse(source);
        return assertThrows(TemplateExecException.class, () -> t.execute(data));
    }

    private static void assertSameAsGo(Case... cases) {
        Parity.Report r = Parity.compare(List.of(cases));
        assertTrue(r.differences.isEmpty() && r.compared == cases.length, () -> Parity.describe(r, 10));
    }

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    @Test
    void aSourceOfMoreThan64KiBIsRefused() {
        assertThat(GoTemplate.parse("x".repeat(65536)).execute(Map.of()).length(), is(65536));
        assertThat(GoTemplate.parse("é".repeat(32768)).execute(null).length(), is(32768)); // bytes, not characters
        TemplateParseException e = parseRefusal("x".repeat(65537));
        assertThat(e.limit(), is(GoTemplate.Limit.SOURCE_SIZE));
        assertThat(e.getMessage(), is("template: prompt: template larger than the limit of 65536 bytes"));
        assertThat(parseRefusal("é".repeat(32768) + "x").limit(), is(GoTemplate.Limit.SOURCE_SIZE));
    }

    @Test
    void nestingPast64LevelsIsRefusedAndUpTo64RendersAsInGo() {
        String ifs64 = repeat("{{if 1}}", 64) + "deep" + repeat("{{end}}", 64);
        String parens64 = "{{" + repeat("(", 63) + "1" + repeat(")", 63) + "}}";
        String mixed = repeat("{{range .l}}{{with .}}", 32) + "{{.}}" + repeat("{{end}}{{end}}", 32);
        assertSameAsGo(new Case("64 ifs", ifs64, "{}"), new Case("63 parens", parens64, "{}"),
                       new Case("64 range/with", mixed, "{\"l\": [[[[]]]]}"));

        TemplateParseException e = parseRefusal(repeat("{{if 1}}", 65) + "deep" + repeat("{{end}}", 65));
        assertThat(e.limit(), is(GoTemplate.Limit.NESTING));
        assertThat(e.getMessage(), is("template: prompt:1: nesting deeper than the limit of 64 levels"));
        assertThat(parseRefusal("{{" + repeat("(", 65) + "1" + repeat(")", 65) + "}}").limit(),
                   is(GoTemplate.Limit.NESTING));
        assertThat(parseRefusal("{{" + repeat("(", 30000)).limit(), is(GoTemplate.Limit.NESTING));
        assertThat(parseRefusal(repeat("{{with .}}", 5000)).limit(), is(GoTemplate.Limit.NESTING));
        assertThat(parseRefusal(repeat("{{block \"b\" .}}", 100)).limit(), is(GoTemplate.Limit.NESTING));
        assertThat(parseRefusal("\n\n" + repeat("{{range .}}", 65)).getMessage(),
                   is("template: prompt:3: nesting deeper than the limit of 64 levels"));
    }

    @Test
    void anElseIfChainIsNotNesting() {
        StringBuilder chain = new StringBuilder("{{if eq .n 0.0}}zero");
        for (int i = 1; i < 2000; i++) {
            chain.append("{{else if eq .n ").append(i).append(".0}}").append(i);
        }
        chain.append("{{else}}many{{end}}");
        assertSameAsGo(new Case("2000 else ifs, the last", chain.toString(), "{\"n\": 1999}"),
                       new Case("2000 else ifs, none", chain.toString(), "{\"n\": 5000}"));
    }

    private static final String COUNTDOWN =
            "{{define \"down\"}}{{if .}}{{len .}} {{template \"down\" (slice . 1)}}{{end}}{{end}}{{template \"down\" .l}}";

    private static String list(int n) {
        StringBuilder b = new StringBuilder("{\"l\": [");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(i);
        }
        return b.append("]}").toString();
    }

    @Test
    void templateCallsNestUpTo1000LevelsAsInGoAndNoDeeper() {
        assertSameAsGo(new Case("1000 nested calls", COUNTDOWN, list(999)));
        TemplateExecException e = execRefusal(COUNTDOWN, GoJson.decode(list(1000)));
        assertThat(e.limit(), is(GoTemplate.Limit.TEMPLATE_DEPTH));
        assertThat(e.getMessage(), containsString("executing \"down\" at <{{template \"down\" (slice . 1)}}>: "
                                                  + "template calls nested deeper than the limit of 1000 levels"));
        TemplateExecException forever = execRefusal("{{define \"x\"}}{{template \"x\" .}}{{end}}{{template \"x\"}}",
                                                     null);
        assertThat(forever.limit(), is(GoTemplate.Limit.TEMPLATE_DEPTH));
        assertThat(execRefusal("{{template \"prompt\" .}}", Map.of()).limit(), is(GoTemplate.Limit.TEMPLATE_DEPTH));
    }

    @Test
    void theDeepestLegalRenderNeedsLittleJavaStack() throws InterruptedException {
        // 1,000 template calls, each inside 60 levels of nesting: the walk keeps its frames on the heap
        String nested = "{{define \"d\"}}" + repeat("{{with .}}", 30) + repeat("{{if true}}", 29)
                        + "{{if .}}{{template \"d\" (slice . 1)}}{{end}}" + repeat("{{end}}", 59) + "{{end}}"
                        + "{{template \"d\" .l}}done";
        GoTemplate t = GoTemplate.parse(nested);
        Object data = GoJson.decode(list(999));
        AtomicReference<Object> result = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                result.set(t.execute(data));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertThat(String.valueOf(result.get()), is("done"));
        assertSameAsGo(new Case("1000 calls in 60 levels", nested, list(999)));
    }

    @Test
    void outputPast1MiBIsRefused() {
        String fill = "{{range .l}}" + "x".repeat(1023) + "\n{{end}}";
        assertThat(GoTemplate.parse(fill).execute(GoJson.decode(list(1024))).length(), is(1024 * 1024));
        TemplateExecException e = execRefusal(fill + "!", GoJson.decode(list(1024)));
        assertThat(e.limit(), is(GoTemplate.Limit.OUTPUT));
        assertThat(e.getMessage(), containsString("output larger than the limit of 1048576 bytes"));
        // bytes, not characters
        assertThat(execRefusal("{{range .l}}" + "é".repeat(600) + "{{end}}", GoJson.decode(list(1000))).limit(),
                   is(GoTemplate.Limit.OUTPUT));
        // printf's widths, and texts built on the way
        assertThat(execRefusal("{{range .l}}{{printf \"%1000000d\" 1}}{{end}}", GoJson.decode(list(2))).limit(),
                   is(GoTemplate.Limit.OUTPUT));
        assertThat(execRefusal("{{printf \"%9999999d\" 1 | len}}", null).limit(), is(GoTemplate.Limit.OUTPUT));
        assertThat(execRefusal("{{len (printf \"%s%s\" (printf \"%1000000d\" 1) (printf \"%1000000d\" 1))}}", null)
                           .limit(), is(GoTemplate.Limit.OUTPUT));
        assertThat(execRefusal("{{$x := printf \"%.900000f\" 1.5}}{{len (print $x $x)}}", null).limit(),
                   is(GoTemplate.Limit.OUTPUT));
        // several templates rendered as one share the limit
        GoTemplate half = GoTemplate.parse("{{range .l}}" + "x".repeat(1000) + "{{end}}");
        assertThat(assertThrows(TemplateExecException.class,
                                () -> GoTemplate.executeAll(List.of(half, half), GoJson.decode(list(600)))).limit(),
                   is(GoTemplate.Limit.OUTPUT));
        assertThat(GoTemplate.executeAll(List.of(half, half), GoJson.decode(list(500))).get(1).length(), is(500_000));
    }

    @Test
    void workPastTheStepLimitIsRefused() {
        Object data = GoJson.decode(list(1000));
        TemplateExecException e = execRefusal("{{range .l}}{{range $.l}}{{range $.l}}{{end}}{{end}}{{end}}", data);
        assertThat(e.limit(), is(GoTemplate.Limit.STEPS));
        assertThat(e.getMessage(), containsString("more than the limit of 1000000 execution steps"));
        // work on long strings counts by their length
        Map<String, Object> big = Map.of("s", "x".repeat(1_000_000), "l", ((Map<?, ?>) GoJson.decode(list(10_000))).get("l"));
        assertThat(execRefusal("{{range .l}}{{len $.s}}{{end}}", big).limit(), is(GoTemplate.Limit.STEPS));
        assertThat(execRefusal("{{range .l}}{{if eq $.s $.s}}{{end}}{{end}}", big).limit(), is(GoTemplate.Limit.STEPS));
        assertThat(execRefusal("{{range .l}}{{$x := html $.s}}{{end}}", big).limit(), is(GoTemplate.Limit.STEPS));
        // recursion that fans out stays within the call limit but not the step limit
        assertThat(execRefusal("{{define \"f\"}}{{if .}}{{template \"f\" (slice . 1)}}{{template \"f\" (slice . 1)}}"
                               + "{{end}}{{end}}{{template \"f\" .l}}", GoJson.decode(list(40))).limit(),
                   is(GoTemplate.Limit.STEPS));
        // variables: thousands declared, then looked up many times
        String many = "{{$a := 1}}" + "{{$b := 2}}".repeat(5000) + "{{range .l}}{{$a}}{{end}}";
        assertThat(execRefusal(many, GoJson.decode(list(10_000))).limit(), is(GoTemplate.Limit.STEPS));
    }

    @Test
    void variablesNestedPast1000LevelsAreRefused() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        assertThat(GoJson.decode(deep) instanceof List, is(true));
        InvalidDataException e = assertThrows(InvalidDataException.class,
                                              () -> GoJson.decode("[".repeat(1001) + "]".repeat(1001)));
        assertThat(e.getMessage(), is("variables nested deeper than the limit of 1000 levels"));
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThat(assertThrows(InvalidDataException.class, () -> GoData.of(Map.of("c", cycle))).getMessage(),
                   is("variables nested deeper than the limit of 1000 levels"));
        assertSameAsGo(new Case("1000 levels printed", "{{.}}", deep));
    }
}
