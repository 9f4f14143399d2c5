package dev.px0.prompt;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.px0.cache.Invalidation;
import dev.px0.cache.NodeCache;
import dev.px0.cache.NodeCaches;
import dev.px0.project.Project;
import dev.px0.project.ProjectStore;
import dev.px0.project.Refusal;
import dev.px0.store.Rows;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.helidon.dbclient.DbTransaction;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Prompts, their immutable versions, labels and render. Every change runs in one transaction with its audit row,
 * under the prompt row's lock, so concurrent version creates get distinct numbers and concurrent label moves
 * leave a label and a history that agree.
 */
public final class PromptService {

    public static final String LATEST = "latest";
    public static final String PRODUCTION = "production";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,49}");
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    private static final AttributeKey<String> PROMPT = AttributeKey.stringKey("px0.prompt");
    private static final AttributeKey<String> LABEL_ATTRIBUTE = AttributeKey.stringKey("px0.label");
    private static final AttributeKey<Long> VERSION = AttributeKey.longKey("px0.version");
    private static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("px0.cache.hit");
    private static final Attributes HIT = Attributes.of(CACHE_HIT, true);
    private static final Attributes MISS = Attributes.of(CACHE_HIT, false);

    private final PromptStore prompts;
    private final ProjectStore projects;
    private final NodeCaches caches;
    private final Tracer tracer;
    private final DoubleHistogram renderDuration;
    /** What a label or a version number of a prompt points at; dropped by any change to the prompt. */
    private final NodeCache<Ref, Target> targets;
    /** Versions ready to render; immutable, so only the size bound evicts them. */
    private final NodeCache<VersionKey, Ready> versions;

    public PromptService(PromptStore prompts, ProjectStore projects, NodeCaches caches, OpenTelemetry telemetry) {
        this.prompts = prompts;
        this.projects = projects;
        this.caches = caches;
        this.tracer = telemetry.getTracer("dev.px0");
        this.renderDuration = telemetry.getMeter("dev.px0").histogramBuilder("px0.render.duration").setUnit("s")
                .setDescription("Time to render a prompt, from the lookup of its version to the rendered text")
                .setExplicitBucketBoundariesAdvice(List.of(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                           0.025, 0.05, 0.1, 0.25, 0.5, 1.0))
                .build();
        this.targets = caches.create("labels", 100_000, (k, v) -> 1, true,
                                     (event, ref, target) -> event instanceof Invalidation.Prompt p
                                             && p.projectId().equals(ref.projectId()) && p.slug().equals(ref.slug()));
        this.versions = caches.create("versions", 64L << 20, (k, v) -> v.weight(), false, (event, k, v) -> false);
    }

    /** A label ({@code production}) or a version number ({@code #3}) of a prompt, by slug. */
    private record Ref(UUID projectId, String slug, String ref) {
    }

    /** The version a ref points at; {@code number} 0 when it points at none. */
    private record Target(UUID promptId, String type, int number) {
    }

    private record VersionKey(UUID promptId, int number) {
    }

    /** One message of a version (a text prompt has one, without role), compiled. */
    private record Part(String role, Templates.Compiled template) {
    }

    /** A version compiled and parsed once, shared by every render of it on this node. */
    private record Ready(int number, String type, List<Part> parts, JsonValue config, int weight) {
    }

    /** What a render produced: {@code text} for text prompts, {@code messages} for chat prompts. */
    public record Rendered(String prompt, int version, String label, String type, String text, JsonArray messages,
                           JsonValue config) {
    }

    /** A label as it now stands. */
    public record Label(String name, int version, UUID updatedBy, java.time.Instant updatedAt) {
    }

    public PromptStore.Prompt create(Project.Access access, String slug, String name, String description, String type) {
        if (!SLUG.matcher(slug).matches()) {
            throw Refusal.invalid("invalid prompt slug");
        }
        if (!type.equals("text") && !type.equals("chat")) {
            throw Refusal.invalid("type must be text or chat");
        }
        if (name.isBlank() || name.length() > 200 || description.length() > 10_000) {
            throw Refusal.invalid("invalid request body");
        }
        UUID projectId = access.project().id();
        return changePrompt(projectId, slug, tx -> {
            PromptStore.Prompt prompt = prompts.create(tx, projectId, slug, name, description, type)
                    .orElseThrow(() -> Refusal.conflict("prompt already exists"));
            projects.audit(tx, access, "prompt.create", "prompt:" + slug, null,
                           JSON.createObjectBuilder().add("slug", slug).add("name", name).add("type", type).build().toString());
            return prompt;
        }, created -> new Invalidation.Change.Existence(false));
    }

    public List<PromptStore.Prompt> list(Project.Access access) {
        return prompts.list(access.project().id());
    }

    public PromptStore.Prompt get(Project.Access access, String slug) {
        return prompts.find(access.project().id(), slug).orElseThrow(() -> Refusal.notFound("prompt not found"));
    }

    public void delete(Project.Access access, String slug) {
        UUID projectId = access.project().id();
        changePrompt(projectId, slug, tx -> {
            PromptStore.Locked prompt = prompts.lock(tx, projectId, slug)
                    .orElseThrow(() -> Refusal.notFound("prompt not found"));
            prompts.delete(tx, prompt.id());
            projects.audit(tx, access, "prompt.delete", "prompt:" + slug,
                           JSON.createObjectBuilder().add("slug", slug).build().toString(), null);
            return null;
        }, deleted -> new Invalidation.Change.Existence(true));
    }

    /**
     * Creates the next version: {@code template} for a text prompt, {@code messages} for a chat prompt, each
     * compiled first so a broken template is refused with where and why. Moves {@code latest} to it.
     */
    public PromptStore.Version createVersion(Project.Access access, String slug, JsonValue template, JsonValue messages,
                                             JsonValue config, JsonValue message) {
        if (config != null && config.getValueType() != JsonValue.ValueType.OBJECT
                && config.getValueType() != JsonValue.ValueType.NULL) {
            throw Refusal.invalid("config must be an object");
        }
        if (message != null && !(message instanceof JsonString) && message != JsonValue.NULL) {
            throw Refusal.invalid("message must be a string");
        }
        String configJson = config == null || config == JsonValue.NULL ? null : config.toString();
        String messageText = message instanceof JsonString s ? s.getString() : null;
        UUID projectId = access.project().id();
        return changePrompt(projectId, slug, tx -> {
            PromptStore.Locked prompt = prompts.lock(tx, projectId, slug)
                    .orElseThrow(() -> Refusal.notFound("prompt not found"));
            String templateText = null;
            String messagesJson = null;
            TreeSet<String> variables = new TreeSet<>();
            if (prompt.type().equals("text")) {
                if (messages != null || !(template instanceof JsonString t)) {
                    throw Refusal.invalid("a text prompt takes a template string, not messages");
                }
                templateText = t.getString();
                variables.addAll(compile(templateText, null, 0).variables());
            } else {
                if (template != null || !(messages instanceof JsonArray list) || list.isEmpty()) {
                    throw Refusal.invalid("a chat prompt takes a non-empty messages list, not a template");
                }
                long bytes = 0; // the messages together are held to one template's size
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof JsonObject m) || !(m.get("role") instanceof JsonString role)
                            || !ROLES.contains(role.getString()) || !(m.get("content") instanceof JsonString content)) {
                        throw Refusal.invalid("messages[" + i + "] needs a role (system, user or assistant) and a content string");
                    }
                    variables.addAll(compile(content.getString(), "messages[" + i + "]", bytes).variables());
                    bytes += Templates.utf8Length(content.getString());
                }
                messagesJson = list.toString();
            }
            JsonArrayBuilder names = JSON.createArrayBuilder();
            variables.forEach(names::add);
            PromptStore.Version version = prompts.insertVersion(tx, prompt, templateText, messagesJson, configJson,
                                                                messageText, names.build().toString(), access.actor());
            Integer previous = prompts.label(tx, prompt.id(), LATEST).orElse(null);
            prompts.moveLabel(tx, prompt.id(), LATEST, version.number(), previous, access.actor());
            projects.audit(tx, access, "version.create", "prompt:" + slug + "@" + version.number(),
                           null, JSON.createObjectBuilder().add("number", version.number()).build().toString());
            return version;
        }, created -> new Invalidation.Change.Label(LATEST, created.number()));
    }

    public List<PromptStore.Version> versions(Project.Access access, String slug, int before, int limit) {
        return prompts.versions(get(access, slug).id(), before, limit);
    }

    /** A version by number or by label name. */
    public PromptStore.Version version(Project.Access access, String slug, String ref) {
        UUID promptId = get(access, slug).id();
        return resolve(promptId, ref).orElseThrow(() -> Refusal.notFound("version not found"));
    }

    /** A unified diff of two versions' templates or message lists. */
    public String diff(Project.Access access, String slug, String a, String b) {
        UUID promptId = get(access, slug).id();
        PromptStore.Version from = resolve(promptId, a).orElseThrow(() -> Refusal.notFound("version not found"));
        PromptStore.Version to = resolve(promptId, b).orElseThrow(() -> Refusal.notFound("version not found"));
        List<String> left = lines(from);
        List<String> right = lines(to);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("v" + from.number(), "v" + to.number(), left,
                                                                 DiffUtils.diff(left, right), 3);
        return String.join("\n", diff);
    }

    /** Points a label (not {@code latest}) at an existing version, keeping the move in its history. */
    public Label moveLabel(Project.Access access, String slug, String name, int number) {
        checkLabel(name);
        UUID projectId = access.project().id();
        return changePrompt(projectId, slug, tx -> {
            PromptStore.Locked prompt = prompts.lock(tx, projectId, slug)
                    .orElseThrow(() -> Refusal.notFound("prompt not found"));
            if (!prompts.versionExists(tx, prompt.id(), number)) {
                throw Refusal.notFound("version not found");
            }
            Integer previous = prompts.label(tx, prompt.id(), name).orElse(null);
            java.time.Instant at = prompts.moveLabel(tx, prompt.id(), name, number, previous, access.actor());
            var before = JSON.createObjectBuilder();
            if (previous != null) {
                before.add("version", previous);
            }
            projects.audit(tx, access, "label.move", "prompt:" + slug + "#" + name,
                           previous == null ? null : before.build().toString(),
                           JSON.createObjectBuilder().add("version", number).build().toString());
            return new Label(name, number, access.actor(), at);
        }, moved -> new Invalidation.Change.Label(name, number));
    }

    public void deleteLabel(Project.Access access, String slug, String name) {
        checkLabel(name);
        UUID projectId = access.project().id();
        changePrompt(projectId, slug, tx -> {
            PromptStore.Locked prompt = prompts.lock(tx, projectId, slug)
                    .orElseThrow(() -> Refusal.notFound("prompt not found"));
            int previous = prompts.label(tx, prompt.id(), name).orElseThrow(() -> Refusal.notFound("label not found"));
            prompts.deleteLabel(tx, prompt.id(), name, previous, access.actor());
            projects.audit(tx, access, "label.delete", "prompt:" + slug + "#" + name,
                           JSON.createObjectBuilder().add("version", previous).build().toString(), null);
            return null;
        }, deleted -> new Invalidation.Change.Label(name, null));
    }

    public List<PromptStore.LabelMove> history(Project.Access access, String slug, String name) {
        List<PromptStore.LabelMove> moves = prompts.history(get(access, slug).id(), name);
        if (moves.isEmpty()) {
            throw Refusal.notFound("label not found");
        }
        return moves;
    }

    /**
     * Renders a version: by {@code label} (default {@code production}) or by {@code version} number. Every
     * variable the template needs must be in {@code variables}; extra ones are ignored. With the node's caches
     * warm this reads no store at all; cold, one indexed query finds the version and compiles it once.
     */
    public Rendered render(Project.Access access, String slug, Optional<String> label, Optional<Integer> number,
                           JsonObject variables) {
        long start = System.nanoTime();
        String labelName = number.isPresent() ? null : label.orElse(PRODUCTION);
        Span span = tracer.spanBuilder("px0.render").setAttribute(PROMPT, slug).startSpan();
        if (labelName != null) {
            span.setAttribute(LABEL_ATTRIBUTE, labelName);
        }
        boolean[] hit = {false};
        try (Scope ignored = span.makeCurrent()) {
            Rendered rendered = render(access, slug, labelName, number, variables, hit);
            span.setAttribute(VERSION, (long) rendered.version());
            return rendered;
        } catch (RuntimeException e) {
            if (!(e instanceof Refusal)) {
                span.setStatus(StatusCode.ERROR);
            }
            throw e;
        } finally {
            span.setAttribute(CACHE_HIT, hit[0]);
            span.end();
            renderDuration.record((System.nanoTime() - start) / 1e9, hit[0] ? HIT : MISS);
        }
    }

    private Rendered render(Project.Access access, String slug, String labelName, Optional<Integer> number,
                            JsonObject variables, boolean[] hit) {
        if (!SLUG.matcher(slug).matches()) {
            throw Refusal.notFound("prompt not found");
        }
        if (labelName != null && !LABEL.matcher(labelName).matches()) {
            throw Refusal.notFound("label not found");
        }
        UUID projectId = access.project().id();
        PromptStore.Version[] read = new PromptStore.Version[1];
        NodeCache.Lookup<Target> targetLookup = targets.lookup(new Ref(projectId, slug, labelName == null ? "#" + number.get() : labelName),
                                    ref -> prompts.renderSource(projectId, slug, labelName, number.orElse(null))
                                            .map(source -> {
                                                source.version().ifPresent(v -> read[0] = v);
                                                return new Target(source.promptId(), source.type(),
                                                                  source.version().map(PromptStore.Version::number).orElse(0));
                                            })
                                            .orElse(null));
        Target target = targetLookup.value();
        if (target == null) {
            throw Refusal.notFound("prompt not found");
        }
        if (target.number() == 0) {
            throw Refusal.notFound(number.isPresent() ? "version not found" : "label not found");
        }
        NodeCache.Lookup<Ready> readyLookup = versions.lookup(new VersionKey(target.promptId(), target.number()), key -> {
            PromptStore.Version v = read[0] != null ? read[0] : prompts.version(key.promptId(), key.number()).orElse(null);
            return v == null ? null : ready(target.type(), v);
        });
        hit[0] = targetLookup.hit() && readyLookup.hit();
        Ready ready = readyLookup.value();
        if (ready == null) {
            throw Refusal.notFound("prompt not found"); // deleted since its label was read
        }
        try {
            if (ready.type().equals("text")) {
                String text = Templates.render(ready.parts().getFirst().template(), variables);
                return new Rendered(slug, ready.number(), labelName, "text", text, null, ready.config());
            }
            List<String> contents = Templates.renderAll(ready.parts().stream().map(Part::template).toList(), variables);
            JsonArrayBuilder out = JSON.createArrayBuilder();
            for (int i = 0; i < contents.size(); i++) {
                out.add(JSON.createObjectBuilder().add("role", ready.parts().get(i).role()).add("content", contents.get(i)));
            }
            return new Rendered(slug, ready.number(), labelName, "chat", null, out.build(), ready.config());
        } catch (Templates.MissingVariables e) {
            throw Refusal.missingVariables(e.names());
        }
    }

    /**
     * Runs a change of the prompt in one transaction; once it has committed, every node's caches drop what they
     * hold of the prompt (this node's before the caller answers), and the change streams say {@code what} changed.
     */
    private <T> T changePrompt(UUID projectId, String slug, Function<DbTransaction, T> change,
                               Function<T, Invalidation.Change> what) {
        T result = Rows.inTransaction(projects.db(), change);
        caches.changed(new Invalidation.Prompt(projectId, slug, what.apply(result)));
        return result;
    }

    private static Ready ready(String type, PromptStore.Version version) {
        JsonValue config = version.config() == null ? JsonValue.NULL : parse(version.config());
        if (type.equals("text")) {
            return new Ready(version.number(), type, List.of(new Part(null, stored(version, null, version.template()))),
                             config, version.template().length() + 64);
        }
        List<Part> parts = new ArrayList<>();
        JsonArray messages = parse(version.messages()).asJsonArray();
        for (int i = 0; i < messages.size(); i++) {
            parts.add(new Part(messages.getJsonObject(i).getString("role"),
                               stored(version, "messages[" + i + "]", messages.getJsonObject(i).getString("content"))));
        }
        return new Ready(version.number(), type, List.copyOf(parts), config, version.messages().length() + 64);
    }

    /** A stored version's template; one saved before px0 grew stricter and now refused is a 409 at render. */
    private static Templates.Compiled stored(PromptStore.Version version, String where, String source) {
        try {
            return Templates.compile(source);
        } catch (Templates.InvalidTemplate e) {
            throw Refusal.conflict("invalid template in version " + version.number() + ": "
                                   + (where == null ? "" : where + ": ") + e.getMessage() + " (create a new version)");
        }
    }

    private Optional<PromptStore.Version> resolve(UUID promptId, String ref) {
        if (ref.matches("[1-9][0-9]{0,8}")) {
            return prompts.version(promptId, Integer.parseInt(ref));
        }
        return LABEL.matcher(ref).matches() ? prompts.versionOfLabel(promptId, ref) : Optional.empty();
    }

    private static void checkLabel(String name) {
        if (name.equals(LATEST)) {
            throw Refusal.invalid("label latest is managed by px0");
        }
        if (!LABEL.matcher(name).matches()) {
            throw Refusal.invalid("invalid label name");
        }
    }

    private static Templates.Compiled compile(String source, String where, long bytesBefore) {
        try {
            return Templates.compile(source, bytesBefore);
        } catch (Templates.InvalidTemplate e) {
            throw Refusal.invalid("invalid template: " + (where == null ? "" : where + ": ") + e.getMessage());
        }
    }

    private static List<String> lines(PromptStore.Version v) {
        if (v.template() != null) {
            return List.of(v.template().split("\n", -1));
        }
        List<String> lines = new ArrayList<>();
        for (JsonValue m : parse(v.messages()).asJsonArray()) {
            lines.add("[" + m.asJsonObject().getString("role") + "]");
            lines.addAll(List.of(m.asJsonObject().getString("content").split("\n", -1)));
        }
        return lines;
    }

    private static JsonValue parse(String json) {
        try (var reader = READERS.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
