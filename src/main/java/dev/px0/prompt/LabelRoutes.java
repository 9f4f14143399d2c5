package dev.px0.prompt;

import static dev.px0.http.Routes.delete;
import static dev.px0.http.Routes.get;
import static dev.px0.http.Routes.put;
import static dev.px0.prompt.PromptRoutes.PROMPT;

import dev.px0.cache.Propagation.Changed;
import dev.px0.http.ApiException;
import dev.px0.http.JsonBody;
import dev.px0.http.JsonResponses;
import dev.px0.http.Routes;
import dev.px0.project.Project;
import dev.px0.project.ProjectRequests;
import dev.px0.project.Role.Action;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;

/**
 * {@code …/prompts/{prompt}/labels/{label}}: move and delete a prompt's labels ({@code production} takes its own
 * permission), and a label's history.
 */
final class LabelRoutes implements HttpService {

    private final ProjectRequests requests;
    private final LabelService labels;

    LabelRoutes(ProjectRequests requests, LabelService labels) {
        this.requests = requests;
        this.labels = labels;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path(PROMPT + "/labels/{label}", put(this::moveLabel), delete(this::deleteLabel))
                .path(PROMPT + "/labels/{label}/history", get(this::history));
    }

    private void moveLabel(ServerRequest req, ServerResponse res) {
        String label = ProjectRequests.param(req, "label");
        Project.Access access = requests.access(req, labelAction(label));
        JsonValue version = JsonBody.object(req).get("version");
        if (!RenderRoutes.isVersionNumber(version)) {
            throw ApiException.invalidRequestBody();
        }
        Changed<LabelService.Label> changed = labels.moveLabel(access, ProjectRequests.param(req, "prompt"), label,
                                                               ((JsonNumber) version).intValue());
        changed.propagation().tell(res);
        LabelService.Label moved = changed.value();
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("label", JsonResponses.object()
                .add("name", moved.name())
                .add("version", moved.version())
                .add("updated_by", JsonResponses.nullable(moved.updatedBy()))
                .add("updated_at", JsonResponses.timestamp(moved.updatedAt()))).build());
    }

    private void deleteLabel(ServerRequest req, ServerResponse res) {
        String label = ProjectRequests.param(req, "label");
        labels.deleteLabel(requests.access(req, labelAction(label)), ProjectRequests.param(req, "prompt"), label).tell(res);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void history(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder list = JsonResponses.array();
        for (PromptStore.LabelMove move : labels.history(requests.access(req, Action.READ),
                                                         ProjectRequests.param(req, "prompt"),
                                                         ProjectRequests.param(req, "label"))) {
            list.add(JsonResponses.object()
                             .add("version", JsonResponses.nullable(move.version()))
                             .add("previous_version", JsonResponses.nullable(move.previousVersion()))
                             .add("updated_by", JsonResponses.nullable(move.updatedBy()))
                             .add("updated_at", JsonResponses.timestamp(move.updatedAt())));
        }
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("history", list).build());
    }

    private static Action labelAction(String label) {
        return label.equals(PromptService.PRODUCTION) ? Action.MOVE_PRODUCTION : Action.MOVE_LABEL;
    }
}
