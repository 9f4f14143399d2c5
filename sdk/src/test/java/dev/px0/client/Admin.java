package dev.px0.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** px0's HTTP API as the tests use it to set things up and change them: a system admin's calls to one node. */
final class Admin {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What came back. */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final String base;
    private volatile String token;

    private Admin(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Logs in as the nodes' first admin. */
    static Admin login(Node node) {
        return new Admin(node.url(), token(node.url()));
    }

    private static String token(String base) {
        ObjectNode body = JSON.createObjectNode().put("email", Node.ADMIN_EMAIL).put("password", Node.ADMIN_PASSWORD);
        Reply reply = send(base, "POST", "/v1/auth/login", body.toString(), null);
        if (reply.status() != 200) {
            throw new AssertionError("admin login failed: " + reply);
        }
        return reply.json().get("token").asText();
    }

    /** The same admin, calling another node. */
    Admin on(Node node) {
        return new Admin(node.url(), token);
    }

    /** A call with the admin's token; logs in again once if the session is gone (a test restarted Redis). */
    Reply call(String method, String path, String body) {
        Reply reply = send(base, method, path, body, token);
        if (reply.status() == 401) {
            token = token(base);
            reply = send(base, method, path, body, token);
        }
        return reply;
    }

    JsonNode ok(String method, String path, String body) {
        Reply reply = call(method, path, body);
        if (reply.status() / 100 != 2) {
            throw new AssertionError(method + " " + path + " -> " + reply);
        }
        return reply.body().isEmpty() ? null : reply.json();
    }

    /** A new project; returns its slug. */
    String project() {
        String slug = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
        ok("POST", "/v1/projects", JSON.createObjectNode().put("slug", slug).put("name", "SDK test").toString());
        return slug;
    }

    /** A read API key of the project. */
    String apiKey(String project) {
        return ok("POST", "/v1/projects/" + project + "/api-keys", "{\"name\":\"app\",\"scope\":\"read\"}").get("key").asText();
    }

    void prompt(String project, String slug, String type) {
        ok("POST", "/v1/projects/" + project + "/prompts", JSON.createObjectNode().put("slug", slug).put("name", slug)
                .put("type", type).toString());
    }

    /** A new version of a text prompt; returns its number. */
    int version(String project, String slug, String template) {
        return ok("POST", base(project, slug) + "/versions", JSON.createObjectNode().put("template", template).toString())
                .get("version").get("number").asInt();
    }

    /** A new version of a chat prompt from its messages as JSON; returns its number. */
    int chatVersion(String project, String slug, JsonNode messages) {
        ObjectNode body = JSON.createObjectNode();
        body.set("messages", messages);
        return ok("POST", base(project, slug) + "/versions", body.toString()).get("version").get("number").asInt();
    }

    void label(String project, String slug, String label, int version) {
        ok("PUT", base(project, slug) + "/labels/" + label, "{\"version\":" + version + "}");
    }

    /** A new text prompt with one version, published as production; returns the version's number. */
    int published(String project, String slug, String template) {
        prompt(project, slug, "text");
        int version = version(project, slug, template);
        label(project, slug, "production", version);
        return version;
    }

    static String base(String project, String slug) {
        return "/v1/projects/" + project + "/prompts/" + slug;
    }

    static Reply send(String base, String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header(token.startsWith("px0_") ? "X-API-Key" : "Authorization",
                           token.startsWith("px0_") ? token : "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Requests this node has answered so far, from its own request metrics ({@code /observe/metrics}), not
     * counting the requests for the metrics themselves.
     */
    static long requestsServed(Node node) {
        Reply reply = send(node.url(), "GET", "/observe/metrics", null, null);
        long total = 0;
        for (String line : reply.body().split("\n")) {
            if (line.startsWith("http_server_request_duration_seconds_count{") && !line.contains("/observe/metrics")) {
                total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
