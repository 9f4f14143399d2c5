package dev.px0.prompt;

import static dev.px0.http.Routes.post;
import static dev.px0.prompt.PromptRoutes.PROMPT;

import java.util.Optional;

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
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * {@code POST …/prompts/{prompt}/render}: the route applications call on every request. Registered before the
 * other {@code /v1/projects} routes, so it is matched first.
 */
final class RenderRoutes implements HttpService {

    private final ProjectRequests requests;
    private final RenderService render;

    RenderRoutes(ProjectRequests requests, RenderService render) {
        this.requests = requests;
        this.render = render;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path(PROMPT + "/render", post(this::render));
    }

    /** A version number in a request body: an integral JSON number from 1 to {@link Integer#MAX_VALUE}. */
    static boolean isVersionNumber(JsonValue value) {
        return value instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 1 && n.longValue() <= Integer.MAX_VALUE;
    }

    private void render(ServerRequest req, ServerResponse res) {
        Project.Access access = requests.access(req, Action.RENDER);
        JsonObject body = JsonBody.object(req);
        JsonValue variables = body.getOrDefault("variables", JsonValue.EMPTY_JSON_OBJECT);
        JsonValue label = body.get("label");
        JsonValue version = body.get("version");
        if (variables.getValueType() != JsonValue.ValueType.OBJECT
                || label != null && !(label instanceof JsonString)
                || version != null && !isVersionNumber(version)) {
            throw ApiException.invalidRequestBody();
        }
        if (label != null && version != null) {
            throw new ApiException(Status.BAD_REQUEST_400, "give a label or a version, not both");
        }
        RenderService.Rendered r = render.render(access, ProjectRequests.param(req, "prompt"),
                                                 Optional.ofNullable(label).map(l -> ((JsonString) l).getString()),
                                                 Optional.ofNullable(version).map(v -> ((JsonNumber) v).intValue()),
                                                 variables.asJsonObject());
        JsonObjectBuilder out = JsonResponses.object()
                .add("prompt", r.prompt())
                .add("version", r.version())
                .add("label", JsonResponses.nullable(r.label()))
                .add("type", r.type());
        if (r.text() != null) {
            out.add("text", r.text());
        } else {
            out.add("messages", r.messages());
        }
        out.add("config", r.config());
        JsonResponses.send(res, Status.OK_200, out.build());
    }
}
