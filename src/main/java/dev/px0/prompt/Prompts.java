package dev.px0.prompt;

import dev.px0.cache.NodeCaches;
import dev.px0.project.Projects;

import io.helidon.dbclient.DbClient;
import io.helidon.webserver.http.HttpService;
import io.opentelemetry.api.OpenTelemetry;

/** Prompts, their versions and labels, and render: the routes under {@code /v1/projects/{project}/prompts}. */
public final class Prompts {

    private final Projects projects;
    private final PromptService prompts;
    private final VersionService versions;
    private final LabelService labels;
    private final RenderService render;

    public Prompts(DbClient db, Projects projects, NodeCaches caches, OpenTelemetry telemetry) {
        this.projects = projects;
        PromptStore store = new PromptStore(db);
        this.prompts = new PromptService(store, projects.store(), caches);
        this.versions = new VersionService(prompts);
        this.labels = new LabelService(prompts);
        this.render = new RenderService(store, caches, telemetry);
    }

    /** {@code POST …/prompts/{prompt}/render}: registered before the other project routes, so it is matched first. */
    public HttpService renderRoutes() {
        return new RenderRoutes(projects.requests(), render);
    }

    /** Prompts, their versions and labels (under {@code /v1/projects}). */
    public HttpService[] routes() {
        return new HttpService[] {new PromptRoutes(projects.requests(), prompts),
                new VersionRoutes(projects.requests(), versions), new LabelRoutes(projects.requests(), labels)};
    }
}
