package dev.px0.prompt;

import static dev.px0.http.Routes.get;
import static dev.px0.http.Routes.post;
import static dev.px0.prompt.PromptRoutes.PROMPT;

import java.util.Optional;

import dev.px0.cache.Propagation.Changed;
import dev.px0.http.JsonBody;
import dev.px0.http.JsonResponses;
import dev.px0.http.Routes;
import dev.px0.project.Project;
import dev.px0.project.ProjectRequests;
import dev.px0.project.Role.Action;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** {@code …/prompts/{prompt}/versions}: create, list and read a prompt's versions (with an ETag), and diff two. */
final class VersionRoutes implements HttpService {

    private final ProjectRequests requests;
    private final VersionService versions;

    VersionRoutes(ProjectRequests requests, VersionService versions) {
        this.requests = requests;
        this.versions = versions;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path(PROMPT + "/versions", post(this::createVersion), get(this::listVersions))
                .path(PROMPT + "/versions/{ref}", get(this::getVersion))
                .path(PROMPT + "/versions/{a}/diff/{b}", get(this::diff));
    }

    private void createVersion(ServerRequest req, ServerResponse res) {
        Project.Access access = requests.access(req, Action.CREATE_VERSION);
        JsonObject body = JsonBody.object(req);
        Changed<PromptStore.Version> created = versions.createVersion(access, ProjectRequests.param(req, "prompt"),
                                                                      body.get("template"), body.get("messages"),
                                                                      body.get("config"), body.get("message"));
        created.propagation().tell(res);
        JsonResponses.send(res, Status.CREATED_201, JsonResponses.object().add("version", version(created.value())).build());
    }

    private void listVersions(ServerRequest req, ServerResponse res) {
        Project.Access access = requests.access(req, Action.READ);
        int limit = ProjectRequests.intParam(req, "limit", 50, 1, 200);
        int before = ProjectRequests.intParam(req, "before", 0, 1, Integer.MAX_VALUE);
        JsonArrayBuilder list = JsonResponses.array();
        versions.versions(access, ProjectRequests.param(req, "prompt"), before, limit).forEach(v -> list.add(version(v)));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("versions", list).build());
    }

    private void getVersion(ServerRequest req, ServerResponse res) {
        PromptStore.Version version = versions.version(requests.access(req, Action.READ),
                                                       ProjectRequests.param(req, "prompt"),
                                                       ProjectRequests.param(req, "ref"));
        String etag = "\"" + version.promptId() + "-" + version.number() + "\"";
        res.header(HeaderNames.ETAG, etag);
        Optional<String> ifNoneMatch = req.headers().first(HeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch.map(v -> v.equals("*") || v.contains(etag)).orElse(false)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("version", version(version)).build());
    }

    private void diff(ServerRequest req, ServerResponse res) {
        String diff = versions.diff(requests.access(req, Action.READ), ProjectRequests.param(req, "prompt"),
                                    ProjectRequests.param(req, "a"), ProjectRequests.param(req, "b"));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("diff", diff).build());
    }

    private static JsonObject version(PromptStore.Version v) {
        JsonObjectBuilder b = JsonResponses.object().add("number", v.number());
        if (v.template() != null) {
            b.add("template", v.template());
        } else {
            b.add("messages", ProjectRequests.json(v.messages()));
        }
        return b.add("config", ProjectRequests.json(v.config()))
                .add("message", JsonResponses.nullable(v.message()))
                .add("variables", ProjectRequests.json(v.variables()))
                .add("created_by", JsonResponses.nullable(v.createdBy()))
                .add("created_at", JsonResponses.timestamp(v.createdAt()))
                .build();
    }
}
