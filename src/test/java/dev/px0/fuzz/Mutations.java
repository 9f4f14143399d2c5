package dev.px0.fuzz;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.px0.fuzz.ApiOperations.Op;
import dev.px0.fuzz.ValidRequests.Request;
import dev.px0.testing.RawHttp;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonPointer;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

/**
 * How {@link ApiPropertyTest} breaks a valid request: a body field dropped, nulled, retyped, oversized or made
 * {@link Hostile}; a junk path segment, query value or header; a whole junk body. Every choice comes from the test's
 * one seeded {@link Random}, so a seed replays a run.
 */
final class Mutations {

    private final Random random;

    Mutations(Random random) {
        this.random = random;
    }

    /** One random mutation of a valid request (sometimes none). */
    Request mutate(Op op, Request base) {
        int kind = random.nextInt(base.body() != null ? 7 : 4);
        return switch (kind) {
            case 0 -> base;
            case 1 -> op.pathParams().isEmpty() ? withHeader(base, pick(Hostile.HEADERS))
                    : withPath(op, base, pick(op.pathParams()), pick(Hostile.PATH));
            case 2 -> withQuery(base, op.queryParams().isEmpty() ? "x" : pick(op.queryParams()), pick(Hostile.QUERY));
            case 3 -> withHeader(base, pick(Hostile.HEADERS));
            case 4 -> withBody(base, pick(Hostile.BODIES), "body");
            default -> {
                JsonObject body = parse(base.body());
                List<String> pointers = pointers(body, "");
                String pointer = pointers.isEmpty() ? "" : pick(pointers);
                int how = random.nextInt(6);
                yield withBody(base, bodyMutation(body, pointer, how), "field " + pointer + " " + how);
            }
        };
    }


    /** Kind 0 drops the value, 1 nulls it, 2 retypes it, 3 oversizes it, 4 and 5 put a hostile string there. */
    String bodyMutation(JsonObject body, String pointer, int kind) {
        if (pointer.isEmpty()) {
            return pick(Hostile.BODIES);
        }
        JsonPointer at = Json.createPointer(pointer);
        JsonStructure mutated = switch (kind) {
            case 0 -> at.remove(body);
            case 1 -> at.replace(body, JsonValue.NULL);
            case 2 -> at.replace(body, pick(List.of(Json.createValue(42), Json.createValue(-1), Json.createValue(1.5),
                                                    JsonValue.TRUE, Json.createValue("text"), JsonValue.EMPTY_JSON_ARRAY,
                                                    JsonValue.EMPTY_JSON_OBJECT, Json.createValue(Hostile.RAW + "1e400"),
                                                    Json.createValue(Hostile.RAW + "-99999999999999999999"),
                                                    Json.createArrayBuilder().add(1).add("a").addNull().build(),
                                                    Json.createObjectBuilder().add("a", Json.createObjectBuilder()
                                                            .add("b", JsonValue.EMPTY_JSON_ARRAY)).build())));
            case 3 -> at.replace(body, oversized());
            default -> {
                JsonStructure s = at.replace(body, Json.createValue(pick(Hostile.STRINGS)));
                if (random.nextBoolean() && at.getValue(body) instanceof JsonObject) {
                    s = Json.createPointer(pointer + "/" + escape(pick(Hostile.STRINGS))).add(body, Json.createValue(pick(Hostile.STRINGS)));
                }
                yield s;
            }
        };
        return Hostile.json(mutated);
    }

    private JsonValue oversized() {
        return switch (random.nextInt(4)) {
            case 0 -> Json.createValue("x".repeat(60_000));
            case 1 -> {
                JsonArrayBuilder a = Json.createArrayBuilder();
                for (int i = 0; i < 10_000; i++) {
                    a.add(i);
                }
                yield a.build();
            }
            case 2 -> {
                JsonObjectBuilder o = Json.createObjectBuilder();
                for (int i = 0; i < 3_000; i++) {
                    o.add("k" + i, "{{v" + i + "}}");
                }
                yield o.build();
            }
            default -> Json.createValue(Hostile.RAW + "9".repeat(400));
        };
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** Every location in the body: top-level members, array items and nested members. */
    static List<String> pointers(JsonValue value, String prefix) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonObject o) {
            for (var e : o.entrySet()) {
                String p = prefix + "/" + escape(e.getKey());
                out.add(p);
                out.addAll(pointers(e.getValue(), p));
            }
        } else if (value instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(prefix + "/" + i);
                out.addAll(pointers(a.get(i), prefix + "/" + i));
            }
        }
        return out;
    }

    Request withBody(Request base, String body, String what) {
        return new Request(base.method(), base.target(), base.headers(), body.getBytes(StandardCharsets.UTF_8), what);
    }

    Request withPath(Op op, Request base, String param, String junk) {
        // the valid target, with the segment at the parameter's position replaced
        String[] template = op.path().split("/");
        String path = base.target().contains("?") ? base.target().substring(0, base.target().indexOf('?')) : base.target();
        String query = base.target().substring(path.length());
        String[] segments = path.split("/", -1);
        for (int i = 0; i < template.length && i < segments.length; i++) {
            if (template[i].equals("{" + param + "}")) {
                segments[i] = junk;
            }
        }
        return new Request(base.method(), String.join("/", segments) + query, base.headers(), base.body(),
                           "path " + param);
    }

    Request withQuery(Request base, String param, String junk) {
        String target = base.target();
        String pair = param + "=" + junk;
        target = target.contains(param + "=") ? target.replaceFirst(Pattern.quote(param) + "=[^&]*",
                                                                    Matcher.quoteReplacement(pair))
                : target + (target.contains("?") ? "&" : "?") + pair;
        return new Request(base.method(), target, base.headers(), base.body(), "query " + param);
    }

    Request withHeader(Request base, String[] header) {
        List<RawHttp.Header> headers = new ArrayList<>(base.headers());
        headers.removeIf(h -> h.name().equalsIgnoreCase(header[0]));
        headers.add(new RawHttp.Header(header[0], header[1]));
        return new Request(base.method(), base.target(), headers, base.body(), "header " + header[0]);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    static JsonObject parse(byte[] body) {
        try (var reader = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }
}
