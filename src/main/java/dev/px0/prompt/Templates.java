package dev.px0.prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.px0.http.ApiException;
import dev.px0.template.InvalidTemplateException;
import dev.px0.template.MissingVariablesException;
import dev.px0.template.PromptTemplate;
import dev.px0.template.RenderLimitException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * px0's templates as the server uses them: {@link PromptTemplate} (shared with the Java SDK, so both accept and
 * render alike) fed with the request's JSON converted to plain Java values. A compiled template is immutable and
 * safe to share between threads; {@link RenderService} keeps those of versions in the node's cache.
 */
public final class Templates {

    private Templates() {
    }

    /** A template that parsed, and the names it needs. */
    public record Compiled(PromptTemplate template) {
        public List<String> variables() {
            return template.variables();
        }
    }

    /** A template is refused; the message says what and where ({@code "<what> at line L, column C"}). */
    public static final class InvalidTemplate extends RuntimeException {
        InvalidTemplate(String message) {
            super(message, null, false, false);
        }
    }

    /** Variables the template needs that the request lacks (absent or null), sorted. */
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
        try {
            return new Compiled(PromptTemplate.compile(source));
        } catch (InvalidTemplateException e) {
            throw new InvalidTemplate(e.getMessage());
        }
    }

    /**
     * Parses one message of a chat version, after messages that took {@code bytesBefore} UTF-8 bytes: together they
     * may take at most {@link PromptTemplate#MAX_BYTES} (one source alone is held to it by {@link PromptTemplate}).
     */
    public static Compiled compile(String source, long bytesBefore) {
        if (bytesBefore > 0) {
            try {
                PromptTemplate.checkTotalSize(source, bytesBefore);
            } catch (InvalidTemplateException e) {
                throw new InvalidTemplate(e.getMessage());
            }
        }
        return compile(source);
    }

    /**
     * Renders with the request's variables; throws {@link MissingVariables} naming every one it lacks, or a
     * {@code 400} refusal when the render passes a limit.
     */
    public static String render(Compiled compiled, JsonObject variables) {
        try {
            return compiled.template().render(toJava(variables));
        } catch (MissingVariablesException e) {
            throw new MissingVariables(e.missing());
        } catch (RenderLimitException | IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /**
     * Renders the messages of a chat version as one render (the limits hold for them together); throws
     * {@link MissingVariables} naming what any of them lacks.
     */
    public static List<String> renderAll(List<Compiled> messages, JsonObject variables) {
        List<PromptTemplate> templates = new ArrayList<>(messages.size());
        messages.forEach(m -> templates.add(m.template()));
        try {
            return PromptTemplate.renderAll(templates, toJava(variables));
        } catch (MissingVariablesException e) {
            throw new MissingVariables(e.missing());
        } catch (RenderLimitException | IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** JSON-P to plain Java: object → Map, array → List, string → String, number → BigDecimal, true/false, null. */
    static Map<String, Object> toJava(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, object.size() * 2));
        object.forEach((k, v) -> map.put(k, toJava(v)));
        return map;
    }

    private static Object number(JsonNumber number) {
        try {
            return number.bigDecimalValue();
        } catch (RuntimeException e) { // an exponent past what BigDecimal holds
            throw ApiException.badRequest("variables hold a number px0 cannot read");
        }
    }

    private static Object toJava(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> toJava((JsonObject) value);
            case ARRAY -> {
                JsonArray array = (JsonArray) value;
                List<Object> list = new ArrayList<>(array.size());
                array.forEach(v -> list.add(toJava(v)));
                yield list;
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> number((JsonNumber) value);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }
}
