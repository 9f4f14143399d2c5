package dev.px0.prompt;

import java.util.UUID;

import dev.px0.testing.Api;
import dev.px0.testing.Node;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import jakarta.json.JsonObject;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Projects, users and prompts for the prompt tests, through the API. Over a {@link Node} it also makes users (in the
 * node's store); over any {@link Api} (a {@code Px0Process}'s, in the SDK's tests) everything that takes a token.
 */
public final class PromptFixture {

    /** The node whose store {@link #user()} and {@link #systemAdmin()} use; null over a bare {@link Api}. */
    public final Node node;
    public final Api api;

    public PromptFixture(Node node) {
        this.node = node;
        this.api = node.api();
    }

    /** Over a px0 reached only through its API: no {@link #user()} or {@link #systemAdmin()}. */
    public PromptFixture(Api api) {
        this.node = null;
        this.api = api;
    }

    /** A verified user's token. */
    public String user() {
        return api.token(new Users(node.px0()).verified(), Users.PASSWORD);
    }

    public String userId(String token) {
        return api.me(token).json().getJsonObject("user").getString("id");
    }

    /** A system admin's token. */
    public String systemAdmin() {
        String email = Users.uniqueEmail();
        new Users(node.px0()).store().createIfAbsent(email, node.px0().hasher().hash(Users.PASSWORD), true, true);
        return api.token(email, Users.PASSWORD);
    }

    /** A new project owned by the token's user; returns its slug. */
    public String project(String owner) {
        String slug = "p-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply reply = api.json(Method.POST, "/v1/projects", owner, "{\"slug\":\"" + slug + "\",\"name\":\"Project\"}");
        assertThat(reply.body(), reply.status(), is(201));
        return slug;
    }

    public void member(String project, String admin, String memberToken, String role) {
        Api.Reply reply = api.json(Method.PUT, "/v1/projects/" + project + "/members/" + userId(memberToken), admin,
                                   "{\"role\":\"" + role + "\"}");
        assertThat(reply.body(), reply.status(), is(200));
    }

    public void prompt(String project, String token, String slug, String type) {
        Api.Reply reply = api.json(Method.POST, "/v1/projects/" + project + "/prompts", token,
                                   "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\",\"type\":\"" + type + "\"}");
        assertThat(reply.body(), reply.status(), is(201));
    }

    public int version(String project, String token, String prompt, String template) {
        Api.Reply reply = api.json(Method.POST, base(project, prompt) + "/versions", token,
                                   jakarta.json.Json.createObjectBuilder().add("template", template).build().toString());
        assertThat(reply.body(), reply.status(), is(201));
        return reply.json().getJsonObject("version").getInt("number");
    }

    /** A new version of a chat prompt, its messages given as a JSON array; returns the version's number. */
    public int chatVersion(String project, String token, String prompt, String messages) {
        Api.Reply reply = api.json(Method.POST, base(project, prompt) + "/versions", token,
                                   "{\"messages\":" + messages + "}");
        assertThat(reply.body(), reply.status(), is(201));
        return reply.json().getJsonObject("version").getInt("number");
    }

    /** A new text prompt with one version, published as {@code production}; returns the version's number. */
    public int published(String project, String token, String prompt, String template) {
        prompt(project, token, prompt, "text");
        int version = version(project, token, prompt, template);
        Api.Reply reply = label(project, token, prompt, "production", version);
        assertThat(reply.body(), reply.status(), is(200));
        return version;
    }

    public Api.Reply label(String project, String token, String prompt, String label, int version) {
        return api.json(Method.PUT, base(project, prompt) + "/labels/" + label, token, "{\"version\":" + version + "}");
    }

    public Api.Reply render(String project, String token, String prompt, String body) {
        return api.json(Method.POST, base(project, prompt) + "/render", token, body);
    }

    public JsonObject rendered(String project, String token, String prompt, String body) {
        Api.Reply reply = render(project, token, prompt, body);
        assertThat(reply.body(), reply.status(), is(200));
        return reply.json();
    }

    /** A new API key of the project (created by one of its admins); returns the key itself. */
    public String apiKey(String project, String admin, String scope) {
        Api.Reply reply = api.json(Method.POST, "/v1/projects/" + project + "/api-keys", admin,
                                   "{\"name\":\"app\",\"scope\":\"" + scope + "\"}");
        assertThat(reply.body(), reply.status(), is(201));
        return reply.json().getString("key");
    }

    /** A render's version number, through the given API key. */
    public static int renderedVersion(Api api, String project, String key, String prompt, String body) {
        Api.Reply reply = api.json(Method.POST, base(project, prompt) + "/render", key, body);
        assertThat(reply.body(), reply.status(), is(200));
        return reply.json().getInt("version");
    }

    public static String base(String project, String prompt) {
        return "/v1/projects/" + project + "/prompts/" + prompt;
    }
}
