package dev.px0.project;

import dev.px0.testing.Api;
import dev.px0.testing.OneNodeTest;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** {@code POST /v1/projects/{project}/members}: an admin adds a person by email with a role (the console's form). */
class AddMemberByEmailTest extends OneNodeTest {

    private static Api.Reply add(String project, String token, String body) {
        return api.json(Method.POST, "/v1/projects/" + project + "/members", token, body);
    }

    @Test
    void anAdminAddsAPersonByEmailInAnyLetterCaseAndTheAuditSaysSo() {
        String admin = px.user();
        String project = px.project(admin);
        String email = new Users(node.px0()).verified();

        Api.Reply reply = add(project, admin, "{\"email\":\"" + email.toUpperCase() + "\",\"role\":\"editor\"}");

        assertThat(reply.body(), reply.status(), is(201));
        JsonObject member = reply.json().getJsonObject("member");
        assertThat(member.getString("email"), is(email));
        assertThat(member.getString("role"), is("editor"));
        String token = api.token(email, Users.PASSWORD);
        assertThat(api.json(Method.GET, "/v1/projects/" + project, token, null).status(), is(200));
        JsonObject audit = api.json(Method.GET, "/v1/projects/" + project + "/audit", admin, null).json()
                .getJsonArray("audit").getJsonObject(0);
        assertThat(audit.getString("action"), is("member.add"));
        assertThat(audit.getString("target"), is("user:" + member.getString("user_id")));
    }

    @Test
    void anUnknownEmailIsUserNotFound() {
        String admin = px.user();
        String project = px.project(admin);

        Api.assertError(add(project, admin, "{\"email\":\"" + Users.uniqueEmail() + "\",\"role\":\"viewer\"}"),
                        404, "user not found");
    }

    @Test
    void aMemberAlreadyThereIsAConflictAndKeepsItsRole() {
        String admin = px.user();
        String project = px.project(admin);
        String email = new Users(node.px0()).verified();
        assertThat(add(project, admin, "{\"email\":\"" + email + "\",\"role\":\"viewer\"}").status(), is(201));

        Api.assertError(add(project, admin, "{\"email\":\"" + email + "\",\"role\":\"admin\"}"), 409, "already a member");
        String adminEmail = api.me(admin).json().getJsonObject("user").getString("email");
        Api.assertError(add(project, admin, "{\"email\":\"" + adminEmail + "\",\"role\":\"viewer\"}"), 409, "already a member");

        JsonObject members = api.json(Method.GET, "/v1/projects/" + project + "/members", admin, null).json();
        assertThat(members.getJsonArray("members").stream().map(JsonObject.class::cast)
                           .filter(m -> m.getString("email").equals(email)).findFirst().orElseThrow()
                           .getString("role"), is("viewer"));
    }

    @Test
    void badInputIsRefusedByName() {
        String admin = px.user();
        String project = px.project(admin);
        String email = new Users(node.px0()).verified();

        Api.assertError(add(project, admin, "{\"email\":\"not-an-email\",\"role\":\"viewer\"}"), 400, "invalid email format");
        Api.assertError(add(project, admin, "{\"email\":\"" + email + "\",\"role\":\"owner\"}"), 400,
                        "role must be admin, editor or viewer");
        Api.assertError(add(project, admin, "{\"email\":\"" + email + "\"}"), 400, "invalid request body");
        Api.assertError(add(project, admin, "{\"role\":\"viewer\"}"), 400, "invalid request body");
        Api.assertError(add(project, admin, "[]"), 400, "invalid request body");
    }

    @Test
    void onlyAnAdminAddsAndANonMemberLearnsNothing() {
        String admin = px.user();
        String project = px.project(admin);
        String editor = px.user();
        px.member(project, admin, editor, "editor");
        String body = "{\"email\":\"" + new Users(node.px0()).verified() + "\",\"role\":\"viewer\"}";

        Api.assertError(add(project, editor, body), 403, "forbidden");
        Api.assertError(add(project, px.user(), body), 404, "project not found");
        Api.assertError(add(project, "00000000-0000-4000-8000-000000000000", body), 401, "unauthorized");
    }
}
