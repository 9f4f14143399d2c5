package dev.px0.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.px0.fuzz.ApiOperations.Op;
import dev.px0.testing.RawHttp;
import dev.px0.testing.Users;

import io.swagger.v3.oas.models.media.Schema;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * A valid request for an operation of the document: path parameters that point at {@link ApiFixtures}, query values
 * in range, and a body generated from the request schema, with values chosen by field name where the schema alone
 * cannot tell what px0 accepts (an email, a template, a slug no one has yet).
 */
final class ValidRequests {

    /** A request as it goes out, raw; {@code what} says how it was made. */
    record Request(String method, String target, List<RawHttp.Header> headers, byte[] body, String what) {
        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + Hostile.abbreviate(target) + " " + headers.stream().map(h -> h.name() + ": " + Hostile.abbreviate(h.value())).toList()
                    + " " + Hostile.abbreviate(text) + " (" + what + ")";
        }
    }

    private final ApiFixtures fixtures;
    private final Random random;

    ValidRequests(ApiFixtures fixtures, Random random) {
        this.fixtures = fixtures;
        this.random = random;
    }

    Request valid(Op op) {
        String prompt = op.path().contains("{prompt}") ? promptFor(op) : null;
        StringBuilder target = new StringBuilder();
        for (String part : op.path().split("(?=\\{)|(?<=\\})")) {
            target.append(part.startsWith("{") ? pathValue(op, part.substring(1, part.length() - 1), prompt) : part);
        }
        List<String> query = new ArrayList<>();
        for (String q : op.queryParams()) {
            query.add(q + "=" + switch (q) {
                case "email" -> fixtures.unique("fz") + "%40example.com";
                case "before" -> "5";
                default -> "10";
            });
        }
        if (!query.isEmpty()) {
            target.append('?').append(String.join("&", query));
        }
        List<RawHttp.Header> headers = new ArrayList<>();
        byte[] body = null;
        if (op.body() != null) {
            headers.add(new RawHttp.Header("Content-Type", "application/json"));
            body = Hostile.json(body(op, prompt)).getBytes(StandardCharsets.UTF_8);
        }
        return new Request(op.method(), target.toString(), headers, body, "valid");
    }

    private String promptFor(Op op) {
        if (op.method().equals("DELETE") && op.path().endsWith("{prompt}")) {
            return fixtures.sparePrompt;
        }
        if (op.method().equals("DELETE") && op.path().endsWith("{label}")) {
            return "reply"; // the spare label's prompt
        }
        return random.nextInt(3) == 0 ? "chat" : "reply";
    }

    private String pathValue(Op op, String name, String prompt) {
        return switch (name) {
            case "project" -> fixtures.project;
            case "prompt" -> prompt;
            case "ref" -> pick(prompt.equals("chat") ? List.of("1", "production", "latest")
                                       : List.of("1", "2", "production", "staging", "latest"));
            case "a" -> "1";
            case "b" -> prompt.equals("chat") ? "1" : "2";
            case "label" -> op.method().equals("DELETE") ? "spare" : op.method().equals("PUT") ? "staging" : "production";
            case "user_id" -> fixtures.spareMember;
            case "id" -> op.path().contains("api-keys") ? fixtures.spareKeyId : fixtures.spareSession;
            default -> "x";
        };
    }

    private JsonObject body(Op op, String prompt) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        Map<String, Schema> properties = op.body().getProperties() == null ? Map.of() : op.body().getProperties();
        properties.forEach((name, schema) -> {
            // a text prompt takes a template, a chat prompt messages
            if (!(name.equals("template") && "chat".equals(prompt) || name.equals("messages") && !"chat".equals(prompt))) {
                body.add(name, value(op, name, schema));
            }
        });
        JsonObject built = body.build();
        if (built.containsKey("label") && built.containsKey("version")) { // a render takes one of them, or neither
            JsonObjectBuilder one = Json.createObjectBuilder(built);
            switch (random.nextInt(3)) {
                case 0 -> one.remove("label");
                case 1 -> one.remove("version");
                default -> one.remove("label").remove("version");
            }
            return one.build();
        }
        return built;
    }

    private JsonValue value(Op op, String name, Schema<?> schema) {
        return switch (name) {
            case "email" -> Json.createValue(op.id().equals("login") ? fixtures.adminEmail
                                                     : fixtures.unique("fz") + "@example.com");
            case "password", "current_password", "new_password" -> Json.createValue(Users.PASSWORD);
            case "code" -> Json.createValue("042917");
            case "slug" -> Json.createValue(fixtures.unique("s"));
            case "name" -> Json.createValue("fuzz name");
            case "type" -> Json.createValue("text");
            case "role" -> Json.createValue(schema.getEnum() != null && schema.getEnum().contains("system") ? "user" : "editor");
            case "scope" -> Json.createValue("read");
            case "template" -> Json.createValue("Hello {{customer}}, about {{topic}}.");
            case "messages" -> Json.createArrayBuilder().add(Json.createObjectBuilder()
                    .add("role", "user").add("content", "Hi {{customer}}")).build();
            case "config" -> Json.createObjectBuilder().add("model", "m").add("temperature", 0.3).build();
            case "message" -> Json.createValue("why");
            case "variables" -> Json.createObjectBuilder().add("customer", "Ada").add("topic", "billing")
                    .add("question", "q").add("items", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "a")))
                    .build();
            case "label" -> Json.createValue("production");
            case "version" -> Json.createValue(1);
            case "is_admin" -> JsonValue.FALSE;
            default -> bySchema(schema);
        };
    }

    private JsonValue bySchema(Schema<?> schema) {
        String type = schema.getType() != null ? schema.getType()
                : schema.getTypes() != null && !schema.getTypes().isEmpty() ? schema.getTypes().iterator().next() : "string";
        return switch (type) {
            case "integer" -> Json.createValue(1);
            case "number" -> Json.createValue(1.5);
            case "boolean" -> JsonValue.FALSE;
            case "array" -> Json.createArrayBuilder().add(schema.getItems() == null ? Json.createValue("x") : bySchema(schema.getItems())).build();
            case "object" -> {
                JsonObjectBuilder b = Json.createObjectBuilder();
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach((n, s) -> b.add(n, bySchema(s)));
                }
                yield b.build();
            }
            default -> Json.createValue(schema.getEnum() != null && !schema.getEnum().isEmpty()
                                                ? String.valueOf(schema.getEnum().get(0)) : "x");
        };
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
