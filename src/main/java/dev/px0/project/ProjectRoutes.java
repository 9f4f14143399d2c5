package dev.px0.project;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.px0.auth.Callers;
import dev.px0.auth.TokenStore.Caller;
import dev.px0.http.ApiException;
import dev.px0.http.Bearer;
import dev.px0.http.HttpErrors;
import dev.px0.http.JsonBody;
import dev.px0.http.JsonResponses;
import dev.px0.project.Role.Action;
import dev.px0.prompt.PromptService;
import dev.px0.prompt.PromptStore;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * {@code /v1/projects}: projects, members, the audit log, prompts, versions, labels and render. Every handler
 * resolves the caller, asks {@link ProjectService#access} for the one action it performs, then calls a service.
 */
public final class ProjectRoutes implements HttpService {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final Callers callers;
    private final ApiKeys apiKeys;
    private final ProjectService projects;
    private final PromptService prompts;

    public ProjectRoutes(Callers callers, ApiKeys apiKeys, ProjectService projects, PromptService prompts) {
        this.callers = callers;
        this.apiKeys = apiKeys;
        this.projects = projects;
        this.prompts = prompts;
    }

    @Override
    public void routing(HttpRules rules) {
        String prompt = "/{project}/prompts/{prompt}";
        // render first: the route applications call on every request is matched before the others
        rules.post(prompt + "/render", this::render)
                .any(prompt + "/render", HttpErrors.methodNotAllowed(Method.POST))
                .post("/", this::createProject)
                .get("/", this::listProjects)
                .any("/", HttpErrors.methodNotAllowed(Method.GET, Method.POST))
                .get("/{project}", this::getProject)
                .any("/{project}", HttpErrors.methodNotAllowed(Method.GET))
                .get("/{project}/members", this::members)
                .post("/{project}/members", this::addMember)
                .any("/{project}/members", HttpErrors.methodNotAllowed(Method.GET, Method.POST))
                .put("/{project}/members/{user_id}", this::putMember)
                .delete("/{project}/members/{user_id}", this::removeMember)
                .any("/{project}/members/{user_id}", HttpErrors.methodNotAllowed(Method.PUT, Method.DELETE))
                .post("/{project}/api-keys", this::createApiKey)
                .get("/{project}/api-keys", this::listApiKeys)
                .any("/{project}/api-keys", HttpErrors.methodNotAllowed(Method.GET, Method.POST))
                .delete("/{project}/api-keys/{id}", this::deleteApiKey)
                .any("/{project}/api-keys/{id}", HttpErrors.methodNotAllowed(Method.DELETE))
                .get("/{project}/audit", this::audit)
                .any("/{project}/audit", HttpErrors.methodNotAllowed(Method.GET))
                .post("/{project}/prompts", this::createPrompt)
                .get("/{project}/prompts", this::listPrompts)
                .any("/{project}/prompts", HttpErrors.methodNotAllowed(Method.GET, Method.POST))
                .get(prompt, this::getPrompt)
                .delete(prompt, this::deletePrompt)
                .any(prompt, HttpErrors.methodNotAllowed(Method.GET, Method.DELETE))
                .post(prompt + "/versions", this::createVersion)
                .get(prompt + "/versions", this::listVersions)
                .any(prompt + "/versions", HttpErrors.methodNotAllowed(Method.GET, Method.POST))
                .get(prompt + "/versions/{ref}", this::getVersion)
                .any(prompt + "/versions/{ref}", HttpErrors.methodNotAllowed(Method.GET))
                .get(prompt + "/versions/{a}/diff/{b}", this::diff)
                .any(prompt + "/versions/{a}/diff/{b}", HttpErrors.methodNotAllowed(Method.GET))
                .put(prompt + "/labels/{label}", this::moveLabel)
                .delete(prompt + "/labels/{label}", this::deleteLabel)
                .any(prompt + "/labels/{label}", HttpErrors.methodNotAllowed(Method.PUT, Method.DELETE))
                .get(prompt + "/labels/{label}/history", this::history)
                .any(prompt + "/labels/{label}/history", HttpErrors.methodNotAllowed(Method.GET));
    }

    /** The one answer for each kind of refusal. */
    public static void refusal(ServerRequest req, ServerResponse res, Refusal refusal) {
        switch (refusal.kind()) {
            case INVALID -> JsonResponses.error(res, Status.BAD_REQUEST_400, refusal.getMessage());
            case FORBIDDEN -> JsonResponses.error(res, Status.FORBIDDEN_403, "forbidden");
            case NOT_FOUND -> JsonResponses.error(res, Status.NOT_FOUND_404, refusal.getMessage());
            case CONFLICT -> JsonResponses.error(res, Status.CONFLICT_409, refusal.getMessage());
            case UNPROCESSABLE -> {
                JsonArrayBuilder missing = JsonResponses.array();
                refusal.missing().forEach(missing::add);
                JsonResponses.send(res, Status.create(422, "Unprocessable Content"), JsonResponses.object()
                        .add("error", refusal.getMessage()).add("missing", missing).build());
            }
        }
    }

    private void createProject(ServerRequest req, ServerResponse res) {
        Caller caller = callers.require(req);
        JsonObject body = JsonBody.object(req);
        Project project = projects.create(caller, JsonBody.string(body, "slug"), JsonBody.line(body, "name"));
        JsonResponses.send(res, Status.CREATED_201, JsonResponses.object().add("project", project(project)).build());
    }

    private void listProjects(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder list = JsonResponses.array();
        projects.list(callers.require(req)).forEach(p -> list.add(project(p)));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("projects", list).build());
    }

    private void getProject(ServerRequest req, ServerResponse res) {
        Project.Access access = access(req, Action.READ);
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("project", project(access.project())).build());
    }

    private void members(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder list = JsonResponses.array();
        projects.members(access(req, Action.READ_MEMBERS)).forEach(m -> list.add(member(m)));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("members", list).build());
    }

    private void addMember(ServerRequest req, ServerResponse res) {
        Project.Access access = access(req, Action.MANAGE_MEMBERS);
        JsonObject body = JsonBody.object(req);
        String email = JsonBody.string(body, "email");
        Project.Member member = projects.addMember(access, email, role(JsonBody.string(body, "role")));
        JsonResponses.send(res, Status.CREATED_201, JsonResponses.object().add("member", member(member)).build());
    }

    private void putMember(ServerRequest req, ServerResponse res) {
        Project.Access access = access(req, Action.MANAGE_MEMBERS);
        UUID userId = uuid(req, "user_id", "user not found");
        Project.Member member = projects.putMember(access, userId, role(JsonBody.string(JsonBody.object(req), "role")));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("member", member(member)).build());
    }

    private static Role role(String text) {
        return Role.parse(text).orElseThrow(() -> new ApiException(Status.BAD_REQUEST_400, "role must be admin, editor or viewer"));
    }

    private void removeMember(ServerRequest req, ServerResponse res) {
        projects.removeMember(access(req, Action.MANAGE_MEMBERS), uuid(req, "user_id", "user not found"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void createApiKey(ServerRequest req, ServerResponse res) {
        Project.Access access = access(req, Action.MANAGE_API_KEYS);
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
        apiKeys.list(access(req, Action.MANAGE_API_KEYS)).forEach(k -> list.add(apiKey(k)));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("api_keys", list).build());
    }

    private void deleteApiKey(ServerRequest req, ServerResponse res) {
        Project.Access access = access(req, Action.MANAGE_API_KEYS);
        apiKeys.delete(access, uuid(req, "id", "api key not found"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void audit(ServerRequest req, ServerResponse res) {
        Project.Access access = access(req, Action.READ_AUDIT);
        int limit = intParam(req, "limit", 100, 1, 500);
        JsonArrayBuilder list = JsonResponses.array();
        for (ProjectStore.AuditEntry e : projects.audit(access, limit)) {
            list.add(JsonResponses.object()
                             .add("id", e.id())
                             .add("actor_id", JsonResponses.nullable(e.actor()))
                             .add("api_key_id", JsonResponses.nullable(e.apiKey()))
                             .add("action", e.action())
                             .add("target", e.target())
                             .add("before", json(e.before()))
                             .add("after", json(e.after()))
                             .add("created_at", JsonResponses.timestamp(e.createdAt())));
        }
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("audit", list).build());
    }

    private void createPrompt(ServerRequest req, ServerResponse res) {
        Project.Access access = access(req, Action.CREATE_PROMPT);
        JsonObject body = JsonBody.object(req);
        String description = body.containsKey("description") && body.get("description") != JsonValue.NULL
                ? JsonBody.string(body, "description") : "";
        PromptStore.Prompt prompt = prompts.create(access, JsonBody.string(body, "slug"), JsonBody.line(body, "name"),
                                                   description, JsonBody.string(body, "type"));
        JsonResponses.send(res, Status.CREATED_201, JsonResponses.object().add("prompt", prompt(prompt)).build());
    }

    private void listPrompts(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder list = JsonResponses.array();
        prompts.list(access(req, Action.READ)).forEach(p -> list.add(prompt(p)));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("prompts", list).build());
    }

    private void getPrompt(ServerRequest req, ServerResponse res) {
        PromptStore.Prompt prompt = prompts.get(access(req, Action.READ), param(req, "prompt"));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("prompt", prompt(prompt)).build());
    }

    private void deletePrompt(ServerRequest req, ServerResponse res) {
        prompts.delete(access(req, Action.DELETE_PROMPT), param(req, "prompt"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void createVersion(ServerRequest req, ServerResponse res) {
        Project.Access access = access(req, Action.CREATE_VERSION);
        JsonObject body = JsonBody.object(req);
        PromptStore.Version version = prompts.createVersion(access, param(req, "prompt"), body.get("template"),
                                                            body.get("messages"), body.get("config"), body.get("message"));
        JsonResponses.send(res, Status.CREATED_201, JsonResponses.object().add("version", version(version)).build());
    }

    private void listVersions(ServerRequest req, ServerResponse res) {
        Project.Access access = access(req, Action.READ);
        int limit = intParam(req, "limit", 50, 1, 200);
        int before = intParam(req, "before", 0, 1, Integer.MAX_VALUE);
        JsonArrayBuilder list = JsonResponses.array();
        prompts.versions(access, param(req, "prompt"), before, limit).forEach(v -> list.add(version(v)));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("versions", list).build());
    }

    private void getVersion(ServerRequest req, ServerResponse res) {
        PromptStore.Version version = prompts.version(access(req, Action.READ), param(req, "prompt"), param(req, "ref"));
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
        String diff = prompts.diff(access(req, Action.READ), param(req, "prompt"), param(req, "a"), param(req, "b"));
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("diff", diff).build());
    }

    private void moveLabel(ServerRequest req, ServerResponse res) {
        String label = param(req, "label");
        Project.Access access = access(req, labelAction(label));
        JsonValue version = JsonBody.object(req).get("version");
        if (!(version instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1 || n.longValue() > Integer.MAX_VALUE) {
            throw ApiException.invalidRequestBody();
        }
        PromptService.Label moved = prompts.moveLabel(access, param(req, "prompt"), label, n.intValue());
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("label", JsonResponses.object()
                .add("name", moved.name())
                .add("version", moved.version())
                .add("updated_by", JsonResponses.nullable(moved.updatedBy()))
                .add("updated_at", JsonResponses.timestamp(moved.updatedAt()))).build());
    }

    private void deleteLabel(ServerRequest req, ServerResponse res) {
        String label = param(req, "label");
        prompts.deleteLabel(access(req, labelAction(label)), param(req, "prompt"), label);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void history(ServerRequest req, ServerResponse res) {
        JsonArrayBuilder list = JsonResponses.array();
        for (PromptStore.LabelMove move : prompts.history(access(req, Action.READ), param(req, "prompt"),
                                                          param(req, "label"))) {
            list.add(JsonResponses.object()
                             .add("version", JsonResponses.nullable(move.version()))
                             .add("previous_version", JsonResponses.nullable(move.previousVersion()))
                             .add("updated_by", JsonResponses.nullable(move.updatedBy()))
                             .add("updated_at", JsonResponses.timestamp(move.updatedAt())));
        }
        JsonResponses.send(res, Status.OK_200, JsonResponses.object().add("history", list).build());
    }

    private void render(ServerRequest req, ServerResponse res) {
        Project.Access access = access(req, Action.RENDER);
        JsonObject body = JsonBody.object(req);
        JsonValue variables = body.getOrDefault("variables", JsonValue.EMPTY_JSON_OBJECT);
        JsonValue label = body.get("label");
        JsonValue version = body.get("version");
        if (variables.getValueType() != JsonValue.ValueType.OBJECT
                || label != null && !(label instanceof JsonString)
                || version != null && !(version instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 1
                && n.longValue() <= Integer.MAX_VALUE)) {
            throw ApiException.invalidRequestBody();
        }
        if (label != null && version != null) {
            throw new ApiException(Status.BAD_REQUEST_400, "give a label or a version, not both");
        }
        PromptService.Rendered r = prompts.render(access, param(req, "prompt"),
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

    private Project.Access access(ServerRequest req, Action action) {
        return projects.access(principal(req), param(req, "project"), action);
    }

    /** An API key when the request presents one, else the session of its bearer token; 401 when neither holds. */
    private Principal principal(ServerRequest req) {
        Optional<String> key = Bearer.apiKey(req);
        if (key.isPresent()) {
            return apiKeys.authenticate(key.get()).orElseThrow(ApiException::unauthorized);
        }
        return new Principal.Session(callers.require(req));
    }

    private static Action labelAction(String label) {
        return label.equals(PromptService.PRODUCTION) ? Action.MOVE_PRODUCTION : Action.MOVE_LABEL;
    }

    private static String param(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    /** A path parameter that names something by UUID; one that is not a UUID names nothing: 404 with {@code missing}. */
    private static UUID uuid(ServerRequest req, String name, String missing) {
        try {
            return UUID.fromString(param(req, name));
        } catch (IllegalArgumentException e) {
            throw Refusal.notFound(missing);
        }
    }

    private static int intParam(ServerRequest req, String name, int absent, int min, int max) {
        Optional<String> value = req.query().first(name).asOptional();
        if (value.isEmpty()) {
            return absent;
        }
        try {
            int i = Integer.parseInt(value.get());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw new ApiException(Status.BAD_REQUEST_400, "invalid " + name);
    }

    private static JsonObject project(Project p) {
        return JsonResponses.object().add("id", p.id().toString()).add("slug", p.slug()).add("name", p.name())
                .add("created_at", JsonResponses.timestamp(p.createdAt())).build();
    }

    private static JsonObject apiKey(ApiKey k) {
        return JsonResponses.object().add("id", k.id().toString()).add("name", k.name()).add("scope", k.scope().text())
                .add("prefix", k.prefix()).add("created_at", JsonResponses.timestamp(k.createdAt()))
                .add("last_used_at", JsonResponses.nullable(k.lastUsedAt() == null ? null : JsonResponses.timestamp(k.lastUsedAt())))
                .build();
    }

    private static JsonObject member(Project.Member m) {
        return JsonResponses.object().add("user_id", m.userId().toString()).add("email", m.email())
                .add("role", m.role().text()).build();
    }

    private static JsonObject prompt(PromptStore.Prompt p) {
        return JsonResponses.object().add("id", p.id().toString()).add("slug", p.slug()).add("name", p.name())
                .add("description", p.description()).add("type", p.type())
                .add("created_at", JsonResponses.timestamp(p.createdAt()))
                .add("labels", json(p.labels())).build();
    }

    private static JsonObject version(PromptStore.Version v) {
        JsonObjectBuilder b = JsonResponses.object().add("number", v.number());
        if (v.template() != null) {
            b.add("template", v.template());
        } else {
            b.add("messages", json(v.messages()));
        }
        return b.add("config", json(v.config()))
                .add("message", JsonResponses.nullable(v.message()))
                .add("variables", json(v.variables()))
                .add("created_by", JsonResponses.nullable(v.createdBy()))
                .add("created_at", JsonResponses.timestamp(v.createdAt()))
                .build();
    }

    private static JsonValue json(String text) {
        if (text == null) {
            return JsonValue.NULL;
        }
        try (var reader = READERS.createReader(new java.io.StringReader(text))) {
            return reader.readValue();
        }
    }
}
