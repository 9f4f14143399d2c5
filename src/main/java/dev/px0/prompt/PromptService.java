package dev.px0.prompt;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.px0.cache.NodeCaches;
import dev.px0.cache.Propagation;
import dev.px0.cache.Propagation.Changed;
import dev.px0.change.Change;
import dev.px0.http.ApiException;
import dev.px0.project.Project;
import dev.px0.project.ProjectStore;
import dev.px0.store.Rows;

import io.helidon.dbclient.DbTransaction;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;

/**
 * Prompts, and the one way every change of a prompt, its versions and labels is made ({@link #changePrompt}):
 * in one transaction with its audit row, under the prompt row's lock, so concurrent version creates get distinct
 * numbers and concurrent label moves leave a label and a history that agree; published once committed.
 * {@link VersionService}, {@link LabelService} and {@link RenderService} hold the rest.
 */
final class PromptService {

    public static final String LATEST = "latest";
    public static final String PRODUCTION = "production";

    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");
    static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,49}");
    static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final PromptStore prompts;
    private final ProjectStore projects;
    private final NodeCaches caches;

    PromptService(PromptStore prompts, ProjectStore projects, NodeCaches caches) {
        this.prompts = prompts;
        this.projects = projects;
        this.caches = caches;
    }

    public Changed<PromptStore.Prompt> create(Project.Access access, String slug, String name, String description, String type) {
        if (!SLUG.matcher(slug).matches()) {
            throw ApiException.badRequest("invalid prompt slug");
        }
        if (!type.equals("text") && !type.equals("chat")) {
            throw ApiException.badRequest("type must be text or chat");
        }
        if (name.isBlank() || name.length() > 200 || description.length() > 10_000) {
            throw ApiException.badRequest("invalid request body");
        }
        UUID projectId = access.project().id();
        return changePrompt(projectId, slug, tx -> {
            PromptStore.Prompt prompt = prompts.create(tx, projectId, slug, name, description, type)
                    .orElseThrow(() -> ApiException.conflict("prompt already exists"));
            projects.audit(tx, access, "prompt.create", "prompt:" + slug, null,
                           JSON.createObjectBuilder().add("slug", slug).add("name", name).add("type", type).build().toString());
            return prompt;
        }, created -> new Change.Detail.Existence(false));
    }

    public List<PromptStore.Prompt> list(Project.Access access) {
        return prompts.list(access.project().id());
    }

    public PromptStore.Prompt get(Project.Access access, String slug) {
        return prompts.find(access.project().id(), slug).orElseThrow(() -> ApiException.notFound("prompt not found"));
    }

    public Propagation delete(Project.Access access, String slug) {
        UUID projectId = access.project().id();
        return changePrompt(projectId, slug, tx -> {
            PromptStore.Locked prompt = locked(tx, projectId, slug);
            prompts.delete(tx, prompt.id());
            projects.audit(tx, access, "prompt.delete", "prompt:" + slug,
                           JSON.createObjectBuilder().add("slug", slug).build().toString(), null);
            return null;
        }, deleted -> new Change.Detail.Existence(true)).propagation();
    }

    PromptStore store() {
        return prompts;
    }

    ProjectStore projects() {
        return projects;
    }

    /** The prompt, locked for the rest of the transaction; 404 when there is none. */
    PromptStore.Locked locked(DbTransaction tx, UUID projectId, String slug) {
        return prompts.lock(tx, projectId, slug).orElseThrow(() -> ApiException.notFound("prompt not found"));
    }

    /**
     * Runs a change of the prompt in one transaction; once it has committed, every node's caches drop what they
     * hold of the prompt (this node's before the caller answers), and the change streams say {@code what} changed.
     * The result comes with how the change reached the other nodes, for the answer to tell.
     */
    <T> Changed<T> changePrompt(UUID projectId, String slug, Function<DbTransaction, T> change,
                                Function<T, Change.Detail> what) {
        T result = Rows.inTransaction(projects.db(), change);
        return new Changed<>(result, caches.changed(new Change.Prompt(projectId, slug, what.apply(result))));
    }

    static JsonValue parse(String json) {
        try (var reader = READERS.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
