package dev.px0.prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Mustache templates (jmustache) as px0 uses them: no HTML escaping (prompts are text), no partials, and no silent
 * blanks: a variable the template needs and the request lacks is an error naming it.
 *
 * <p>The <em>variables</em> of a template are the names a caller must supply: the variables and section names at
 * the top level (names inside a section are looked up in the section's items first). A compiled template is
 * immutable and safe to share between threads; {@link PromptService} keeps those of versions in the node's cache.
 */
public final class Templates {

    private Templates() {
    }

    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).strictSections(false);
    private static final Pattern MISSING = Pattern.compile("No (?:method or field with name|key) '([^']+)'");

    /** A template that parsed, and the names it needs. */
    public record Compiled(Template template, List<String> variables) {
    }

    /** A template does not parse; the message says where and why. */
    public static final class InvalidTemplate extends RuntimeException {
        InvalidTemplate(String message) {
            super(message, null, false, false);
        }
    }

    /** Variables the template needs that the request lacks, sorted. */
    public static final class MissingVariables extends RuntimeException {
        private final List<String> names;

        MissingVariables(List<String> names) {
            super("missing variables", null, false, false);
            this.names = List.copyOf(names);
        }

        public List<String> names() {
            return names;
        }
    }

    /** Parses a template, or throws {@link InvalidTemplate}. */
    public static Compiled compile(String source) {
        Template template;
        try {
            template = COMPILER.compile(source);
        } catch (MustacheException e) {
            throw new InvalidTemplate(e.getMessage());
        }
        TreeSet<String> names = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                if (!name.equals(".") && !name.equals("this")) {
                    names.add(name);
                }
            }

            @Override
            public boolean visitInclude(String name) {
                problems.add("partials are not supported ({{> " + name + "}})");
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                names.add(name);
                return false;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                return false;
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidTemplate(problems.getFirst());
        }
        return new Compiled(template, List.copyOf(names));
    }

    /** Renders with the request's variables; throws {@link MissingVariables} naming every one it lacks. */
    public static String render(Compiled compiled, JsonObject variables) {
        List<String> missing = compiled.variables().stream().filter(name -> !present(variables, name)).toList();
        if (!missing.isEmpty()) {
            throw new MissingVariables(missing);
        }
        try {
            return compiled.template().execute(toJava(variables));
        } catch (MustacheException e) {
            Matcher m = MISSING.matcher(String.valueOf(e.getMessage()));
            throw new MissingVariables(List.of(m.find() ? m.group(1) : "unknown"));
        }
    }

    private static boolean present(JsonObject variables, String dotted) {
        JsonValue value = variables;
        for (String part : dotted.split("\\.")) {
            if (!(value instanceof JsonObject object) || !object.containsKey(part)) {
                return false;
            }
            value = object.get(part);
        }
        return true;
    }

    private static Object toJava(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, toJava(v)));
                yield map;
            }
            case ARRAY -> ((JsonArray) value).stream().map(Templates::toJava).toList();
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue().toPlainString();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> "";
        };
    }
}
