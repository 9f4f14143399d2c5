package dev.px0.project;

import static dev.px0.http.Routes.get;

import dev.px0.http.JsonResponses;
import dev.px0.http.Routes;
import dev.px0.project.Role.Action;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;

/** {@code GET /v1/projects/{project}/audit}: a project's audit log. */
final class AuditRoutes implements HttpService {

    private final ProjectRequests requests;
    private final ProjectService projects;

    AuditRoutes(ProjectRequests requests, ProjectService projects) {
        this.requests = requests;
        this.projects = projects;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path("/{project}/audit", get(this::audit));
    }

    private void audit(ServerRequest req, ServerResponse res) {
        Project.Access access = requests.access(req, Action.READ_AUDIT);
        int limit = ProjectRequests.intParam(req, "limit", 100, 1, 500);
        JsonArrayBuilder list = JsonResponses.array();
        for (ProjectStore.AuditEntry e : projects.audit(access, limit)) {
            list.add(JsonResponses.object()
                             .add("id", e.id())
                             .add("actor_id", JsonResponses.nullable(e.actor()))
                             .add("api_key_id", JsonResponses.nullable(e.apiKey()))
                             .add("action", e.action())
                             .add("target", e.target())
                             .add("before", ProjectRequests.json(e.before()))
                             .add("after", ProjectRequests.json(e.after()))
                             .add("created_at", JsonResponses.timestamp(e.createdAt())));
        }
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("audit", list).build());
    }
}
