package dev.px0.http;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Node;
import dev.px0.testing.RawHttp;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsString;

/**
 * Bad input is refused at the edge with a 400 that names the problem, before any handler, store or log line sees it
 * (each of these was a 500 from PostgreSQL, or silently stored as {@code ?}, before): control characters and
 * invalid percent-encoding in paths and queries, NUL characters and unpaired surrogates anywhere in a JSON body,
 * control characters in names. Sent as raw HTTP, since client libraries refuse to send most of it.
 */
class EdgeValidationTest {

    private static Node node;
    private static PromptFixture fixture;
    private static RawHttp http;
    private static String token;
    private static String project;

    @BeforeAll
    static void start() {
        node = Node.start(Map.of());
        fixture = new PromptFixture(node);
        http = new RawHttp(node.server().port());
        token = fixture.user();
        project = fixture.project(token);
        fixture.published(project, token, "reply", "Hello {{customer}}");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void controlCharactersInAPathAreRefused() throws IOException {
        for (String path : List.of("/v1/projects/x%00", "/v1/projects/x%00%0A2026-11-30T00:00:00.000Z%20SEVERE%20dev.px0.Forged:%20fake",
                                   "/v1/projects/" + project + "/prompts/x%0D%0A", "/v1/projects/" + project + "/prompts/reply/labels/x%00/history",
                                   "/v1/projects/" + project + "/prompts/reply/versions/%7F", "/v1/auth/sessions/%1B")) {
            assertError(get(path), 400, "invalid path: control characters are not allowed");
        }
    }

    @Test
    void aPathThatIsNotPercentEncodedUtf8IsRefused() throws IOException {
        assertError(get("/v1/projects/%FF"), 400, "invalid path: bad percent-encoding");
        assertError(get("/v1/projects/%ED%A0%80"), 400, "invalid path: bad percent-encoding"); // a surrogate in UTF-8
        assertError(get("/v1/projects/%C0%AF"), 400, "invalid path: bad percent-encoding"); // an overlong '/'
        // a lone % or a bad hex digit: Helidon's own parser refuses it first
        assertError(get("/v1/projects/%zz"), 400, "bad request");
    }

    @Test
    void nonAsciiAndOverlongPathValuesGetTheDocumentedAnswer() throws IOException {
        assertError(get("/v1/projects/%C3%A9t%C3%A9"), 404, "project not found");
        assertError(get("/v1/projects/" + "a".repeat(300)), 404, "project not found");
        assertError(get("/v1/projects/" + project + "/prompts/%F0%9F%98%80"), 404, "prompt not found");
        assertError(get("/v1/projects/" + project + "/prompts/reply/versions/99999999999"), 404, "version not found");
        assertError(get("/v1/projects/" + "a".repeat(20_000)), 414, "request-uri too long");
    }

    @Test
    void controlCharactersAndBadEncodingInAQueryAreRefused() throws IOException {
        assertError(get("/v1/projects/" + project + "/audit?limit=%00"), 400, "invalid query: control characters are not allowed");
        assertError(get("/v1/projects/" + project + "/prompts/reply/versions?li%0Amit=1"), 400,
                    "invalid query: control characters are not allowed");
        assertError(get("/v1/auth/verify-email?email=a%00%40example.com"), 400, "invalid query: control characters are not allowed");
        assertError(get("/v1/auth/verify-email?email=%FF%FE"), 400, "invalid query: bad percent-encoding");
        assertError(get("/v1/projects/" + project + "/audit?limit=1e3"), 400, "invalid limit");
    }

    @Test
    void aHeaderWithAControlCharacterIsRefusedByTheParser() throws IOException {
        RawHttp.Response response = http.send("GET", "/v1/auth/me", List.of(new RawHttp.Header("Authorization", "Bearer " + token),
                                                                           new RawHttp.Header("User-Agent", "a\u0001b")), null);
        assertError(response, 400, "bad request");
    }

    @Test
    void aNulCharacterAnywhereInABodyIsRefusedAndNothingIsStored() throws IOException {
        String prompts = "/v1/projects/" + project + "/prompts";
        String nul = "invalid request body: a string holds a nul character";
        assertError(post("/v1/projects", "{\"slug\":\"nul-project\",\"name\":\"a\\u0000b\"}"), 400, nul);
        assertError(post(prompts, "{\"slug\":\"nul\",\"name\":\"n\",\"description\":\"\\u0000\",\"type\":\"text\"}"), 400, nul);
        assertError(post(prompts + "/reply/versions", "{\"template\":\"Hello\\u0000{{customer}}\"}"), 400, nul);
        assertError(post(prompts + "/reply/versions", "{\"template\":\"Hi\",\"message\":\"\\u0000\"}"), 400, nul);
        assertError(post(prompts + "/reply/versions", "{\"template\":\"Hi\",\"config\":{\"a\\u0000\":1}}"), 400, nul);
        assertError(post(prompts + "/reply/versions", "{\"template\":\"Hi\",\"config\":{\"a\":[{\"b\":\"\\u0000\"}]}}"), 400, nul);
        assertError(post(prompts + "/reply/render", "{\"variables\":{\"customer\":\"\\u0000\"}}"), 400, nul);
        assertError(post("/v1/auth/login", "{\"email\":\"a@example.com\",\"password\":\"a\\u0000\"}"), 400, nul);

        assertThat(get("/v1/projects/nul-project").status(), is(404));
        assertThat(get(prompts + "/nul").status(), is(404));
        assertThat(json(get(prompts + "/reply/versions")).getJsonArray("versions").size(), is(1));
    }

    @Test
    void anUnpairedSurrogateIsRefusedInsteadOfStoredAsAQuestionMark() throws IOException {
        String surrogate = "invalid request body: a string holds an unpaired surrogate";
        assertError(post("/v1/projects", "{\"slug\":\"sur-project\",\"name\":\"a\\ud800\"}"), 400, surrogate);
        assertError(post("/v1/projects/" + project + "/prompts/reply/versions", "{\"template\":\"\\udc00{{customer}}\"}"), 400, surrogate);
        assertError(post("/v1/projects/" + project + "/prompts/reply/versions", "{\"template\":\"Hi\",\"config\":{\"a\":\"x\\ud83d\"}}"),
                    400, surrogate);
        assertThat(get("/v1/projects/sur-project").status(), is(404));

        // a pair is a character like any other
        RawHttp.Response emoji = post("/v1/projects/" + project + "/prompts/reply/versions", "{\"template\":\"\\ud83d\\ude00 {{customer}}\"}");
        assertThat(emoji.body(), emoji.status(), is(201));
        assertThat(json(emoji).getJsonObject("version").getString("template"), is("\ud83d\ude00 {{customer}}"));
    }

    @Test
    void namesHoldNoControlCharacters() throws IOException {
        assertError(post("/v1/projects", "{\"slug\":\"ctl-project\",\"name\":\"a\\nb\"}"), 400,
                    "invalid name: control characters are not allowed");
        assertError(post("/v1/projects/" + project + "/prompts", "{\"slug\":\"ctl\",\"name\":\"a\\u001b[31m\",\"type\":\"text\"}"), 400,
                    "invalid name: control characters are not allowed");
        assertError(post("/v1/projects/" + project + "/api-keys", "{\"name\":\"a\\tb\",\"scope\":\"read\"}"), 400,
                    "invalid name: control characters are not allowed");
        // a template may hold line breaks and tabs
        RawHttp.Response multiline = post("/v1/projects/" + project + "/prompts/reply/versions", "{\"template\":\"a\\n\\tb {{customer}}\"}");
        assertThat(multiline.body(), multiline.status(), is(201));
    }

    private static RawHttp.Response get(String path) throws IOException {
        return http.send("GET", path, List.of(new RawHttp.Header("Authorization", "Bearer " + token)), null);
    }

    private static RawHttp.Response post(String path, String body) throws IOException {
        return http.send("POST", path, List.of(new RawHttp.Header("Authorization", "Bearer " + token),
                                               new RawHttp.Header("Content-Type", "application/json")),
                         body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject json(RawHttp.Response response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    static void assertError(RawHttp.Response response, int status, String message) {
        assertThat(response.body(), response.status(), is(status));
        assertThat(response.contentType(), startsWith("application/json"));
        assertThat(json(response), is(Json.createObjectBuilder().add("error", message).build()));
        assertThat(response.body(), not(containsString("internal")));
    }
}
