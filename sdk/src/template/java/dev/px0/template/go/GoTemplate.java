package dev.px0.template.go;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A px0 template: Go's text/template language, parsed once and rendered any number of times, with the results Go
 * 1.19 gives (output byte for byte, and the same errors) for JSON variables decoded as Go decodes them. Execution
 * is strict (Go's {@code missingkey=error}), plus px0's {@code default}: {@code {{default "friendly" .tone}}} or
 * {@code {{.tone | default "friendly"}}} renders the first argument when the second is missing, nil, false, 0, ""
 * or an empty list or object; a missing key written directly as default's argument counts as missing rather than
 * failing (the one place px0 departs from Go's evaluation).
 *
 * <p>Bounded: a source of at most {@value #MAX_SOURCE_BYTES} bytes, nested at most {@value #MAX_NESTING} levels,
 * {@code {{template}}} calls at most {@value #MAX_TEMPLATE_DEPTH} deep, at most {@value #MAX_OUTPUT_BYTES} bytes
 * of output (and of any text built on the way), at most {@value #MAX_STEPS} execution steps. Past a limit, parse
 * or execute throws, naming it ({@link TemplateParseException#limit()}, {@link TemplateExecException#limit()}).
 *
 * <p>Immutable and safe to share between threads.
 */
public final class GoTemplate {

    /** The limits a template or a render can pass. */
    public enum Limit {
        /** The template's source is larger than {@link #MAX_SOURCE_BYTES}. */
        SOURCE_SIZE,
        /** Blocks and parentheses nest deeper than {@link #MAX_NESTING}. */
        NESTING,
        /** {@code {{template}}} calls nest deeper than {@link #MAX_TEMPLATE_DEPTH}. */
        TEMPLATE_DEPTH,
        /** The output, or a text built on the way, passes {@link #MAX_OUTPUT_BYTES}. */
        OUTPUT,
        /** The render takes more than {@link #MAX_STEPS} steps. */
        STEPS
    }

    /** Largest source, in UTF-8 bytes. */
    public static final int MAX_SOURCE_BYTES = 64 * 1024;
    /** Deepest nesting of if, range, with, define, block and parenthesised pipelines. */
    public static final int MAX_NESTING = 64;
    /** Deepest chain of {@code {{template}}} calls. */
    public static final int MAX_TEMPLATE_DEPTH = 1000;
    /** Largest output in UTF-8 bytes (for {@link #executeAll}, of all outputs together). */
    public static final int MAX_OUTPUT_BYTES = 1024 * 1024;
    /** Most steps of one render: nodes walked, lookups, calls, iterations, and one per 64 characters processed. */
    public static final long MAX_STEPS = 1_000_000;
    /** Deepest nesting of the variables (objects and arrays) {@link GoData} and {@link GoJson} accept. */
    public static final int MAX_DATA_DEPTH = 1000;

    /** A top-level variable the template reads, and whether every read is guarded (in a branch, or by default). */
    public record Variable(String name, boolean guarded) {
    }

    private final String name;
    private final byte[] text;
    private final Map<String, Node.ListNode> trees;
    private final List<Variable> variables;

    private GoTemplate(String name, byte[] text, Map<String, Node.ListNode> trees) {
        this.name = name;
        this.text = text;
        this.trees = Map.copyOf(trees);
        this.variables = Variables.of(this.trees, name);
    }

    /** Parses a template named "prompt" (the name Go's messages show). */
    public static GoTemplate parse(String source) {
        return parse("prompt", source);
    }

    /**
     * Parses a template; name is what messages call it ({@code template: NAME:1: ...}).
     *
     * @throws TemplateParseException if Go would not parse it, it calls an undefined function, or passes a limit
     */
    public static GoTemplate parse(String name, String source) {
        byte[] text = GoStrings.utf8(GoStrings.sanitize(source));
        if (text.length > MAX_SOURCE_BYTES) {
            throw new TemplateParseException("template: " + name + ": template larger than the limit of "
                                             + MAX_SOURCE_BYTES + " bytes", 0, 0, Limit.SOURCE_SIZE);
        }
        return new GoTemplate(name, text, Parser.parse(name, text));
    }

    /** The name messages use. */
    public String name() {
        return name;
    }

    /** The top-level variables the template reads, sorted by name (see {@link Variable}). */
    public List<Variable> variables() {
        return variables;
    }

    /**
     * Renders with data (JSON-shaped Java by {@link GoData}'s rules, read as the template needs it; null is Go's nil
     * data). The text is what Go's output bytes say (any byte that is not UTF-8 shows as U+FFFD).
     *
     * @throws TemplateExecException where Go's execution fails, or past a limit
     * @throws InvalidDataException  if the template reaches a value that is not JSON-shaped
     */
    public String execute(Object data) {
        Budget budget = new Budget();
        Object root = Values.value(data, budget);
        StringBuilder out = new StringBuilder(Math.max(64, text.length + (text.length >> 2)));
        new Exec(this, out, budget, 0).execute(name, root);
        String s = out.toString();
        return budget.escapes ? GoStrings.toText(s) : s;
    }

    /** Renders several templates with the same data as one render: the limits hold for all of them together. */
    public static List<String> executeAll(List<GoTemplate> templates, Object data) {
        Budget budget = new Budget();
        Object root = Values.value(data, budget);
        List<String> texts = new ArrayList<>(templates.size());
        long bytes = 0;
        for (GoTemplate t : templates) {
            StringBuilder out = new StringBuilder(Math.max(64, t.text.length + (t.text.length >> 2)));
            new Exec(t, out, budget, bytes).execute(t.name, root);
            String s = out.toString();
            if (budget.escapes) {
                s = GoStrings.toText(s);
            }
            if (templates.size() > 1) {
                bytes += GoStrings.byteLength(s);
            }
            texts.add(s);
        }
        return texts;
    }

    byte[] text() {
        return text;
    }

    Map<String, Node.ListNode> trees() {
        return trees;
    }
}
