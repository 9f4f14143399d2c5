package dev.px0.prompt;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.px0.testing.Api;
import dev.px0.testing.OneNodeTest;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.px0.prompt.PromptFixture.base;
import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** Projects, prompts, immutable versions, labels, publish, roll back and render, end to end. */
class PromptLifecycleTest extends OneNodeTest {

    @Test
    void projectsAreCreatedListedAndUnique() {
        String owner = px.user();
        String slug = px.project(owner);

        JsonObject project = api.json(Method.GET, "/v1/projects/" + slug, owner, null).json().getJsonObject("project");
        assertThat(project.keySet(), is(Set.of("id", "slug", "name", "created_at")));
        assertThat(api.json(Method.GET, "/v1/projects", owner, null).json().getJsonArray("projects").size(), is(1));
        assertError(api.json(Method.POST, "/v1/projects", px.user(), "{\"slug\":\"" + slug + "\",\"name\":\"x\"}"),
                    409, "project already exists");
        assertError(api.json(Method.POST, "/v1/projects", owner, "{\"slug\":\"Bad Slug\",\"name\":\"x\"}"),
                    400, "invalid project slug");
        assertError(api.json(Method.GET, "/v1/projects/" + slug, px.user(), null), 404, "project not found");
        assertError(api.json(Method.GET, "/v1/projects/no-such-project", owner, null), 404, "project not found");
        assertError(api.json(Method.GET, "/v1/projects", null, null), 401, "unauthorized");
    }

    @Test
    void publishRenderAndRollBack() {
        String owner = px.user();
        String project = px.project(owner);
        px.prompt(project, owner, "support-reply", "text");
        int v1 = px.version(project, owner, "support-reply", "Hello {{name}}, about {{ticket.id}}.");
        int v2 = px.version(project, owner, "support-reply", "Hi {{name}}! Ticket {{ticket.id}} is on its way.");
        assertThat(v1, is(1));
        assertThat(v2, is(2));
        String vars = "{\"variables\":{\"name\":\"Ada\",\"ticket\":{\"id\":42},\"extra\":true}}";

        assertError(px.render(project, owner, "support-reply", vars), 404, "label not found");
        assertThat(px.label(project, owner, "support-reply", "production", v2).status(), is(200));
        JsonObject published = px.rendered(project, owner, "support-reply", vars);
        assertThat(published.getString("text"), is("Hi Ada! Ticket 42 is on its way."));
        assertThat(published.getInt("version"), is(2));
        assertThat(published.getString("label"), is("production"));
        assertThat(published.getString("type"), is("text"));

        assertThat(px.label(project, owner, "support-reply", "production", v1).status(), is(200));
        assertThat(px.rendered(project, owner, "support-reply", vars).getString("text"), is("Hello Ada, about 42."));

        JsonObject pinned = px.rendered(project, owner, "support-reply", "{\"variables\":{\"name\":\"Ada\",\"ticket\":{\"id\":1}},\"version\":2}");
        assertThat(pinned.getInt("version"), is(2));
        assertThat(pinned.isNull("label"), is(true));
        JsonObject latest = api.json(Method.GET, base(project, "support-reply"), owner, null).json().getJsonObject("prompt");
        assertThat(latest.getJsonObject("labels"), is(Json.createObjectBuilder().add("latest", 2).add("production", 1).build()));

        List<JsonObject> history = api.json(Method.GET, base(project, "support-reply") + "/labels/production/history", owner, null)
                .json().getJsonArray("history").getValuesAs(JsonObject.class);
        assertThat(history.size(), is(2));
        assertThat(history.get(0).getInt("version"), is(1));
        assertThat(history.get(0).getInt("previous_version"), is(2));
        assertThat(history.get(1).isNull("previous_version"), is(true));
    }

    @Test
    void renderRefusals() {
        String owner = px.user();
        String project = px.project(owner);
        px.published(project, owner, "greet", "{{b}} {{a}} {{#items}}{{x}}{{/items}}");

        Api.Reply missing = px.render(project, owner, "greet", "{\"variables\":{\"b\":1}}");
        assertThat(missing.status(), is(422));
        assertThat(missing.json(), is(Json.createObjectBuilder().add("error", "missing variables")
                .add("missing", Json.createArrayBuilder().add("a").add("items")).build()));
        assertError(px.render(project, owner, "greet", "{\"variables\":[]}"), 400, "invalid request body");
        assertError(px.render(project, owner, "greet", "{\"variables\":{},\"label\":\"production\",\"version\":1}"),
                    400, "give a label or a version, not both");
        assertError(px.render(project, owner, "greet", "{\"variables\":{},\"label\":\"staging\"}"), 404, "label not found");
        assertError(px.render(project, owner, "greet", "{\"variables\":{},\"version\":9}"), 404, "version not found");
        assertError(px.render(project, owner, "nope", "{\"variables\":{}}"), 404, "prompt not found");
    }

    @Test
    void valuesComeOutLiterallyWithoutEscaping() {
        String owner = px.user();
        String project = px.project(owner);
        px.prompt(project, owner, "echo", "text");
        px.label(project, owner, "echo", "production",
                 px.version(project, owner, "echo", "<{{v}}>{{#list}}[{{.}}]{{/list}}{{#flag}}yes{{/flag}}"));
        String value = "{{not a tag}} & <b>ünïcødé</b> \"😀\"";

        JsonObject out = px.rendered(project, owner, "echo", Json.createObjectBuilder().add("variables",
                Json.createObjectBuilder().add("v", value).add("list", Json.createArrayBuilder().add("a").add("b"))
                        .add("flag", true)).build().toString());

        assertThat(out.getString("text"), is("<" + value + ">[a][b]yes"));
    }

    @Test
    void chatPromptsRenderEveryMessage() {
        String owner = px.user();
        String project = px.project(owner);
        px.prompt(project, owner, "chat", "chat");
        Api.Reply created = api.json(Method.POST, base(project, "chat") + "/versions", owner,
                                     "{\"messages\":[{\"role\":\"system\",\"content\":\"You help {{company}}.\"},"
                                             + "{\"role\":\"user\",\"content\":\"{{question}}\"}],"
                                             + "\"config\":{\"model\":\"gpt-x\",\"temperature\":0.2},\"message\":\"first\"}");
        assertThat(created.body(), created.status(), is(201));
        JsonObject version = created.json().getJsonObject("version");
        assertThat(version.getJsonArray("variables"), is(Json.createArrayBuilder().add("company").add("question").build()));
        assertThat(version.getString("message"), is("first"));
        px.label(project, owner, "chat", "production", 1);

        JsonObject out = px.rendered(project, owner, "chat", "{\"variables\":{\"company\":\"ACME\",\"question\":\"Why?\"}}");

        assertThat(out.getString("type"), is("chat"));
        assertThat(out.getJsonArray("messages"), is(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("role", "system").add("content", "You help ACME."))
                .add(Json.createObjectBuilder().add("role", "user").add("content", "Why?")).build()));
        assertThat(out.getJsonObject("config").getString("model"), is("gpt-x"));
        Api.Reply missing = px.render(project, owner, "chat", "{\"variables\":{}}");
        assertThat(missing.json().getJsonArray("missing").size(), is(2));
    }

    @Test
    void promptSlugsAreUniqueInAProjectAndListedWithTheirLabels() {
        String owner = px.user();
        String project = px.project(owner);
        px.prompt(project, owner, "same", "text");
        px.version(project, owner, "same", "x");

        assertError(api.json(Method.POST, "/v1/projects/" + project + "/prompts", owner,
                             "{\"slug\":\"same\",\"name\":\"again\",\"type\":\"chat\"}"), 409, "prompt already exists");
        assertError(api.json(Method.POST, "/v1/projects/" + project + "/prompts", owner,
                             "{\"slug\":\"Not Valid\",\"name\":\"n\",\"type\":\"text\"}"), 400, "invalid prompt slug");
        assertError(api.json(Method.POST, "/v1/projects/" + project + "/prompts", owner,
                             "{\"slug\":\"other\",\"name\":\"n\",\"type\":\"image\"}"), 400, "type must be text or chat");
        String other = px.project(owner);
        px.prompt(other, owner, "same", "text");
        List<JsonObject> prompts = api.json(Method.GET, "/v1/projects/" + project + "/prompts", owner, null).json()
                .getJsonArray("prompts").getValuesAs(JsonObject.class);
        assertThat(prompts.size(), is(1));
        assertThat(prompts.getFirst().getJsonObject("labels"), is(Json.createObjectBuilder().add("latest", 1).build()));
        assertThat(prompts.getFirst().getString("description"), is(""));
    }

    @Test
    void versionRefusalsAndImmutability() {
        String owner = px.user();
        String project = px.project(owner);
        px.prompt(project, owner, "t", "text");
        px.prompt(project, owner, "c", "chat");

        Api.Reply broken = api.json(Method.POST, base(project, "t") + "/versions", owner, "{\"template\":\"Hi {{#open}} never closed\"}");
        assertThat(broken.status(), is(400));
        assertThat(broken.error(), containsString("invalid template: "));
        assertThat(api.json(Method.POST, base(project, "t") + "/versions", owner,
                            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").status(), is(400));
        assertThat(api.json(Method.POST, base(project, "c") + "/versions", owner, "{\"template\":\"x\"}").status(), is(400));
        assertThat(api.json(Method.POST, base(project, "c") + "/versions", owner,
                            "{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}").status(), is(400));

        px.version(project, owner, "t", "one");
        for (Method method : List.of(Method.PUT, Method.PATCH, Method.DELETE)) {
            assertError(api.json(method, base(project, "t") + "/versions/1", owner, "{}"), 405, "method not allowed");
        }
        assertError(api.json(Method.GET, base(project, "t") + "/versions/7", owner, null), 404, "version not found");
        assertError(px.label(project, owner, "t", "latest", 1), 400, "label latest is managed by px0");
        assertError(px.label(project, owner, "t", "staging", 9), 404, "version not found");
        assertError(api.json(Method.POST, base(project, "t") + "/prompts", owner, "{}"), 404, "not found");
    }

    @Test
    void versionsListEtagAndDiff() {
        String owner = px.user();
        String project = px.project(owner);
        px.prompt(project, owner, "d", "text");
        for (int i = 1; i <= 5; i++) {
            px.version(project, owner, "d", "line one\nline " + i);
        }

        List<JsonObject> page = api.json(Method.GET, base(project, "d") + "/versions?limit=2&before=4", owner, null)
                .json().getJsonArray("versions").getValuesAs(JsonObject.class);
        assertThat(page.stream().map(v -> v.getInt("number")).toList(), is(List.of(3, 2)));
        assertError(api.json(Method.GET, base(project, "d") + "/versions?limit=500", owner, null), 400, "invalid limit");

        Api.Reply byLabel = api.json(Method.GET, base(project, "d") + "/versions/latest", owner, null);
        assertThat(byLabel.json().getJsonObject("version").getInt("number"), is(5));
        String etag = byLabel.header(HeaderNames.ETAG);
        Api.Reply notModified = api.send(Method.GET, base(project, "d") + "/versions/5", null,
                                         Map.of(HeaderNames.AUTHORIZATION, "Bearer " + owner, HeaderNames.IF_NONE_MATCH, etag));
        assertThat(notModified.status(), is(304));

        String diff = api.json(Method.GET, base(project, "d") + "/versions/1/diff/5", owner, null).json().getString("diff");
        assertThat(diff, containsString("-line 1"));
        assertThat(diff, containsString("+line 5"));
    }

    @Test
    void deletingALabelAndAPrompt() {
        String owner = px.user();
        String project = px.project(owner);
        px.prompt(project, owner, "gone", "text");
        px.label(project, owner, "gone", "staging", px.version(project, owner, "gone", "x"));

        assertThat(api.json(Method.DELETE, base(project, "gone") + "/labels/staging", owner, null).status(), is(204));
        assertError(api.json(Method.DELETE, base(project, "gone") + "/labels/staging", owner, null), 404, "label not found");
        List<JsonObject> history = api.json(Method.GET, base(project, "gone") + "/labels/staging/history", owner, null)
                .json().getJsonArray("history").getValuesAs(JsonObject.class);
        assertThat(history.getFirst().isNull("version"), is(true));

        assertThat(api.json(Method.DELETE, base(project, "gone"), owner, null).status(), is(204));
        assertError(api.json(Method.GET, base(project, "gone"), owner, null), 404, "prompt not found");
        List<String> actions = api.json(Method.GET, "/v1/projects/" + project + "/audit", owner, null).json()
                .getJsonArray("audit").getValuesAs(JsonObject.class).stream().map(a -> a.getString("action")).toList();
        assertThat(actions, is(List.of("prompt.delete", "label.delete", "label.move", "version.create", "prompt.create",
                                       "project.create")));
    }

    @Test
    void theLastAdminStays() {
        String owner = px.user();
        String project = px.project(owner);
        String ownerId = px.userId(owner);

        assertError(api.json(Method.PUT, "/v1/projects/" + project + "/members/" + ownerId, owner, "{\"role\":\"editor\"}"),
                    409, "a project needs an admin");
        assertError(api.json(Method.DELETE, "/v1/projects/" + project + "/members/" + ownerId, owner, null),
                    409, "a project needs an admin");
        String other = px.user();
        px.member(project, owner, other, "admin");
        assertThat(api.json(Method.DELETE, "/v1/projects/" + project + "/members/" + ownerId, owner, null).status(), is(204));
        assertError(api.json(Method.PUT, "/v1/projects/" + project + "/members/00000000-0000-4000-8000-000000000000", other,
                             "{\"role\":\"viewer\"}"), 404, "user not found");
    }
}
