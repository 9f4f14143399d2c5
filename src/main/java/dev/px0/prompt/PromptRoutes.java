package dev.px0.prompt;

import static dev.px0.http.Routes.delete;
import static dev.px0.http.Routes.get;
import static dev.px0.http.Routes.post;

import dev.px0.cache.Propagation.Changed;
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
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** {@code /v1/projects/{project}/prompts} and {@code …/prompts/{prompt}}: create, list, read and delete prompts. */
final class PromptRoutes implements HttpService {

    /** The path of one prompt, under {@code /v1/projects}. */
    static final String PROMPT = "/{project}/prompts/{prompt}";

    private final ProjectRequests requests;
    private final PromptService prompts;

    PromptRoutes(ProjectRequests requests, PromptService prompts) {
        this.requests = requests;
        this.prompts = prompts;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path("/{project}/prompts", post(this::createPrompt), get(this::listPrompts))
                .path(PROMPT, get(this::getPrompt), delete(this::deletePrompt));
    }

    private void createPrompt(ServerRequest req, ServerResponse res) {
        Project.Access access = requests.access(req, Action.CREATE_PROMPT);
        JsonObject body = JsonBody.object(req);
        String description = body.containsKey("description") && body.get("description") != JsonValue.NULL
                ? JsonBody.string(body, "description") : "";
        Changed<PromptStore.Prompt> created = prompts.create(access, JsonBody.string(body, "slug"),
                                                             JsonBody.line(body, "name"), description,
                                                             JsonBody.string(body, "type"));
        created.propagation().tell(res);
        JsonResponses.send(res, Status.CREATED_201, JsonResponses.object().add("prompt", prompt(created.value())).build());
    }

    private void listPrompts(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder list = JsonResponses.array();
        prompts.list(requests.access(req, Action.READ)).forEach(p -> list.add(prompt(p)));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("prompts", list).build());
    }

    private void getPrompt(ServerRequest req, ServerResponse res) {
        PromptStore.Prompt prompt = prompts.get(requests.access(req, Action.READ), ProjectRequests.param(req, "prompt"));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("prompt", prompt(prompt)).build());
    }

    private void deletePrompt(ServerRequest req, ServerResponse res) {
        prompts.delete(requests.access(req, Action.DELETE_PROMPT), ProjectRequests.param(req, "prompt")).tell(res);
        res.status(Status.NO_CONTENT_204).send();
    }

    private static JsonObject prompt(PromptStore.Prompt p) {
        return JsonResponses.object().add("id", p.id().toString()).add("slug", p.slug()).add("name", p.name())
                .add("description", p.description()).add("type", p.type())
                .add("created_at", JsonResponses.timestamp(p.createdAt()))
                .add("labels", ProjectRequests.json(p.labels())).build();
    }
}
