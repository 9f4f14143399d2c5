package dev.px0.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.px0.template.PromptTemplate;

/**
 * One version of a prompt, compiled, as the client held it when {@link Px0Client#prompt(String)} returned it.
 * Immutable and thread-safe: ask the client again (free: from memory) to see a newer version once one is published.
 * Rendering makes no network call.
 */
public final class Prompt {

    /** Where a prompt came from. */
    enum Origin {
        PX0, SNAPSHOT, FALLBACK
    }

    /** One message of a chat prompt (a text prompt has one, without role). */
    record Part(String role, PromptTemplate template) {
    }

    private final String slug;
    private final int version;
    private final String label;
    private final String type;
    private final Map<String, Object> config;
    private final List<String> variables;
    private final List<Part> parts;
    private final String etag;
    private final Origin origin;
    private final Telemetry telemetry;

    Prompt(String slug, int version, String label, String type, Map<String, Object> config, List<Part> parts,
           String etag, Origin origin, Telemetry telemetry) {
        this.slug = slug;
        this.version = version;
        this.label = label;
        this.type = type;
        this.config = config;
        this.parts = List.copyOf(parts);
        this.etag = etag;
        this.origin = origin;
        this.telemetry = telemetry;
        TreeSet<String> names = new TreeSet<>();
        for (Part part : parts) {
            names.addAll(part.template().variables());
        }
        this.variables = List.copyOf(names);
    }

    /** The prompt's slug ({@code reply}). */
    public String slug() {
        return slug;
    }

    /** The version number; {@code 0} for a {@linkplain Px0Client.Builder#fallback fallback}. */
    public int version() {
        return version;
    }

    /** The label this prompt was asked for ({@code production}), or {@code null} when asked by version number. */
    public String label() {
        return label;
    }

    /** {@code text} or {@code chat}. */
    public String type() {
        return type;
    }

    /** The version's {@code config} (model, temperature, …) as JSON-shaped Java values; empty when it has none. */
    public Map<String, Object> config() {
        return config;
    }

    /** The variables a render needs, sorted. */
    public List<String> variables() {
        return variables;
    }

    /**
     * Renders a text prompt: exactly the {@code text} {@code POST …/render} returns for the same variables.
     * Values are JSON-shaped: {@code Map<String, ?>}, {@code List<?>}, {@code String}, {@code Number},
     * {@code Boolean}; {@code null} counts as missing.
     *
     * @throws MissingVariablesException naming every variable missing, sorted
     * @throws IllegalStateException     if this is a chat prompt (use {@link #renderMessages})
     */
    public String render(Map<String, ?> variables) {
        if (!type.equals("text")) {
            throw new IllegalStateException("prompt " + slug + " is a chat prompt: use renderMessages");
        }
        telemetry.rendered(this);
        try {
            return parts.get(0).template().render(variables);
        } catch (dev.px0.template.MissingVariablesException e) {
            throw new MissingVariablesException(slug, e.missing());
        }
    }

    /**
     * Renders a chat prompt: exactly the {@code messages} {@code POST …/render} returns for the same variables.
     *
     * @throws MissingVariablesException naming every variable missing in any message, sorted
     * @throws IllegalStateException     if this is a text prompt (use {@link #render})
     */
    public List<Message> renderMessages(Map<String, ?> variables) {
        if (!type.equals("chat")) {
            throw new IllegalStateException("prompt " + slug + " is a text prompt: use render");
        }
        telemetry.rendered(this);
        List<Message> out = new ArrayList<>(parts.size());
        TreeSet<String> missing = new TreeSet<>();
        for (Part part : parts) {
            try {
                out.add(new Message(part.role(), part.template().render(variables)));
            } catch (dev.px0.template.MissingVariablesException e) {
                missing.addAll(e.missing());
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingVariablesException(slug, new ArrayList<>(missing));
        }
        return List.copyOf(out);
    }

    String etag() {
        return etag;
    }

    Origin origin() {
        return origin;
    }

    /** The same version under another label (or none). */
    Prompt as(String otherLabel) {
        return new Prompt(slug, version, otherLabel, type, config, parts, etag, origin, telemetry);
    }

    @Override
    public String toString() {
        return "Prompt[" + slug + (label == null ? "" : "@" + label) + " v" + version + "]";
    }
}
