package dev.px0.prompt;

import java.util.UUID;

import dev.px0.testing.Api;
import dev.px0.testing.Node;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import jakarta.json.JsonObject;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Projects, users and prompts for the prompt tests, through the API. */
final class PromptFixture {

    final Node node;
    final Api api;

    PromptFixture(Node node) {
        this.node = node;
        this.api = node.api();
    }

    /** A verified user's token. */
    String user() {
        return api.token(new Users(node.px0()).verified(), Users.PASSWORD);
    }

    String userId(String token) {
        return api.me(token).json().getJsonObject("user").getString("id");
    }

    /** A system admin's token. */
    String systemAdmin() {
        String email = Users.uniqueEmail();
        new Users(node.px0()).store().createIfAbsent(email, node.px0().hasher().hash(Users.PASSWORD), true, true);
        return api.token(email, Users.PASSWORD);
    }

    /** A new project owned by the token's user; returns its slug. */
    String project(String owner) {
        String slug = "p-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply reply = api.json(Method.POST, "/v1/projects", owner, "{\"slug\":\"" + slug + "\",\"name\":\"Project\"}");
        assertThat(reply.body(), reply.status(), is(201));
        return slug;
    }

    void member(String project, String admin, String memberToken, String role) {
        Api.Reply reply = api.json(Method.PUT, "/v1/projects/" + project + "/members/" + userId(memberToken), admin,
                                   "{\"role\":\"" + role + "\"}");
        assertThat(reply.body(), reply.status(), is(200));
    }

    void prompt(String project, String token, String slug, String type) {
        Api.Reply reply = api.json(Method.POST, "/v1/projects/" + project + "/prompts", token,
                                   "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\",\"type\":\"" + type + "\"}");
        assertThat(reply.body(), reply.status(), is(201));
    }

    int version(String project, String token, String prompt, String template) {
        Api.Reply reply = api.json(Method.POST, base(project, prompt) + "/versions", token,
                                   jakarta.json.Json.createObjectBuilder().add("template", template).build().toString());
        assertThat(reply.body(), reply.status(), is(201));
        return reply.json().getJsonObject("version").getInt("number");
    }

    Api.Reply label(String project, String token, String prompt, String label, int version) {
        return api.json(Method.PUT, base(project, prompt) + "/labels/" + label, token, "{\"version\":" + version + "}");
    }

    Api.Reply render(String project, String token, String prompt, String body) {
        return api.json(Method.POST, base(project, prompt) + "/render", token, body);
    }

    JsonObject rendered(String project, String token, String prompt, String body) {
        Api.Reply reply = render(project, token, prompt, body);
        assertThat(reply.body(), reply.status(), is(200));
        return reply.json();
    }

    static String base(String project, String prompt) {
        return "/v1/projects/" + project + "/prompts/" + prompt;
    }
}
