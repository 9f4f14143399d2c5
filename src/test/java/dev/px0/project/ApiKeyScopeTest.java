package dev.px0.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import dev.px0.testing.Api;
import dev.px0.testing.OneNodeTest;

import io.helidon.http.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.px0.prompt.PromptFixture.base;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * What an API key may do: {@code read} fetches and renders; {@code write} also creates prompts and versions and
 * moves labels other than production. Neither manages the project, and a key of another project learns nothing.
 */
class ApiKeyScopeTest extends OneNodeTest {

    private static String project;
    private static String owner;
    private static final Map<String, String> KEYS = new java.util.HashMap<>();

    @BeforeAll
    static void fixtures() {
        owner = px.user();
        project = px.project(owner);
        KEYS.put("read", px.apiKey(project, owner, "read"));
        KEYS.put("write", px.apiKey(project, owner, "write"));
        String other = px.project(owner);
        KEYS.put("other project's write", px.apiKey(other, owner, "write"));
        px.published(project, owner, "base", "hi {{n}}");
    }

    /** An action, and the status each key gets: read, write, another project's write key. */
    record Case(String action, BiFunction<String, String, Api.Reply> call, int read, int write, int otherProject) {
        @Override
        public String toString() {
            return action;
        }
    }

    static Stream<Arguments> cases() {
        String p = "/v1/projects/";
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("read project", (k, u) -> api.json(Method.GET, p + project, k, null), 200, 200, 404));
        cases.add(new Case("list prompts", (k, u) -> api.json(Method.GET, p + project + "/prompts", k, null), 200, 200, 404));
        cases.add(new Case("read prompt", (k, u) -> api.json(Method.GET, base(project, "base"), k, null), 200, 200, 404));
        cases.add(new Case("list versions", (k, u) -> api.json(Method.GET, base(project, "base") + "/versions", k, null), 200, 200, 404));
        cases.add(new Case("fetch a version", (k, u) -> api.json(Method.GET, base(project, "base") + "/versions/production", k, null), 200, 200, 404));
        cases.add(new Case("render", (k, u) -> px.render(project, k, "base", "{\"variables\":{\"n\":1}}"), 200, 200, 404));
        cases.add(new Case("create prompt", (k, u) -> api.json(Method.POST, p + project + "/prompts", k,
                                                               "{\"slug\":\"" + u + "\",\"name\":\"n\",\"type\":\"text\"}"), 403, 201, 404));
        cases.add(new Case("create version", (k, u) -> api.json(Method.POST, base(project, "base") + "/versions", k,
                                                                "{\"template\":\"v {{n}}\"}"), 403, 201, 404));
        cases.add(new Case("move staging", (k, u) -> px.label(project, k, "base", "staging", 1), 403, 200, 404));
        cases.add(new Case("publish production", (k, u) -> px.label(project, k, "base", "production", 1), 403, 403, 404));
        cases.add(new Case("delete prompt", (k, u) -> {
            px.prompt(project, owner, u, "text");
            return api.json(Method.DELETE, base(project, u), k, null);
        }, 403, 403, 404));
        cases.add(new Case("list members", (k, u) -> api.json(Method.GET, p + project + "/members", k, null), 403, 403, 404));
        cases.add(new Case("read audit", (k, u) -> api.json(Method.GET, p + project + "/audit", k, null), 403, 403, 404));
        cases.add(new Case("manage members", (k, u) -> api.json(Method.PUT, p + project + "/members/" + px.userId(owner), k,
                                                                "{\"role\":\"admin\"}"), 403, 403, 404));
        cases.add(new Case("manage api keys", (k, u) -> api.json(Method.GET, p + project + "/api-keys", k, null), 403, 403, 404));
        cases.add(new Case("create project", (k, u) -> api.json(Method.POST, "/v1/projects", k,
                                                                "{\"slug\":\"" + u + "\",\"name\":\"n\"}"), 401, 401, 401));
        cases.add(new Case("purge caches", (k, u) -> api.json(Method.POST, "/v1/cache/purge", k, null), 401, 401, 401));
        cases.add(new Case("diff", (k, u) -> api.json(Method.GET, base(project, "base") + "/versions/1/diff/1", k, null), 200, 200, 404));
        cases.add(new Case("label history", (k, u) -> api.json(Method.GET, base(project, "base") + "/labels/production/history", k, null),
                           200, 200, 404));
        cases.add(new Case("delete a label", (k, u) -> {
            assertThat(px.label(project, owner, "base", u, 1).status(), is(200));
            return api.json(Method.DELETE, base(project, "base") + "/labels/" + u, k, null);
        }, 403, 204, 404));
        cases.add(new Case("delete production", (k, u) -> {
            px.published(project, owner, u, "x");
            return api.json(Method.DELETE, base(project, u) + "/labels/production", k, null);
        }, 403, 403, 404));
        cases.add(new Case("create api key", (k, u) -> api.json(Method.POST, p + project + "/api-keys", k,
                                                                "{\"name\":\"" + u + "\",\"scope\":\"read\"}"), 403, 403, 404));
        cases.add(new Case("delete api key", (k, u) -> {
            String id = api.json(Method.POST, p + project + "/api-keys", owner, "{\"name\":\"" + u + "\",\"scope\":\"read\"}")
                    .json().getJsonObject("api_key").getString("id");
            return api.json(Method.DELETE, p + project + "/api-keys/" + id, k, null);
        }, 403, 403, 404));
        cases.add(new Case("remove member", (k, u) -> {
            String member = px.user();
            px.member(project, owner, member, "viewer");
            return api.json(Method.DELETE, p + project + "/members/" + px.userId(member), k, null);
        }, 403, 403, 404));
        cases.add(new Case("act as a user", (k, u) -> api.json(Method.GET, "/v1/auth/me", k, null), 401, 401, 401));
        List<Arguments> arguments = new ArrayList<>();
        for (Case c : cases) {
            arguments.add(Arguments.of(c, "read", c.read()));
            arguments.add(Arguments.of(c, "write", c.write()));
            arguments.add(Arguments.of(c, "other project's write", c.otherProject()));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "a {1} key may {0}: {2}")
    @MethodSource("cases")
    void matrix(Case c, String key, int expected) {
        Api.Reply reply = c.call().apply(KEYS.get(key), "p" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(reply.body(), reply.status(), is(expected));
        switch (expected) {
            case 401 -> assertThat(reply.error(), is("unauthorized"));
            case 403 -> assertThat(reply.error(), is("forbidden"));
            case 404 -> assertThat(reply.error(), is("project not found"));
            default -> {
            }
        }
    }
}
