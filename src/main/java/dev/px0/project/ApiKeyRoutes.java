package dev.px0.project;

import static dev.px0.http.Routes.delete;
import static dev.px0.http.Routes.get;
import static dev.px0.http.Routes.post;

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

/** {@code /v1/projects/{project}/api-keys}: a project's API keys; the secret is shown once, when a key is created. */
final class ApiKeyRoutes implements HttpService {

    private final ProjectRequests requests;
    private final ApiKeys apiKeys;

    ApiKeyRoutes(ProjectRequests requests, ApiKeys apiKeys) {
        this.requests = requests;
        this.apiKeys = apiKeys;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path("/{project}/api-keys", post(this::createApiKey), get(this::listApiKeys))
                .path("/{project}/api-keys/{id}", delete(this::deleteApiKey));
    }

    private void createApiKey(ServerRequest req, ServerResponse res) {
        Project.Access access = requests.access(req, Action.MANAGE_API_KEYS);
        JsonObject body = JsonBody.object(req);
        String name = JsonBody.line(body, "name");
        ApiKey.Scope scope = ApiKey.Scope.parse(JsonBody.string(body, "scope"))
                .orElseThrow(() -> new ApiException(Status.BAD_REQUEST_400, "scope must be read or write"));
        ApiKeys.Created created = apiKeys.create(access, name, scope);
        JsonResponses.sendPrivate(res, Status.CREATED_201, JsonResponses.object()
                .add("api_key", apiKey(created.key())).add("key", created.secret()).build());
    }

    private void listApiKeys(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder list = JsonResponses.array();
        apiKeys.list(requests.access(req, Action.MANAGE_API_KEYS)).forEach(k -> list.add(apiKey(k)));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("api_keys", list).build());
    }

    private void deleteApiKey(ServerRequest req, ServerResponse res) {
        Project.Access access = requests.access(req, Action.MANAGE_API_KEYS);
        apiKeys.delete(access, ProjectRequests.uuid(req, "id", "api key not found")).tell(res);
        res.status(Status.NO_CONTENT_204).send();
    }

    private static JsonObject apiKey(ApiKey k) {
        return JsonResponses.object().add("id", k.id().toString()).add("name", k.name()).add("scope", k.scope().text())
                .add("prefix", k.prefix()).add("created_at", JsonResponses.timestamp(k.createdAt()))
                .add("last_used_at", JsonResponses.nullable(k.lastUsedAt() == null ? null : JsonResponses.timestamp(k.lastUsedAt())))
                .build();
    }
}
