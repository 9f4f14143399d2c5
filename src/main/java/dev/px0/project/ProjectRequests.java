package dev.px0.project;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.px0.auth.Callers;
import dev.px0.http.ApiException;
import dev.px0.http.Bearer;
import dev.px0.project.Role.Action;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import jakarta.json.Json;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;

/**
 * What every {@code /v1/projects} routes class shares: who calls, the access check for the one action a handler
 * performs, and reading path and query parameters. Every handler resolves the caller, asks
 * {@link ProjectService#access} for its action, then calls a service.
 */
public final class ProjectRequests {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final Callers callers;
    private final ApiKeys apiKeys;
    private final ProjectService projects;

    ProjectRequests(Callers callers, ApiKeys apiKeys, ProjectService projects) {
        this.callers = callers;
        this.apiKeys = apiKeys;
        this.projects = projects;
    }

    /** The signed-in user; 401 when the request has no valid session. */
    public Callers callers() {
        return callers;
    }

    /** The project of the path, when the caller may perform {@code action} on it. */
    public Project.Access access(ServerRequest req, Action action) {
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

    public static String param(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    /** A path parameter that names something by UUID; one that is not a UUID names nothing: 404 with {@code missing}. */
    public static UUID uuid(ServerRequest req, String name, String missing) {
        try {
            return UUID.fromString(param(req, name));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(missing);
        }
    }

    public static int intParam(ServerRequest req, String name, int absent, int min, int max) {
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

    /** Stored JSON text as a JSON value; {@code null} as JSON null. */
    public static JsonValue json(String text) {
        if (text == null) {
            return JsonValue.NULL;
        }
        try (var reader = READERS.createReader(new java.io.StringReader(text))) {
            return reader.readValue();
        }
    }
}
