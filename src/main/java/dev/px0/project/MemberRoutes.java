package dev.px0.project;

import static dev.px0.http.Routes.delete;
import static dev.px0.http.Routes.get;
import static dev.px0.http.Routes.post;
import static dev.px0.http.Routes.put;

import java.util.UUID;

import dev.px0.http.ApiException;
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

/** {@code /v1/projects/{project}/members}: a project's members and their roles. */
final class MemberRoutes implements HttpService {

    private final ProjectRequests requests;
    private final ProjectService projects;

    MemberRoutes(ProjectRequests requests, ProjectService projects) {
        this.requests = requests;
        this.projects = projects;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path("/{project}/members", get(this::members), post(this::addMember))
                .path("/{project}/members/{user_id}", put(this::putMember), delete(this::removeMember));
    }

    private void members(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder list = JsonResponses.array();
        projects.members(requests.access(req, Action.READ_MEMBERS)).forEach(m -> list.add(member(m)));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("members", list).build());
    }

    private void addMember(ServerRequest req, ServerResponse res) {
        Project.Access access = requests.access(req, Action.MANAGE_MEMBERS);
        JsonObject body = JsonBody.object(req);
        String email = JsonBody.string(body, "email");
        Project.Member member = projects.addMember(access, email, role(JsonBody.string(body, "role")));
        JsonResponses.send(res, Status.CREATED_201, JsonResponses.object().add("member", member(member)).build());
    }

    private void putMember(ServerRequest req, ServerResponse res) {
        Project.Access access = requests.access(req, Action.MANAGE_MEMBERS);
        UUID userId = ProjectRequests.uuid(req, "user_id", "user not found");
        Project.Member member = projects.putMember(access, userId, role(JsonBody.string(JsonBody.object(req), "role")));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("member", member(member)).build());
    }

    private static Role role(String text) {
        return Role.parse(text).orElseThrow(() -> new ApiException(Status.BAD_REQUEST_400, "role must be admin, editor or viewer"));
    }

    private void removeMember(ServerRequest req, ServerResponse res) {
        projects.removeMember(requests.access(req, Action.MANAGE_MEMBERS),
                              ProjectRequests.uuid(req, "user_id", "user not found"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private static JsonObject member(Project.Member m) {
        return JsonResponses.object().add("user_id", m.userId().toString()).add("email", m.email())
                .add("role", m.role().text()).build();
    }
}
