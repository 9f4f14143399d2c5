package dev.px0.fuzz;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import dev.px0.testing.Node;
import dev.px0.testing.RawHttp;
import dev.px0.testing.Users;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * What the property test's requests point at, made through the API: a system admin and a viewer (their tokens), a
 * project with a text prompt ({@code reply}, versions 1 and 2, labels {@code production} and {@code staging}) and a
 * chat prompt ({@code chat}), a read and a write API key. Requests that delete things aim at spares (a prompt, a
 * label, a member, an API key, a session), made again after each successful deletion; if a request still breaks
 * the core (a deleted account, a changed password), {@link #repair} builds everything anew.
 */
final class ApiFixtures {

    final Node node;
    final RawHttp http;
    private int counter;

    String adminEmail;
    String viewerEmail;
    String admin;
    String viewer;
    String project;
    String readKey;
    String writeKey;
    String spareMember;
    String spareKeyId;
    String spareSession;
    String sparePrompt;
    int rebuilds;

    ApiFixtures(Node node) throws IOException {
        this.node = node;
        this.http = new RawHttp(node.server().port(), 10_000); // an answer later than 10 s is a finding
        build();
    }

    String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + counter++;
    }

    private void build() throws IOException {
        rebuilds++;
        Users users = new Users(node.px0());
        adminEmail = users.verified(); // the project's admin; not a system admin, whose project list would grow
        viewerEmail = users.verified();
        admin = login(adminEmail);
        viewer = login(viewerEmail);
        project = unique("fz");
        ok("POST", "/v1/projects", admin, "{\"slug\":\"" + project + "\",\"name\":\"Fuzz\"}");
        ok("POST", base() + "/prompts", admin, "{\"slug\":\"reply\",\"name\":\"Reply\",\"type\":\"text\"}");
        ok("POST", base() + "/prompts/reply/versions", admin, "{\"template\":\"Hello {{customer}}, about {{topic}}.\"}");
        ok("POST", base() + "/prompts/reply/versions", admin,
           "{\"template\":\"Hi {{customer}}!{{#items}} {{name}}{{/items}}\",\"config\":{\"model\":\"m\"},\"message\":\"2\"}");
        ok("PUT", base() + "/prompts/reply/labels/production", admin, "{\"version\":1}");
        ok("PUT", base() + "/prompts/reply/labels/staging", admin, "{\"version\":2}");
        ok("POST", base() + "/prompts", admin, "{\"slug\":\"chat\",\"name\":\"Chat\",\"type\":\"chat\"}");
        ok("POST", base() + "/prompts/chat/versions", admin,
           "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"{{question}}\"}]}");
        ok("PUT", base() + "/prompts/chat/labels/production", admin, "{\"version\":1}");
        ok("PUT", base() + "/members/" + userId(viewer), admin, "{\"role\":\"viewer\"}");
        readKey = ok("POST", base() + "/api-keys", admin, "{\"name\":\"read\",\"scope\":\"read\"}").getString("key");
        writeKey = ok("POST", base() + "/api-keys", admin, "{\"name\":\"write\",\"scope\":\"write\"}").getString("key");
        spares();
    }

    /** New spares: what deleting requests aim at. */
    void spares() throws IOException {
        String member = login(new Users(node.px0()).verified());
        spareMember = userId(member);
        ok("PUT", base() + "/members/" + spareMember, admin, "{\"role\":\"editor\"}");
        spareKeyId = ok("POST", base() + "/api-keys", admin, "{\"name\":\"spare\",\"scope\":\"read\"}")
                .getJsonObject("api_key").getString("id");
        login(adminEmail); // a second session of the admin, the one session routes may end
        spareSession = ok("GET", "/v1/auth/sessions", admin, null).getJsonArray("sessions").stream()
                .map(s -> s.asJsonObject())
                .filter(s -> !s.getBoolean("current"))
                .map(s -> s.getString("id"))
                .findFirst().orElse(UUID.randomUUID().toString());
        sparePrompt = unique("spare");
        ok("POST", base() + "/prompts", admin, "{\"slug\":\"" + sparePrompt + "\",\"name\":\"Spare\",\"type\":\"text\"}");
        ok("PUT", base() + "/prompts/reply/labels/spare", admin, "{\"version\":1}");
    }

    /**
     * After a request that may have consumed a spare or broken the core (a deleted account, a changed password):
     * new spares, or everything built anew.
     */
    void refresh() throws IOException {
        try {
            if (status("GET", "/v1/auth/me", admin) != 200) {
                admin = login(adminEmail); // a logout: log in again
            }
            if (status("GET", "/v1/auth/me", viewer) != 200) {
                viewer = login(viewerEmail);
            }
            if (intact()) {
                spares();
                return;
            }
        } catch (IllegalStateException e) {
            // a deleted account or a changed password: start over
        }
        build();
    }

    private boolean intact() throws IOException {
        return status("GET", base() + "/prompts/reply/versions/staging", readKey) == 200
                && status("GET", base() + "/prompts/chat/versions/production", writeKey) == 200
                && status("GET", base() + "/prompts/reply/versions/production", viewer) == 200;
    }

    String base() {
        return "/v1/projects/" + project;
    }

    private String login(String email) throws IOException {
        return ok("POST", "/v1/auth/login", null,
                  Json.createObjectBuilder().add("email", email).add("password", Users.PASSWORD).build().toString())
                .getString("token");
    }

    private String userId(String token) throws IOException {
        return ok("GET", "/v1/auth/me", token, null).getJsonObject("user").getString("id");
    }

    private int status(String method, String path, String token) throws IOException {
        return send(method, path, token, null).status();
    }

    private JsonObject ok(String method, String path, String token, String body) throws IOException {
        RawHttp.Response response = send(method, path, token, body);
        if (response.status() >= 300) {
            throw new IllegalStateException("fixture " + method + " " + path + " -> " + response);
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private RawHttp.Response send(String method, String path, String token, String body) throws IOException {
        List<RawHttp.Header> headers = new java.util.ArrayList<>();
        headers.add(new RawHttp.Header("Content-Type", "application/json"));
        if (token != null) {
            headers.add(new RawHttp.Header("Authorization", "Bearer " + token));
        }
        return http.send(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }
}
