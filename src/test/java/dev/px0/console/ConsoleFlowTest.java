package dev.px0.console;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Api;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * The console in a real browser against a real px0 on real stores: the flows a team walks every day. Each test
 * signs in afresh (the browser's session storage is cleared after each) and leaves a screenshot of what it saw.
 */
class ConsoleFlowTest extends ConsoleTest {

    private static PromptFixture px;
    private static Users users;

    @BeforeAll
    static void start() {
        px = new PromptFixture(node);
        users = new Users(node.px0());
    }

    private static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> texts(String css) {
        return browser.all("[data-test=diff] " + css).stream().map(e -> e.getDomProperty("textContent")).toList();
    }

    @Test
    void signIn() {
        String email = users.verified();
        browser.open("#/projects");
        browser.heading("Sign in");
        browser.shot("sign-in");

        browser.type("form[data-test=sign-in] [name=email]", email);
        browser.type("form[data-test=sign-in] [name=password]", "wrong password");
        browser.click("form[data-test=sign-in] button[type=submit]");
        browser.text("form[data-test=sign-in] [data-test=form-error]", "invalid credentials (401)");

        browser.signIn(email, Users.PASSWORD);
        assertThat(browser.script("return localStorage.length;"), is(0L));
        assertThat(browser.token().isEmpty(), is(false));
    }

    @Test
    void createAProjectAPromptAndTwoVersionsThenSeeTheDiff() {
        browser.signIn(users.verified(), Users.PASSWORD);
        String project = slug("proj");
        browser.type("form[data-test=new-project] [name=slug]", project);
        browser.type("form[data-test=new-project] [name=name]", "Support bot");
        browser.click("form[data-test=new-project] button[type=submit]");
        browser.heading("Support bot");

        browser.type("form[data-test=new-prompt] [name=slug]", "greeting");
        browser.type("form[data-test=new-prompt] [name=name]", "Greeting");
        browser.click("form[data-test=new-prompt] button[type=submit]");
        browser.heading("Greeting");
        browser.text("main h2", "First version");

        browser.paste("[data-test=template-input]", "Hello {{name}},\nwelcome to {{product}}.");
        browser.text("[data-test=detected]", "product");
        browser.text("[data-test=detected]", "name");
        browser.type("[data-test=version-message]", "first words");
        browser.click("form[data-test=editor] button[type=submit]");
        browser.text("[data-test=version-detail] h2", "Version 1");

        browser.click("[data-test=tab-edit]");
        browser.text("main h2", "New version (from v1)");
        browser.paste("[data-test=template-input]", "Hello {{#vip}}dear {{name}}");
        browser.click("form[data-test=editor] button[type=submit]");
        browser.text("form[data-test=editor] [data-test=form-error]", "invalid template");
        assertThat(browser.find("form[data-test=editor] [data-test=form-error]").getText(), containsString("(400)"));

        browser.paste("[data-test=template-input]", "Hello {{#vip}}dear {{/vip}}{{name}},\nwelcome back to {{product}}.");
        browser.text("[data-test=detected]", "vip (section)");
        browser.type("[data-test=version-message]", "greet VIPs");
        browser.click("form[data-test=editor] button[type=submit]");
        browser.text("[data-test=version-detail] h2", "Version 2");
        browser.text("[data-test=versions]", "greet VIPs");
        browser.text("[data-test=versions]", "first words");
        browser.shot("prompt-versions");

        browser.click("[data-test=tab-diff]");
        browser.text("main h2", "Diff v1 → v2");
        WebElement added = browser.find("[data-test=diff] .line.add");
        WebElement removed = browser.find("[data-test=diff] .line.del");
        assertThat(texts(".line.add"), is(List.of("added: +Hello {{#vip}}dear {{/vip}}{{name}},",
                                                  "added: +welcome back to {{product}}.")));
        assertThat(texts(".line.del"), is(List.of("removed: -Hello {{name}},", "removed: -welcome to {{product}}.")));
        assertThat(added.getCssValue("background-color").equals(removed.getCssValue("background-color")), is(false));
        browser.shot("prompt-diff");
        browser.shot("prompt-diff-phone", 390);
        browser.click("[data-test=tab-edit]");
        browser.text("[data-test=detected]", "vip (section)");
        browser.shot("prompt-editor");
    }

    @Test
    void publishRenderInThePlaygroundAndRollBack() {
        String email = users.verified();
        String owner = node.api().token(email, Users.PASSWORD);
        String project = px.project(owner);
        px.prompt(project, owner, "reply", "text");
        px.version(project, owner, "reply", "v1 says hi to {{name}}");
        px.label(project, owner, "reply", "production", 1);
        px.version(project, owner, "reply", "v2 greets {{name}} from {{place}}");
        browser.signIn(email, Users.PASSWORD);

        browser.open("#/p/" + project + "/prompts/reply/labels");
        browser.text("[data-test=production]", "version 1");
        browser.click("[data-test=publish]");
        String question = browser.confirm();
        assertThat(question, containsString("from version 1 to version 2"));
        browser.text("[data-test=label-production]", "v2");
        browser.text("[data-test=history]", "v2");
        browser.shot("prompt-labels");

        browser.click("[data-test=tab-playground]");
        browser.type("form[data-test=playground] [name='var:name']", "Ada");
        browser.click("form[data-test=playground] button[type=submit]");
        browser.text("form[data-test=playground] [data-test=form-error]", "missing variables: place (422)");
        browser.type("form[data-test=playground] [name='var:place']", "Lyon");
        browser.click("form[data-test=playground] button[type=submit]");
        browser.text("[data-test=rendered]", "v2 greets Ada from Lyon");
        browser.shot("prompt-playground");
        Map<String, String> loaded = Map.of("versions", "[data-test=version-detail] h2", "diff", "[data-test=diff] .line",
                                            "labels", "[data-test=history]", "playground", "form[data-test=playground]");
        for (String tab : List.of("versions", "diff", "labels", "playground")) {
            browser.open("#/p/" + project + "/prompts/reply/" + tab);
            browser.find("[data-test=tab-" + tab + "][aria-current=page]");
            browser.find(loaded.get(tab));
            assertThat(tab + " fits a phone", browser.fitsWidth(390), is(true));
        }
        browser.open("#/p/" + project + "/prompts/reply/playground");

        browser.click("[data-test=tab-labels]");
        browser.click("[data-test=rollback]");
        question = browser.confirm();
        assertThat(question, containsString("from version 2 to version 1"));
        browser.text("[data-test=label-production]", "v1");
        Api.Reply rendered = px.render(project, owner, "reply", "{\"variables\":{\"name\":\"Ada\"}}");
        assertThat(rendered.json().getString("text"), is("v1 says hi to Ada"));
    }

    @Test
    void createAndDeleteAnApiKey() {
        String email = users.verified();
        String owner = node.api().token(email, Users.PASSWORD);
        String project = px.project(owner);
        browser.signIn(email, Users.PASSWORD);
        browser.open("#/p/" + project + "/keys");
        browser.heading("API keys");

        browser.type("form[data-test=new-key] [name=name]", "checkout service");
        new Select(browser.find("form[data-test=new-key] [name=scope]")).selectByValue("read");
        browser.click("form[data-test=new-key] button[type=submit]");
        String key = browser.find("[data-test=new-key-value]").getDomProperty("value");
        assertThat(key.startsWith("px0_"), is(true));
        browser.text("[data-test=new-key-box]", "shows it only this once");
        browser.text("[data-test=api-keys]", "checkout service");
        browser.shot("api-keys");
        Api.Reply withKey = node.api().send(Method.GET, "/v1/projects/" + project + "/prompts", null,
                                            Map.of(io.helidon.http.HeaderNames.create("X-API-Key"), key));
        assertThat(withKey.status(), is(200));

        browser.click("tr[data-key-name='checkout service'] [data-test=delete-key]");
        assertThat(browser.confirm(), containsString("checkout service"));
        browser.find("[data-test=no-keys]");
        Api.Reply refused = node.api().send(Method.GET, "/v1/projects/" + project + "/prompts", null,
                                            Map.of(io.helidon.http.HeaderNames.create("X-API-Key"), key));
        assertThat(refused.status(), is(401));
    }

    @Test
    void addAMemberByEmailWhoThenSeesTheRolesLimits() {
        String adminEmail = users.verified();
        String owner = node.api().token(adminEmail, Users.PASSWORD);
        String project = px.project(owner);
        px.prompt(project, owner, "reply", "text");
        px.version(project, owner, "reply", "hi {{name}}");
        String viewerEmail = users.verified();
        browser.signIn(adminEmail, Users.PASSWORD);
        browser.open("#/p/" + project + "/members");
        browser.heading("Members");
        browser.type("form[data-test=add-member] [name=email]", viewerEmail);
        new Select(browser.find("form[data-test=add-member] [name=role]")).selectByValue("viewer");
        browser.click("form[data-test=add-member] button[type=submit]");
        browser.text("[data-test=members]", viewerEmail);
        browser.shot("members");

        browser.type("form[data-test=add-member] [name=email]", Users.uniqueEmail());
        browser.click("form[data-test=add-member] button[type=submit]");
        browser.text("form[data-test=add-member] [data-test=form-error]", "user not found (404)");

        browser.click("[data-test=sign-out]");
        browser.heading("Sign in");
        browser.signIn(viewerEmail, Users.PASSWORD);
        browser.click("[data-test=project-link]");
        browser.text("[data-test=role]", "viewer");
        assertThat(browser.all("form[data-test=new-prompt]"), is(empty()));
        assertThat(browser.all("#nav a[href$='/keys']"), is(empty()));
        browser.click("[data-test=prompt-link]");
        browser.find("[data-test=tab-labels]");
        assertThat(browser.all("[data-test=tab-edit]"), is(empty()));
        browser.click("[data-test=tab-labels]");
        browser.find("[data-test=no-publish]");
        assertThat(browser.all("[data-test=publish]"), is(empty()));
        assertThat(browser.all("form[data-test=move-label]"), is(empty()));

        browser.open("#/p/" + project + "/audit");
        browser.text("[data-test=page-error]", "forbidden (403)");
        String other = px.project(owner);
        browser.open("#/p/" + other);
        browser.text("[data-test=page-error]", "project not found (404)");
    }

    @Test
    void signOutEndsTheSessionOnTheServer() {
        String email = users.verified();
        browser.signIn(email, Users.PASSWORD);
        String token = browser.token();
        assertThat(node.api().me(token).status(), is(200));

        browser.click("[data-test=sign-out]");
        browser.heading("Sign in");

        assertThat(browser.token(), is(nullValue()));
        Api.assertError(node.api().me(token), 401, "unauthorized");
        browser.open("#/projects");
        browser.heading("Sign in");
    }

    @Test
    void aRefusedTokenSignsTheTabOut() {
        String email = users.verified();
        browser.signIn(email, Users.PASSWORD);
        node.api().logout(browser.token());

        browser.open("#/account");
        browser.heading("Sign in");
        assertThat(browser.token(), is(nullValue()));
    }

    @Test
    void accountPageChangesThePasswordAndListsSessions() {
        String email = users.verified();
        String elsewhere = node.api().token(email, Users.PASSWORD);
        browser.signIn(email, Users.PASSWORD);
        browser.open("#/account");
        browser.heading("Account");
        browser.text("[data-test=sessions]", "this tab");
        browser.shot("account");

        browser.type("form[data-test=change-password] [name=current_password]", Users.PASSWORD);
        browser.type("form[data-test=change-password] [name=new_password]", "short");
        browser.click("form[data-test=change-password] button[type=submit]");
        browser.text("form[data-test=change-password] [data-test=form-error]", "password must be at least");

        browser.type("form[data-test=change-password] [name=current_password]", Users.PASSWORD);
        browser.type("form[data-test=change-password] [name=new_password]", "a much longer new passphrase");
        browser.click("form[data-test=change-password] button[type=submit]");
        browser.text("#status", "Password changed");
        assertThat(node.api().me(elsewhere).status(), is(401));
        assertThat(node.api().me(browser.token()).status(), is(200));
    }

    @Test
    void swaggerUiShowsTheDocumentUnderTheSamePolicy() {
        browser.get("/openapi/ui/");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .info .title")));
        browser.text(".swagger-ui .info .title", "px0 API");
        browser.find("#operations-Prompts-addMember");
        browser.shot("swagger-ui");
        assertThat(browser.consoleMessages().stream().filter(m -> m.contains("Content Security Policy")).toList(),
                   is(empty()));
    }
}
