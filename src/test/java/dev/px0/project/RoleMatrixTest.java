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
 * Who may do what: viewer, editor, admin, non-member and system admin against every kind of action. A non-member
 * learns nothing (404 project not found); a member without the right gets 403 forbidden.
 */
class RoleMatrixTest extends OneNodeTest {

    private static String project;
    private static final Map<String, String> TOKENS = new java.util.HashMap<>();

    @BeforeAll
    static void fixtures() {
        String owner = px.user();
        project = px.project(owner);
        TOKENS.put("admin", owner);
        for (String role : List.of("editor", "viewer")) {
            String token = px.user();
            px.member(project, owner, token, role);
            TOKENS.put(role, token);
        }
        TOKENS.put("non-member", px.user());
        TOKENS.put("system admin", px.systemAdmin());
        px.published(project, owner, "base", "hi {{n}}");
    }

    /** An action, and the status each caller gets: admin, editor, viewer, non-member, system admin. */
    record Case(String action, BiFunction<String, String, Api.Reply> call, int admin, int editor, int viewer,
                int nonMember, int systemAdmin) {
        @Override
        public String toString() {
            return action;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("read project", (t, u) -> api.json(Method.GET, "/v1/projects/" + project, t, null), 200, 200, 200, 404, 200));
        cases.add(new Case("list members", (t, u) -> api.json(Method.GET, "/v1/projects/" + project + "/members", t, null), 200, 200, 200, 404, 200));
        cases.add(new Case("read prompt", (t, u) -> api.json(Method.GET, base(project, "base"), t, null), 200, 200, 200, 404, 200));
        cases.add(new Case("list versions", (t, u) -> api.json(Method.GET, base(project, "base") + "/versions", t, null), 200, 200, 200, 404, 200));
        cases.add(new Case("render", (t, u) -> px.render(project, t, "base", "{\"variables\":{\"n\":1}}"), 200, 200, 200, 404, 200));
        cases.add(new Case("create prompt", (t, u) -> api.json(Method.POST, "/v1/projects/" + project + "/prompts", t,
                                                               "{\"slug\":\"" + u + "\",\"name\":\"n\",\"type\":\"text\"}"), 201, 201, 403, 404, 201));
        cases.add(new Case("create version", (t, u) -> api.json(Method.POST, base(project, "base") + "/versions", t,
                                                                "{\"template\":\"v {{n}}\"}"), 201, 201, 403, 404, 201));
        cases.add(new Case("move staging", (t, u) -> px.label(project, t, "base", "staging", 1), 200, 200, 403, 404, 200));
        cases.add(new Case("publish production", (t, u) -> px.label(project, t, "base", "production", 1), 200, 403, 403, 404, 200));
        cases.add(new Case("read audit", (t, u) -> api.json(Method.GET, "/v1/projects/" + project + "/audit", t, null), 200, 403, 403, 404, 200));
        cases.add(new Case("manage members", (t, u) -> api.json(Method.PUT, "/v1/projects/" + project + "/members/"
                + px.userId(TOKENS.get("viewer")), t, "{\"role\":\"viewer\"}"), 200, 403, 403, 404, 200));
        cases.add(new Case("delete prompt", (t, u) -> {
            px.prompt(project, TOKENS.get("admin"), u, "text");
            return api.json(Method.DELETE, base(project, u), t, null);
        }, 204, 403, 403, 404, 204));
        cases.add(new Case("create project", (t, u) -> api.json(Method.POST, "/v1/projects", t,
                                                                "{\"slug\":\"" + u + "\",\"name\":\"n\"}"), 201, 201, 201, 201, 201));
        cases.add(new Case("list prompts", (t, u) -> api.json(Method.GET, "/v1/projects/" + project + "/prompts", t, null), 200, 200, 200, 404, 200));
        cases.add(new Case("read version", (t, u) -> api.json(Method.GET, base(project, "base") + "/versions/1", t, null), 200, 200, 200, 404, 200));
        cases.add(new Case("diff", (t, u) -> api.json(Method.GET, base(project, "base") + "/versions/1/diff/1", t, null), 200, 200, 200, 404, 200));
        cases.add(new Case("label history", (t, u) -> api.json(Method.GET, base(project, "base") + "/labels/production/history", t, null),
                           200, 200, 200, 404, 200));
        cases.add(new Case("delete a label", (t, u) -> {
            assertThat(px.label(project, TOKENS.get("admin"), "base", u, 1).status(), is(200));
            return api.json(Method.DELETE, base(project, "base") + "/labels/" + u, t, null);
        }, 204, 204, 403, 404, 204));
        cases.add(new Case("delete production", (t, u) -> {
            px.published(project, TOKENS.get("admin"), u, "x");
            return api.json(Method.DELETE, base(project, u) + "/labels/production", t, null);
        }, 204, 403, 403, 404, 204));
        cases.add(new Case("create api key", (t, u) -> api.json(Method.POST, "/v1/projects/" + project + "/api-keys", t,
                                                                "{\"name\":\"" + u + "\",\"scope\":\"read\"}"), 201, 403, 403, 404, 201));
        cases.add(new Case("list api keys", (t, u) -> api.json(Method.GET, "/v1/projects/" + project + "/api-keys", t, null),
                           200, 403, 403, 404, 200));
        cases.add(new Case("delete api key", (t, u) -> {
            String id = api.json(Method.POST, "/v1/projects/" + project + "/api-keys", TOKENS.get("admin"),
                                 "{\"name\":\"" + u + "\",\"scope\":\"read\"}").json().getJsonObject("api_key").getString("id");
            return api.json(Method.DELETE, "/v1/projects/" + project + "/api-keys/" + id, t, null);
        }, 204, 403, 403, 404, 204));
        cases.add(new Case("remove member", (t, u) -> {
            String member = px.user();
            px.member(project, TOKENS.get("admin"), member, "viewer");
            return api.json(Method.DELETE, "/v1/projects/" + project + "/members/" + px.userId(member), t, null);
        }, 204, 403, 403, 404, 204));
        List<Arguments> arguments = new ArrayList<>();
        for (Case c : cases) {
            arguments.add(Arguments.of(c, "admin", c.admin()));
            arguments.add(Arguments.of(c, "editor", c.editor()));
            arguments.add(Arguments.of(c, "viewer", c.viewer()));
            arguments.add(Arguments.of(c, "non-member", c.nonMember()));
            arguments.add(Arguments.of(c, "system admin", c.systemAdmin()));
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{1} may {0}: {2}")
    @MethodSource("cases")
    void matrix(Case c, String who, int expected) {
        Api.Reply reply = c.call().apply(TOKENS.get(who), "p" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(reply.body(), reply.status(), is(expected));
        if (expected == 403) {
            assertThat(reply.error(), is("forbidden"));
        }
        if (expected == 404) {
            assertThat(reply.error(), is("project not found"));
        }
    }
}
