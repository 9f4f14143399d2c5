package dev.px0.project;

import static dev.px0.http.Routes.get;
import static dev.px0.http.Routes.post;

import dev.px0.auth.Caller;
import dev.px0.http.JsonBody;
import dev.px0.http.JsonResponses;
import dev.px0.http.Routes;
import dev.px0.project.Role.Action;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/**
 * {@code /v1/projects} and {@code /v1/projects/{project}}: create, list and read projects. Members, API keys, the audit log, prompts,
 * versions, labels and render have their own routes classes, sharing {@link ProjectRequests}.
 */
final class ProjectRoutes implements HttpService {

    private final ProjectRequests requests;
    private final ProjectService projects;

    ProjectRoutes(ProjectRequests requests, ProjectService projects) {
        this.requests = requests;
        this.projects = projects;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path("/", post(this::createProject), get(this::listProjects))
                .path("/{project}", get(this::getProject));
    }

    private void createProject(ServerRequest req, ServerResponse res) {
        Caller caller = requests.callers().require(req);
        JsonObject body = JsonBody.object(req);
        Project project = projects.create(caller, JsonBody.string(body, "slug"), JsonBody.line(body, "name"));
        JsonResponses.send(res, Status.CREATED_201, JsonResponses.object().add("project", project(project)).build());
    }

    private void listProjects(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder list = JsonResponses.array();
        projects.list(requests.callers().require(req)).forEach(p -> list.add(project(p)));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("projects", list).build());
    }

    private void getProject(ServerRequest req, ServerResponse res) {
        Project.Access access = requests.access(req, Action.READ);
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("project", project(access.project())).build());
    }

    private static JsonObject project(Project p) {
        return JsonResponses.object().add("id", p.id().toString()).add("slug", p.slug()).add("name", p.name())
                .add("created_at", JsonResponses.timestamp(p.createdAt())).build();
    }
}
