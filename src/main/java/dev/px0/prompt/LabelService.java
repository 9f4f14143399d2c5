package dev.px0.prompt;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.px0.cache.Propagation;
import dev.px0.cache.Propagation.Changed;
import dev.px0.change.Change;
import dev.px0.http.ApiException;
import dev.px0.project.Project;

/** A prompt's labels (all but {@code latest}, which px0 moves): move, delete, and each label's history. */
final class LabelService {

    private final PromptService prompts;
    private final PromptStore store;

    LabelService(PromptService prompts) {
        this.prompts = prompts;
        this.store = prompts.store();
    }

    /** A label as it now stands. */
    public record Label(String name, int version, UUID updatedBy, Instant updatedAt) {
    }

    /** Points a label (not {@code latest}) at an existing version, keeping the move in its history. */
    public Changed<Label> moveLabel(Project.Access access, String slug, String name, int number) {
        checkLabel(name);
        UUID projectId = access.project().id();
        return prompts.changePrompt(projectId, slug, tx -> {
            PromptStore.Locked prompt = prompts.locked(tx, projectId, slug);
            if (!store.versionExists(tx, prompt.id(), number)) {
                throw ApiException.notFound("version not found");
            }
            Integer previous = store.label(tx, prompt.id(), name).orElse(null);
            Instant at = store.moveLabel(tx, prompt.id(), name, number, previous, access.actor());
            var before = PromptService.JSON.createObjectBuilder();
            if (previous != null) {
                before.add("version", previous);
            }
            prompts.projects().audit(tx, access, "label.move", "prompt:" + slug + "#" + name,
                                     previous == null ? null : before.build().toString(),
                                     PromptService.JSON.createObjectBuilder().add("version", number).build().toString());
            return new Label(name, number, access.actor(), at);
        }, moved -> new Change.Detail.Label(name, number));
    }

    public Propagation deleteLabel(Project.Access access, String slug, String name) {
        checkLabel(name);
        UUID projectId = access.project().id();
        return prompts.changePrompt(projectId, slug, tx -> {
            PromptStore.Locked prompt = prompts.locked(tx, projectId, slug);
            int previous = store.label(tx, prompt.id(), name).orElseThrow(() -> ApiException.notFound("label not found"));
            store.deleteLabel(tx, prompt.id(), name, previous, access.actor());
            prompts.projects().audit(tx, access, "label.delete", "prompt:" + slug + "#" + name,
                                     PromptService.JSON.createObjectBuilder().add("version", previous).build().toString(), null);
            return null;
        }, deleted -> new Change.Detail.Label(name, null)).propagation();
    }

    public List<PromptStore.LabelMove> history(Project.Access access, String slug, String name) {
        List<PromptStore.LabelMove> moves = store.history(prompts.get(access, slug).id(), name);
        if (moves.isEmpty()) {
            throw ApiException.notFound("label not found");
        }
        return moves;
    }

    private static void checkLabel(String name) {
        if (name.equals(PromptService.LATEST)) {
            throw ApiException.badRequest("label latest is managed by px0");
        }
        if (!PromptService.LABEL.matcher(name).matches()) {
            throw ApiException.badRequest("invalid label name");
        }
    }
}
