package dev.px0.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.px0.cache.Propagation.Changed;
import dev.px0.change.Change;
import dev.px0.http.ApiException;
import dev.px0.project.Project;
import dev.px0.template.PromptTemplate;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** A prompt's immutable versions: create (through {@link PromptService#changePrompt}), list, read and diff. */
final class VersionService {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private final PromptService prompts;
    private final PromptStore store;

    VersionService(PromptService prompts) {
        this.prompts = prompts;
        this.store = prompts.store();
    }

    /**
     * Creates the next version: {@code template} for a text prompt, {@code messages} for a chat prompt, each
     * compiled first so a broken template is refused with where and why. Moves {@code latest} to it.
     */
    public Changed<PromptStore.Version> createVersion(Project.Access access, String slug, JsonValue template, JsonValue messages,
                                             JsonValue config, JsonValue message) {
        if (config != null && config.getValueType() != JsonValue.ValueType.OBJECT
                && config.getValueType() != JsonValue.ValueType.NULL) {
            throw ApiException.badRequest("config must be an object");
        }
        if (message != null && !(message instanceof JsonString) && message != JsonValue.NULL) {
            throw ApiException.badRequest("message must be a string");
        }
        String configJson = config == null || config == JsonValue.NULL ? null : config.toString();
        String messageText = message instanceof JsonString s ? s.getString() : null;
        UUID projectId = access.project().id();
        return prompts.changePrompt(projectId, slug, tx -> {
            PromptStore.Locked prompt = prompts.locked(tx, projectId, slug);
            String templateText = null;
            String messagesJson = null;
            TreeSet<String> variables = new TreeSet<>();
            if (prompt.type().equals("text")) {
                if (messages != null || !(template instanceof JsonString t)) {
                    throw ApiException.badRequest("a text prompt takes a template string, not messages");
                }
                templateText = t.getString();
                variables.addAll(compile(templateText, null, 0).variables());
            } else {
                if (template != null || !(messages instanceof JsonArray list) || list.isEmpty()) {
                    throw ApiException.badRequest("a chat prompt takes a non-empty messages list, not a template");
                }
                long bytes = 0; // the messages together are held to one template's size
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof JsonObject m) || !(m.get("role") instanceof JsonString role)
                            || !ROLES.contains(role.getString()) || !(m.get("content") instanceof JsonString content)) {
                        throw ApiException.badRequest("messages[" + i + "] needs a role (system, user or assistant) and a content string");
                    }
                    variables.addAll(compile(content.getString(), "messages[" + i + "]", bytes).variables());
                    bytes += PromptTemplate.utf8Length(content.getString());
                }
                messagesJson = list.toString();
            }
            JsonArrayBuilder names = PromptService.JSON.createArrayBuilder();
            variables.forEach(names::add);
            PromptStore.Version version = store.insertVersion(tx, prompt, templateText, messagesJson, configJson,
                                                              messageText, names.build().toString(), access.actor());
            Integer previous = store.label(tx, prompt.id(), PromptService.LATEST).orElse(null);
            store.moveLabel(tx, prompt.id(), PromptService.LATEST, version.number(), previous, access.actor());
            prompts.projects().audit(tx, access, "version.create", "prompt:" + slug + "@" + version.number(), null,
                                     PromptService.JSON.createObjectBuilder().add("number", version.number()).build().toString());
            return version;
        }, created -> new Change.Detail.Label(PromptService.LATEST, created.number()));
    }

    public List<PromptStore.Version> versions(Project.Access access, String slug, int before, int limit) {
        return store.versions(prompts.get(access, slug).id(), before, limit);
    }

    /** A version by number or by label name. */
    public PromptStore.Version version(Project.Access access, String slug, String ref) {
        UUID promptId = prompts.get(access, slug).id();
        return resolve(promptId, ref).orElseThrow(() -> ApiException.notFound("version not found"));
    }

    /** A unified diff of two versions' templates or message lists. */
    public String diff(Project.Access access, String slug, String a, String b) {
        UUID promptId = prompts.get(access, slug).id();
        PromptStore.Version from = resolve(promptId, a).orElseThrow(() -> ApiException.notFound("version not found"));
        PromptStore.Version to = resolve(promptId, b).orElseThrow(() -> ApiException.notFound("version not found"));
        List<String> left = lines(from);
        List<String> right = lines(to);
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("v" + from.number(), "v" + to.number(), left,
                                                                 DiffUtils.diff(left, right), 3);
        return String.join("\n", diff);
    }

    private Optional<PromptStore.Version> resolve(UUID promptId, String ref) {
        if (ref.matches("[1-9][0-9]{0,8}")) {
            return store.version(promptId, Integer.parseInt(ref));
        }
        return PromptService.LABEL.matcher(ref).matches() ? store.versionOfLabel(promptId, ref) : Optional.empty();
    }

    private static Templates.Compiled compile(String source, String where, long bytesBefore) {
        try {
            return Templates.compile(source, bytesBefore);
        } catch (Templates.InvalidTemplate e) {
            throw ApiException.badRequest("invalid template: " + (where == null ? "" : where + ": ") + e.getMessage());
        }
    }

    private static List<String> lines(PromptStore.Version v) {
        if (v.template() != null) {
            return List.of(v.template().split("\n", -1));
        }
        List<String> lines = new ArrayList<>();
        for (JsonValue m : PromptService.parse(v.messages()).asJsonArray()) {
            lines.add("[" + m.asJsonObject().getString("role") + "]");
            lines.addAll(List.of(m.asJsonObject().getString("content").split("\n", -1)));
        }
        return lines;
    }
}
