package dev.px0.console;

import java.util.List;
import java.util.Map;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Api;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Stored cross-site scripting through the console: names, descriptions, templates, chat messages, version
 * messages, label history and audit values full of HTML and script are shown literally and never run.
 */
class ConsoleHostileContentTest extends ConsoleTest {

    /** Each payload, if ever parsed as HTML or run as script, sets window.pwned. */
    private static final String SCRIPT = "<script>window.pwned=1</script>";
    private static final String IMG = "<img src=x onerror=\"window.pwned=2\">";
    private static final String SVG = "<svg onload=window.pwned=3></svg>";
    private static final String LINK = "<a href=\"javascript:window.pwned=4\" id=evil>click</a>";
    private static final String ALL = SCRIPT + IMG + SVG + LINK;

    private static String json(Map<String, Object> map) {
        return Json.createObjectBuilder(map).build().toString();
    }

    @Test
    void hostileContentShowsLiterallyAndNeverRuns() {
        PromptFixture px = new PromptFixture(node);
        Api api = node.api();
        String email = new Users(node.px0()).verified();
        String owner = api.token(email, Users.PASSWORD);
        String project = "hostile-" + Long.toHexString(System.nanoTime());
        assertThat(api.json(Method.POST, "/v1/projects", owner, json(Map.of("slug", project, "name", "P " + ALL))).status(), is(201));
        String base = "/v1/projects/" + project + "/prompts";
        assertThat(api.json(Method.POST, base, owner, json(Map.of("slug", "text", "name", "T " + IMG,
                                                                   "description", "D " + SCRIPT, "type", "text"))).status(), is(201));
        assertThat(api.json(Method.POST, base + "/text/versions", owner,
                            json(Map.of("template", "Hi {{name}} " + ALL, "message", "M " + SVG))).status(), is(201));
        assertThat(api.json(Method.POST, base + "/text/versions", owner,
                            json(Map.of("template", "Bye {{name}} " + ALL + LINK, "message", "M2 " + IMG))).status(), is(201));
        assertThat(api.json(Method.POST, base, owner, json(Map.of("slug", "chat", "name", "C " + SVG, "type", "chat"))).status(), is(201));
        assertThat(api.json(Method.POST, base + "/chat/versions", owner, Json.createObjectBuilder()
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("role", "system").add("content", "S " + ALL + " {{who}}")))
                .add("config", Json.createObjectBuilder().add("note", IMG)).build().toString()).status(), is(201));
        assertThat(px.label(project, owner, "text", "production", 2).status(), is(200));
        String key = api.json(Method.POST, "/v1/projects/" + project + "/api-keys", owner,
                              json(Map.of("name", "K " + SCRIPT, "scope", "read"))).json().getString("key");
        assertThat(key.startsWith("px0_"), is(true));

        browser.signIn(email, Users.PASSWORD);
        String p = "#/p/" + project;
        check("#/projects", "P " + ALL);
        check(p, "T " + IMG);
        check(p, "D " + SCRIPT);
        check(p, "C " + SVG);
        check(p + "/prompts/text/versions?v=2", "M2 " + IMG);
        check(p + "/prompts/text/versions?v=2", "Bye {{name}} " + ALL);
        check(p + "/prompts/text/versions?v=1", "M " + SVG);
        check(p + "/prompts/text/diff", "+Bye {{name}} " + ALL + LINK);
        check(p + "/prompts/text/edit", "name");
        assertThat(browser.find("[data-test=template-input]").getDomProperty("value"), containsString(ALL));
        check(p + "/prompts/chat/versions", "S " + ALL + " {{who}}");
        check(p + "/prompts/chat/versions", IMG);
        check(p + "/prompts/text/playground", "name");
        browser.type("form[data-test=playground] [name='var:name']", IMG + SCRIPT);
        browser.click("form[data-test=playground] button[type=submit]");
        browser.text("[data-test=rendered]", "Bye " + IMG + SCRIPT + " " + ALL);
        assertNothingRan();
        check(p + "/keys", "K " + SCRIPT);
        check(p + "/audit", SCRIPT);
        browser.shot("hostile-content");
    }

    @Test
    void hostileErrorMessagesShowLiterally() {
        String email = new Users(node.px0()).verified();
        browser.signIn(email, Users.PASSWORD);
        browser.open("#/projects");
        browser.type("form[data-test=new-project] [name=slug]", "x");
        browser.paste("form[data-test=new-project] [name=name]", " ");
        browser.click("form[data-test=new-project] button[type=submit]");
        browser.text("form[data-test=new-project] [data-test=form-error]", "invalid project name (400)");
        browser.open("#/p/" + "%3Cimg%20src%3Dx%20onerror%3Dwindow.pwned%3D5%3E");
        browser.text("[data-test=page-error]", "project not found (404)");
        assertThat(browser.find("#nav .crumb").getText(), is("<img src=x onerror=window.pwned=5>"));
        assertNothingRan();
    }

    /** Opens a page, waits until the text shows exactly as stored, and checks that nothing ran or was parsed. */
    private static void check(String hash, String text) {
        browser.open(hash);
        browser.text("main", text);
        assertNothingRan();
    }

    private static void assertNothingRan() {
        assertThat(browser.script("return window.pwned === undefined;"), is(true));
        @SuppressWarnings("unchecked")
        List<Object> injected = (List<Object>) browser.script(
                "return [...document.querySelectorAll('main script, main img, main svg, main iframe, #evil, #nav img')];");
        assertThat(injected.size(), is(0));
    }
}
