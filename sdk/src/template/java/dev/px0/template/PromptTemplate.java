package dev.px0.template;

import java.io.StringReader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

/**
 * A px0 prompt template: Mustache without HTML escaping, strict, and resolved by JSON semantics only. One class,
 * compiled into the server and the Java SDK, so both accept the same templates and render them the same way.
 *
 * <p><b>Syntax.</b> {@code {{name}}}, {@code {{{name}}}} and {@code {{&name}}} (all the same: nothing is escaped),
 * {@code {{#name}}…{{/name}}}, {@code {{^name}}…{{/name}}}, {@code {{! comment }}}, and {@code {{.}}} /
 * {@code {{this}}} inside a section. A name is letters, digits, {@code _} and {@code -} (not first); dotted names
 * ({@code customer.name}) walk objects. Everything else is refused by {@link #compile} with an
 * {@link InvalidTemplateException} giving line and column: empty names, unclosed tags, a {@code {name}}}} opened
 * with one brace, sections closed by another name or not at all, delimiter changes, partials, parents and blocks,
 * sections nested deeper than {@value #MAX_DEPTH}, sources larger than {@value #MAX_BYTES} bytes (UTF-8).
 *
 * <p><b>Values</b> are JSON-shaped: {@code Map<String, ?>}, {@code List<?>}, {@code String}, {@code Number},
 * {@code Boolean} and {@code null}; anything else is an {@link IllegalArgumentException}. As a variable, a string
 * renders as itself, a number as its plain decimal text, a boolean as {@code true}/{@code false}, an object or
 * array as compact JSON; {@code null} or an absent key is missing ({@link MissingVariablesException}). A section
 * iterates an array (once per item, the item as context), is entered once for {@code true}, a non-empty string,
 * any number (0 included) or a non-empty object (it as context), and skipped for {@code false}, {@code ""},
 * {@code []} and {@code {}}; a section's name that is absent or null is missing. An inverted section is rendered
 * exactly when its section would be skipped, and an absent or null name is no error there.
 *
 * <p>{@link #renderAll} renders several templates (a chat version's messages) as one render. Immutable and safe to
 * share between threads.
 */
public final class PromptTemplate {

    /** Largest source, in UTF-8 bytes (32 KiB); the server also holds a chat version's messages to it in total. */
    public static final int MAX_BYTES = 32 * 1024;

    /** Deepest nesting of sections and inverted sections. */
    public static final int MAX_DEPTH = 32;

    /** Longest rendered text, in characters (1 Mi); for {@link #renderAll}, all texts together. */
    public static final int MAX_OUTPUT_CHARS = 1024 * 1024;

    /**
     * Most steps one render may take (a step is a name looked up in one context, or an array item entered); for
     * {@link #renderAll}, all templates together.
     */
    public static final long MAX_RENDER_STEPS = 1_000_000;

    private static final Mustache.Compiler ENGINE = Mustache.compiler()
            .escapeHTML(false)
            .strictSections(false)
            .withCollector(Resolver.INSTANCE)
            .withFormatter(Resolver.INSTANCE)
            .withLoader(name -> {
                throw new IllegalStateException("partials are not supported");
            });

    private final Template template;
    private final List<String> variables;

    private PromptTemplate(Template template, List<String> variables) {
        this.template = template;
        this.variables = variables;
    }

    /**
     * Refuses one message of a chat version whose UTF-8 bytes, after {@code bytesBefore} bytes of the messages
     * before it, pass {@link #MAX_BYTES} (each source alone is held to it by {@link #compile}): an
     * {@link InvalidTemplateException} at the first character past the limit.
     */
    public static void checkTotalSize(String source, long bytesBefore) {
        Scanner.checkSize(source, bytesBefore, "chat messages larger than " + MAX_BYTES + " bytes in total");
    }

    /** UTF-8 length of a string, without encoding it. */
    public static long utf8Length(String source) {
        long bytes = 0;
        for (int i = 0; i < source.length(); ) {
            int cp = source.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return bytes;
    }

    /** Parses a template, or throws {@link InvalidTemplateException} saying what and where. */
    public static PromptTemplate compile(String source) {
        Scanner.Scanned scanned = Scanner.scan(source);
        try {
            return new PromptTemplate(ENGINE.compile(new StringReader(scanned.engineSource())), scanned.variables());
        } catch (RuntimeException | StackOverflowError e) {
            // the scan accepts only what the engine compiles; this maps anything it would still throw
            int line = e instanceof MustacheException.Context c ? c.lineNo : engineLine(e.getMessage());
            throw new InvalidTemplateException("template the engine refuses (" + Scanner.clean(
                    String.valueOf(e.getMessage()), 80) + ")", Math.max(1, line), 1);
        }
    }

    private static int engineLine(String message) {
        int at = message == null ? -1 : message.lastIndexOf("@ line ");
        if (at < 0) {
            return 1;
        }
        try {
            return Integer.parseInt(message.substring(at + 7).trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * The names a caller must supply, sorted: variables and section names outside any section (a name inside a
     * section may come from the section's items; an inverted section needs nothing).
     */
    public List<String> variables() {
        return variables;
    }

    /**
     * Renders with the given variables ({@code null} is an empty map).
     *
     * @throws MissingVariablesException naming every missing name the render met, sorted
     * @throws IllegalArgumentException  if a value is not JSON-shaped
     * @throws RenderLimitException      if the render passes {@link #MAX_OUTPUT_CHARS} or {@link #MAX_RENDER_STEPS}
     */
    public String render(Map<String, ?> variables) {
        return renderAll(List.of(this), variables).get(0);
    }

    /**
     * Renders several templates (the messages of a chat version) with the same variables, as one render: the limits
     * hold for all of them together, and a {@link MissingVariablesException} names what any of them lacks.
     */
    public static List<String> renderAll(List<PromptTemplate> templates, Map<String, ?> variables) {
        Map<String, ?> values = variables == null ? Map.of() : variables;
        Values.check(values);
        Resolver.Root root = new Resolver.Root(values);
        Resolver.State state = new Resolver.State();
        List<String> texts = new ArrayList<>(templates.size());
        for (PromptTemplate t : templates) {
            Output out = new Output(state);
            t.execute(root, out, state);
            texts.add(out.text.toString());
        }
        if (!state.missing.isEmpty()) {
            throw new MissingVariablesException(new ArrayList<>(state.missing));
        }
        return texts;
    }

    private void execute(Resolver.Root root, Output out, Resolver.State state) {
        try {
            Resolver.run(template, root, out, state);
        } catch (RenderLimitException e) {
            throw e;
        } catch (MustacheException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof RenderLimitException limit) {
                    throw limit;
                }
            }
            throw new RenderLimitException("render failed: " + Scanner.clean(String.valueOf(e.getMessage()), 120));
        } catch (StackOverflowError e) {
            throw new RenderLimitException("render failed: template nested too deeply");
        } catch (RuntimeException e) {
            throw new RenderLimitException("render failed: " + e.getClass().getSimpleName());
        }
    }

    /** The rendered text, refused past {@link #MAX_OUTPUT_CHARS}. */
    private static final class Output extends Writer {
        final StringBuilder text = new StringBuilder();
        private final Resolver.State state;

        Output(Resolver.State state) {
            this.state = state;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            room(length);
            text.append(chars, offset, length);
        }

        @Override
        public void write(String s, int offset, int length) {
            room(length);
            text.append(s, offset, offset + length);
        }

        @Override
        public Writer append(CharSequence s) {
            CharSequence cs = s == null ? "null" : s;
            room(cs.length());
            text.append(cs);
            return this;
        }

        private void room(int length) {
            state.output += length;
            if (state.output > MAX_OUTPUT_CHARS) {
                throw new RenderLimitException("rendered text longer than " + MAX_OUTPUT_CHARS + " characters");
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
