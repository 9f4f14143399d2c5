package dev.px0.project;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.px0.auth.Sha256;
import dev.px0.http.Bearer;
import dev.px0.testing.Api;
import dev.px0.testing.LogCapture;
import dev.px0.testing.OneNodeTest;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.px0.prompt.PromptFixture.base;
import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** API keys: created by project admins, shown once, stored as SHA-256, sent in either header, refused once deleted. */
class ApiKeysTest extends OneNodeTest {

    private static final String RENDER = "{\"variables\":{\"n\":1}}";

    private static String admin;
    private static String project;

    @BeforeAll
    static void fixtures() {
        admin = px.user();
        project = px.project(admin);
        px.published(project, admin, "greeting", "hi {{n}}");
    }

    private static String keys(String slug) {
        return "/v1/projects/" + slug + "/api-keys";
    }

    private static Api.Reply withHeader(String key, String path, String body) {
        return api.send(Method.POST, path, body, Map.of(Bearer.X_API_KEY, key, HeaderNames.CONTENT_TYPE, "application/json"));
    }

    @Test
    void createdKeyIsShownOnceAndStoredAsItsHashOnly() {
        Api.Reply created = api.json(Method.POST, keys(project), admin, "{\"name\":\"checkout\",\"scope\":\"read\"}");
        assertThat(created.body(), created.status(), is(201));
        assertThat(created.header(HeaderNames.CACHE_CONTROL), containsString("no-store"));
        String key = created.json().getString("key");
        assertThat(key, key.matches("px0_[A-Za-z0-9_-]{43}"), is(true)); // 43 base64url characters: 256 bits
        JsonObject listed = created.json().getJsonObject("api_key");
        assertThat(listed.getString("name"), is("checkout"));
        assertThat(listed.getString("scope"), is("read"));
        assertThat(listed.getString("prefix"), is(key.substring(0, 12)));
        assertThat(listed.isNull("last_used_at"), is(true));

        Api.Reply list = api.json(Method.GET, keys(project), admin, null);
        assertThat(list.status(), is(200));
        assertThat(list.body(), containsString(listed.getString("id")));
        assertThat(list.body(), not(containsString(key)));
        assertThat(list.body(), not(containsString(key.substring(12))));

        String stored = node.px0().database().client().execute()
                .get("SELECT secret_sha256 FROM api_keys WHERE id = ?::uuid", listed.getString("id"))
                .map(row -> row.column("secret_sha256").getString()).orElseThrow();
        assertThat(stored, is(Sha256.hex(key)));
    }

    @Test
    void keyWorksInEitherHeaderOnItsOwnProjectOnly() {
        String key = px.apiKey(project, admin, "read");
        assertThat(withHeader(key, base(project, "greeting") + "/render", RENDER).status(), is(200));
        assertThat(px.render(project, key, "greeting", RENDER).status(), is(200));
        assertThat(px.render(project, key, "greeting", RENDER).json().getString("text"), is("hi 1"));

        String other = px.project(admin);
        px.prompt(other, admin, "greeting", "text");
        assertError(px.render(other, key, "greeting", RENDER), 404, "project not found");
        assertError(withHeader(key, base(other, "greeting") + "/render", RENDER), 404, "project not found");
    }

    @Test
    void unknownMalformedAmbiguousAndDeletedKeysAreUnauthorized() {
        String unknown = "px0_" + "A".repeat(43);
        assertError(px.render(project, unknown, "greeting", RENDER), 401, "unauthorized");
        assertError(withHeader(unknown, base(project, "greeting") + "/render", RENDER), 401, "unauthorized");
        assertError(withHeader("px0_short", base(project, "greeting") + "/render", RENDER), 401, "unauthorized");
        assertError(withHeader("", base(project, "greeting") + "/render", RENDER), 401, "unauthorized");

        String key = px.apiKey(project, admin, "read");
        assertError(api.send(Method.POST, base(project, "greeting") + "/render", RENDER,
                             Map.of(Bearer.X_API_KEY, key, HeaderNames.AUTHORIZATION, "Bearer " + admin,
                                    HeaderNames.CONTENT_TYPE, "application/json")), 401, "unauthorized");

        String id = id(key);
        assertThat(api.json(Method.DELETE, keys(project) + "/" + id, admin, null).status(), is(204));
        assertError(px.render(project, key, "greeting", RENDER), 401, "unauthorized");
        assertError(withHeader(key, base(project, "greeting") + "/render", RENDER), 401, "unauthorized");
        assertError(api.json(Method.DELETE, keys(project) + "/" + id, admin, null), 404, "api key not found");
        assertError(api.json(Method.DELETE, keys(project) + "/not-a-uuid", admin, null), 404, "api key not found");
    }

    @Test
    void onlyProjectAdminsManageKeys() {
        String editor = px.user();
        px.member(project, admin, editor, "editor");
        String viewer = px.user();
        px.member(project, admin, viewer, "viewer");
        String body = "{\"name\":\"x\",\"scope\":\"read\"}";
        assertError(api.json(Method.POST, keys(project), editor, body), 403, "forbidden");
        assertError(api.json(Method.GET, keys(project), viewer, null), 403, "forbidden");
        assertError(api.json(Method.POST, keys(project), px.user(), body), 404, "project not found");
        assertError(api.json(Method.POST, keys(project), null, body), 401, "unauthorized");
        String key = px.apiKey(project, admin, "write");
        assertError(api.json(Method.POST, keys(project), key, body), 403, "forbidden");
        assertError(api.json(Method.GET, keys(project), key, null), 403, "forbidden");
        assertThat(api.json(Method.POST, keys(project), px.systemAdmin(), body).status(), is(201));
    }

    @Test
    void badRequestsAreRefused() {
        assertError(api.json(Method.POST, keys(project), admin, "{\"name\":\"x\",\"scope\":\"admin\"}"), 400,
                    "scope must be read or write");
        assertError(api.json(Method.POST, keys(project), admin, "{\"name\":\"x\"}"), 400, "invalid request body");
        assertError(api.json(Method.POST, keys(project), admin, "{\"name\":\" \",\"scope\":\"read\"}"), 400,
                    "invalid api key name");
        assertError(api.json(Method.POST, keys(project), admin, "{\"name\":\"" + "n".repeat(201) + "\",\"scope\":\"read\"}"),
                    400, "invalid api key name");
        assertError(api.json(Method.PUT, keys(project), admin, "{}"), 405, "method not allowed");
    }

    @Test
    void useIsRecordedOffTheRequestPath() throws InterruptedException {
        String key = px.apiKey(project, admin, "read");
        assertThat(px.render(project, key, "greeting", RENDER).status(), is(200));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        JsonObject listed;
        do {
            listed = listed(key);
            if (!listed.isNull("last_used_at")) {
                break;
            }
            Thread.sleep(20); // polling a background write, bounded by the deadline
        } while (Instant.now().isBefore(deadline));
        assertThat(listed.isNull("last_used_at"), is(false));
    }

    @Test
    void changesMadeWithAKeyAreAuditedAsTheKey() {
        String key = px.apiKey(project, admin, "write");
        assertThat(api.json(Method.POST, base(project, "greeting") + "/versions", key, "{\"template\":\"yo {{n}}\"}").status(),
                   is(201));
        Api.Reply moved = px.label(project, key, "greeting", "staging", 1);
        assertThat(moved.status(), is(200));
        assertThat(moved.json().getJsonObject("label").isNull("updated_by"), is(true));
        JsonObject entry = api.json(Method.GET, "/v1/projects/" + project + "/audit", admin, null).json()
                .getJsonArray("audit").getJsonObject(0);
        assertThat(entry.getString("action"), is("label.move"));
        assertThat(entry.isNull("actor_id"), is(true));
        assertThat(entry.getString("api_key_id"), is(id(key)));
    }

    @Test
    void aKeyIsNeverLogged() {
        String key;
        try (LogCapture logs = new LogCapture()) {
            key = px.apiKey(project, admin, "write");
            px.render(project, key, "greeting", RENDER);
            withHeader(key, base(project, "greeting") + "/render", "{\"variables\":");
            withHeader(key, base(project, "nope") + "/render", RENDER);
            withHeader(key + "x", base(project, "greeting") + "/render", RENDER);
            api.json(Method.DELETE, keys(project) + "/" + id(key), admin, null);
            px.render(project, key, "greeting", RENDER);
            assertThat(logs.lines(), is(not(empty())));
            String secret = key.substring(12);
            for (String line : logs.lines()) {
                assertThat(line, not(containsString(secret)));
            }
        }
        assertThat(key, notNullValue());
    }

    private static JsonObject listed(String key) {
        for (var item : api.json(Method.GET, keys(project), admin, null).json().getJsonArray("api_keys")) {
            if (item.asJsonObject().getString("prefix").equals(key.substring(0, 12))) {
                return item.asJsonObject();
            }
        }
        throw new AssertionError("key not listed");
    }

    private static String id(String key) {
        return listed(key).getString("id");
    }
}
