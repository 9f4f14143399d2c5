import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.px0.prompt.Templates;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The template layer alone, one thread: px0's strict templates (dev.px0.template through prompt.Templates, JSON-P
 * variables in, text out) against the engine as px0 used it before (jmustache's default reflective lookup, the same
 * JSON-P conversion), on the bench's render template and on a section over 20 objects, in alternating rounds.
 * Usage: bench/run TemplateRender [rounds] [renders per round]
 */
public class TemplateRender {

    private static final Mustache.Compiler BEFORE = Mustache.compiler().escapeHTML(false).strictSections(false);

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int renders = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        String simple = "You are a helpful assistant for {{product}}. Greet {{customer}} warmly and ask how you can help today.";
        JsonObject simpleVars = json("{\"customer\":\"Ada\",\"product\":\"px0\"}");
        String list = "Orders of {{customer.name}}:\n{{#orders}}- #{{id}} {{item}} x{{qty}}{{#gift}} (gift){{/gift}}\n{{/orders}}";
        StringBuilder orders = new StringBuilder("{\"customer\":{\"name\":\"Ada\"},\"orders\":[");
        for (int i = 0; i < 20; i++) {
            orders.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"item\":\"book ").append(i)
                    .append("\",\"qty\":").append(i % 3 + 1).append(",\"gift\":").append(i % 2 == 0).append('}');
        }
        JsonObject listVars = json(orders.append("]}").toString());

        Templates.Compiled simpleNow = Templates.compile(simple);
        Templates.Compiled listNow = Templates.compile(list);
        Template simpleBefore = BEFORE.compile(simple);
        Template listBefore = BEFORE.compile(list);
        check(Templates.render(simpleNow, simpleVars), simpleBefore.execute(toJava(simpleVars)));
        check(Templates.render(listNow, listVars), listBefore.execute(toJava(listVars)));

        Map<String, Supplier<String>> phases = new LinkedHashMap<>();
        phases.put("simple, before (reflective jmustache)", () -> simpleBefore.execute(toJava(simpleVars)));
        phases.put("simple, now (dev.px0.template)", () -> Templates.render(simpleNow, simpleVars));
        phases.put("20-object section, before", () -> listBefore.execute(toJava(listVars)));
        phases.put("20-object section, now", () -> Templates.render(listNow, listVars));
        Map<String, List<Double>> nanos = new LinkedHashMap<>();
        phases.keySet().forEach(k -> nanos.put(k, new ArrayList<>()));
        for (int round = -2; round < rounds; round++) { // two warm-up rounds
            for (Map.Entry<String, Supplier<String>> phase : phases.entrySet()) {
                long start = System.nanoTime();
                int sink = 0;
                for (int i = 0; i < renders; i++) {
                    sink += phase.getValue().get().length();
                }
                double perRender = (System.nanoTime() - start) / (double) renders;
                if (sink == 42) {
                    System.out.print("");
                }
                if (round >= 0) {
                    nanos.get(phase.getKey()).add(perRender);
                }
            }
        }
        System.out.printf("%d rounds of %,d renders per phase, one thread; medians%n", rounds, renders);
        System.out.printf("%-40s %12s%n", "", "ns/render");
        nanos.forEach((k, v) -> System.out.printf("%-40s %,12.0f%n", k, median(v)));
        System.out.printf("ratio now/before: simple %.2f, section %.2f%n",
                          median(nanos.get("simple, now (dev.px0.template)")) / median(nanos.get("simple, before (reflective jmustache)")),
                          median(nanos.get("20-object section, now")) / median(nanos.get("20-object section, before")));
    }

    private static void check(String now, String before) {
        if (!now.equals(before)) {
            throw new IllegalStateException("renders differ:\n" + now + "\n" + before);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** The conversion px0 made before: numbers as their plain text, null as "". */
    private static Object toJava(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, toJava(v)));
                yield map;
            }
            case ARRAY -> ((JsonArray) value).stream().map(TemplateRender::toJava).toList();
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue().toPlainString();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> "";
        };
    }
}
