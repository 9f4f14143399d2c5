package dev.px0.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.px0.cache.NodeCache;
import dev.px0.cache.NodeCaches;
import dev.px0.change.Change;
import dev.px0.http.ApiException;
import dev.px0.project.Project;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Render: a prompt's version, by label or number, with the caller's variables. What a label points at and each
 * version ready to render are held in the node's caches, dropped by {@link PromptService#changePrompt}'s publish.
 */
final class RenderService {

    private static final AttributeKey<String> PROMPT = AttributeKey.stringKey("px0.prompt");
    private static final AttributeKey<String> LABEL_ATTRIBUTE = AttributeKey.stringKey("px0.label");
    private static final AttributeKey<Long> VERSION = AttributeKey.longKey("px0.version");
    private static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("px0.cache.hit");
    private static final Attributes HIT = Attributes.of(CACHE_HIT, true);
    private static final Attributes MISS = Attributes.of(CACHE_HIT, false);

    private final PromptStore prompts;
    private final Tracer tracer;
    private final DoubleHistogram renderDuration;
    /** What a label or a version number of a prompt points at; dropped by any change to the prompt. */
    private final NodeCache<Ref, Target> targets;
    /** Versions ready to render; immutable, so only the size bound evicts them. */
    private final NodeCache<VersionKey, Ready> versions;

    RenderService(PromptStore prompts, NodeCaches caches, OpenTelemetry telemetry) {
        this.prompts = prompts;
        this.tracer = telemetry.getTracer("dev.px0");
        this.renderDuration = telemetry.getMeter("dev.px0").histogramBuilder("px0.render.duration").setUnit("s")
                .setDescription("Time to render a prompt, from the lookup of its version to the rendered text")
                .setExplicitBucketBoundariesAdvice(List.of(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                           0.025, 0.05, 0.1, 0.25, 0.5, 1.0))
                .build();
        this.targets = caches.create("labels", 100_000, (k, v) -> 1, true,
                                     (change, ref, target) -> change instanceof Change.Prompt p
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

    /**
     * Renders a version: by {@code label} (default {@code production}) or by {@code version} number. Every
     * variable the template needs must be in {@code variables}; extra ones are ignored. With the node's caches
     * warm this reads no store at all; cold, one indexed query finds the version and compiles it once.
     */
    public Rendered render(Project.Access access, String slug, Optional<String> label, Optional<Integer> number,
                           JsonObject variables) {
        long start = System.nanoTime();
        String labelName = number.isPresent() ? null : label.orElse(PromptService.PRODUCTION);
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
            if (!(e instanceof ApiException)) {
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
        if (!PromptService.SLUG.matcher(slug).matches()) {
            throw ApiException.notFound("prompt not found");
        }
        if (labelName != null && !PromptService.LABEL.matcher(labelName).matches()) {
            throw ApiException.notFound("label not found");
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
            throw ApiException.notFound("prompt not found");
        }
        if (target.number() == 0) {
            throw ApiException.notFound(number.isPresent() ? "version not found" : "label not found");
        }
        NodeCache.Lookup<Ready> readyLookup = versions.lookup(new VersionKey(target.promptId(), target.number()), key -> {
            PromptStore.Version v = read[0] != null ? read[0] : prompts.version(key.promptId(), key.number()).orElse(null);
            return v == null ? null : ready(target.type(), v);
        });
        hit[0] = targetLookup.hit() && readyLookup.hit();
        Ready ready = readyLookup.value();
        if (ready == null) {
            throw ApiException.notFound("prompt not found"); // deleted since its label was read
        }
        try {
            if (ready.type().equals("text")) {
                String text = Templates.render(ready.parts().getFirst().template(), variables);
                return new Rendered(slug, ready.number(), labelName, "text", text, null, ready.config());
            }
            List<String> contents = Templates.renderAll(ready.parts().stream().map(Part::template).toList(), variables);
            JsonArrayBuilder out = PromptService.JSON.createArrayBuilder();
            for (int i = 0; i < contents.size(); i++) {
                out.add(PromptService.JSON.createObjectBuilder().add("role", ready.parts().get(i).role()).add("content", contents.get(i)));
            }
            return new Rendered(slug, ready.number(), labelName, "chat", null, out.build(), ready.config());
        } catch (Templates.MissingVariables e) {
            JsonArrayBuilder missing = PromptService.JSON.createArrayBuilder();
            e.names().forEach(missing::add);
            throw new ApiException(ApiException.UNPROCESSABLE_CONTENT, "missing variables").with("missing", missing.build());
        }
    }

    private static Ready ready(String type, PromptStore.Version version) {
        JsonValue config = version.config() == null ? JsonValue.NULL : PromptService.parse(version.config());
        if (type.equals("text")) {
            return new Ready(version.number(), type, List.of(new Part(null, stored(version, null, version.template()))),
                             config, version.template().length() + 64);
        }
        List<Part> parts = new ArrayList<>();
        JsonArray messages = PromptService.parse(version.messages()).asJsonArray();
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
            throw ApiException.conflict("invalid template in version " + version.number() + ": "
                                   + (where == null ? "" : where + ": ") + e.getMessage() + " (create a new version)");
        }
    }
}
