package dev.px0.fuzz;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.px0.fuzz.ApiOperations.Op;
import dev.px0.fuzz.ValidRequests.Request;
import dev.px0.testing.Node;
import dev.px0.testing.RawHttp;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonPointer;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * Property-based test of the whole API, driven by px0's own served OpenAPI document: for every operation it makes a
 * valid request (path parameters pointing at {@link ApiFixtures}, a body generated from the request schema), then
 * mutates it (each body field dropped, nulled, retyped, oversized or replaced by a {@link Hostile} string; junk path
 * segments, query values and headers; whole junk bodies), and sends each as every kind of caller (a system admin's
 * token, a viewer's token, a write and a read API key, nobody). The property: never a 5xx, and every 4xx is JSON
 * {@code {"error": "..."}}.
 *
 * <p>In the normal test run: a fixed seed and a fixed number of requests (a systematic pass over every operation,
 * then random ones). A longer campaign: {@code -Dpx0.fuzz.seconds=1800} (and {@code -Dpx0.fuzz.seed=...}); every
 * finding is appended to {@code target/fuzz-findings.txt} with its request, and the run fails at the end if any.
 */
class ApiPropertyTest {

    private static final long SEED = Long.getLong("px0.fuzz.seed", 20261130L);
    private static final long SECONDS = Long.getLong("px0.fuzz.seconds", 0L);
    private static final int RANDOM_REQUESTS = Integer.getInteger("px0.fuzz.requests", 1500);
    private static final Path FINDINGS = Path.of("target", "fuzz-findings.txt");

    private enum Caller { ADMIN, VIEWER, WRITE_KEY, READ_KEY, NOBODY }

    private static Node node;
    private static ApiFixtures fixtures;
    private static List<Op> operations;

    private final Random random = new Random(SEED);
    private ValidRequests requests;
    private final Map<String, String> findings = new LinkedHashMap<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private int sent;
    private int validOk;
    /** Operations whose valid request a project admin sent was refused, with the status: the refusals to expect. */
    private final Map<String, Integer> refusedValid = new TreeMap<>();
    private int valid;

    @BeforeAll
    static void start() throws IOException {
        // limits far above what the run makes, so that refusals are about the input, not the rate
        node = Node.start(Map.of("px0.login.ip.limit", "1000000", "px0.login.max.failures", "1000000",
                                 "px0.scrypt.n", "16", "px0.hash.queue.timeout", "PT30S"));
        fixtures = new ApiFixtures(node);
        operations = ApiOperations.read(fixtures.http.send("GET", "/openapi", List.of(), null).body());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void noInputToAnyOperationGetsA5xxAndEvery4xxIsAJsonError() throws IOException {
        assertThat("operations in /openapi", operations.size() > 30, is(true));
        requests = new ValidRequests(fixtures, random);
        Instant start = Instant.now();
        for (Op op : operations) {
            systematic(op);
        }
        brokenVersionsThenRender();
        Instant end = start.plusSeconds(SECONDS);
        Instant report = Instant.now().plusSeconds(60);
        for (int i = 0; SECONDS > 0 ? Instant.now().isBefore(end) : i < RANDOM_REQUESTS; i++) {
            Op op = operations.get(random.nextInt(operations.size()));
            send(op, mutate(op, requests.valid(op)), pick(Caller.values()));
            if (SECONDS > 0 && Instant.now().isAfter(report)) {
                report = Instant.now().plusSeconds(60);
                System.out.println(summary(start));
            }
        }
        System.out.println(summary(start));
        assertThat("px0 is still up", fixtures.http.send("GET", "/v1/health", List.of(), null).status(), is(200));
        assertThat(summary(start), List.copyOf(findings.values()), is(empty()));
    }

    private String summary(Instant start) {
        return String.format(Locale.ROOT, "api fuzz: seed %d, %d requests in %d s over %d operations, valid requests "
                                          + "answered 2xx/3xx %d of %d (refused to a project admin: %s), statuses %s, "
                                          + "fixtures built %d times, findings %d",
                             SEED, sent, Duration.between(start, Instant.now()).toSeconds(), operations.size(), validOk,
                             valid, refusedValid, statuses, fixtures.rebuilds, findings.size());
    }

    /** Every operation: valid as each caller, then each field, path parameter and query parameter broken in turn. */
    private void systematic(Op op) throws IOException {
        for (Caller caller : Caller.values()) {
            send(op, requests.valid(op), caller);
        }
        Request base = requests.valid(op);
        if (base.body() != null) {
            JsonObject body = parse(base.body());
            for (String pointer : pointers(body, "")) {
                for (int kind = 0; kind < 5; kind++) {
                    send(op, withBody(base, bodyMutation(body, pointer, kind), "field " + pointer + " " + kind), Caller.ADMIN);
                }
                if (Json.createPointer(pointer).getValue(body) instanceof jakarta.json.JsonString) {
                    for (String hostile : Hostile.STRINGS) { // every hostile string in every string field
                        String mutated = Hostile.json(Json.createPointer(pointer).replace(body, Json.createValue(hostile)));
                        send(op, withBody(base, mutated, "field " + pointer + " hostile " + Hostile.abbreviate(hostile)), Caller.ADMIN);
                    }
                }
            }
            for (String junk : Hostile.BODIES) {
                send(op, withBody(base, junk, "body"), pick(Caller.values()));
            }
        }
        for (String param : op.pathParams()) {
            for (int i = 0; i < 4; i++) {
                send(op, withPath(op, base, param, pick(Hostile.PATH)), pick(Caller.values()));
            }
        }
        for (String param : op.queryParams()) {
            for (int i = 0; i < 4; i++) {
                send(op, withQuery(base, param, pick(Hostile.QUERY)), pick(Caller.values()));
            }
        }
        for (int i = 0; i < 3; i++) {
            send(op, withHeader(base, pick(Hostile.HEADERS)), pick(Caller.values()));
        }
    }

    /**
     * Each hostile string saved as a template (and as a chat message) where px0 accepts it, then served: a label moved
     * to that version and a render through it, with valid and with hostile variables. A template that is accepted
     * must render or be refused, never break the render.
     */
    private void brokenVersionsThenRender() throws IOException {
        Op render = operation("render");
        for (String hostile : Hostile.STRINGS) {
            String prompt = random.nextBoolean() ? "reply" : "chat";
            String body = prompt.equals("reply") ? Hostile.json(Json.createObjectBuilder().add("template", hostile).build())
                    : Hostile.json(Json.createObjectBuilder().add("messages", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("role", "user").add("content", hostile))).build());
            RawHttp.Response created = direct(operation("createVersion"), "POST",
                                              fixtures.base() + "/prompts/" + prompt + "/versions", body, "hostile version");
            if (created == null || created.status() != 201) {
                continue;
            }
            int number = Json.createReader(new StringReader(created.body())).readObject().getJsonObject("version").getInt("number");
            direct(operation("moveLabel"), "PUT", fixtures.base() + "/prompts/" + prompt + "/labels/fuzzed",
                   "{\"version\":" + number + "}", "label to a hostile version");
            for (String variables : List.of("{\"customer\":\"Ada\",\"a\":[1,2],\"b\":{\"c\":true}}", "{}",
                                            "{\"a\":" + "[".repeat(500) + "]".repeat(500) + "}",
                                            Hostile.json(Json.createObjectBuilder().add("customer", pick(Hostile.STRINGS))
                                                                 .add("a", pick(Hostile.STRINGS)).build()))) {
                direct(render, "POST", fixtures.base() + "/prompts/" + prompt + "/render",
                       "{\"label\":\"fuzzed\",\"variables\":" + variables + "}", "render of a hostile version");
            }
        }
    }

    private RawHttp.Response direct(Op op, String method, String target, String body, String what) throws IOException {
        Request request = new Request(method, target, List.of(new RawHttp.Header("Content-Type", "application/json")),
                                      body.getBytes(StandardCharsets.UTF_8), what + " " + Hostile.abbreviate(body));
        return send(op, request, Caller.ADMIN);
    }

    private static Op operation(String id) {
        return operations.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    }

    /** One random mutation of a valid request (sometimes none). */
    private Request mutate(Op op, Request base) {
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

    private RawHttp.Response send(Op op, Request request, Caller caller) throws IOException {
        List<RawHttp.Header> headers = new ArrayList<>(request.headers());
        boolean setsAuth = headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Authorization")
                || h.name().equalsIgnoreCase("X-API-Key"));
        if (!setsAuth) {
            switch (caller) {
                case ADMIN -> headers.add(new RawHttp.Header("Authorization", "Bearer " + fixtures.admin));
                case VIEWER -> headers.add(new RawHttp.Header("Authorization", "Bearer " + fixtures.viewer));
                case WRITE_KEY -> headers.add(new RawHttp.Header("X-API-Key", fixtures.writeKey));
                case READ_KEY -> headers.add(new RawHttp.Header("Authorization", "Bearer " + fixtures.readKey));
                case NOBODY -> { }
            }
        }
        RawHttp.Response response;
        try {
            response = fixtures.http.send(request.method(), request.target(), headers, request.body());
        } catch (IOException e) {
            finding(op, "no answer: " + e, request, caller);
            return null;
        }
        sent++;
        statuses.merge(response.status(), 1, Integer::sum);
        if (request.what().equals("valid")) {
            valid++;
            validOk += response.status() < 400 ? 1 : 0;
            if (caller == Caller.ADMIN && response.status() >= 400) {
                refusedValid.putIfAbsent(op.id(), response.status());
            }
        }
        if (response.status() >= 500 && response.status() != 503) {
            finding(op, response.status() + " " + response.body(), request, caller);
        } else if (response.status() == 503 && !response.body().contains("\"error\"")) {
            finding(op, "503 without a JSON error: " + response.body(), request, caller);
        } else if (response.status() >= 400 && !isJsonError(response)) {
            finding(op, response.status() + " without a JSON error: " + response.contentType() + " " + response.body(),
                    request, caller);
        }
        if (changesFixtures(request, response)) {
            fixtures.refresh();
        }
        return response;
    }

    /** Deletions and account changes may have consumed a spare or broken the core fixtures. */
    private static boolean changesFixtures(Request request, RawHttp.Response response) {
        return response.status() < 300
                && (request.method().equals("DELETE") || request.method().equals("PUT") && request.target().contains("/members/")
                    || request.target().startsWith("/v1/auth/me/password") || request.target().startsWith("/v1/auth/password-reset/reset"));
    }

    private static boolean isJsonError(RawHttp.Response response) {
        if (!response.contentType().startsWith("application/json")) {
            return false;
        }
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            JsonObject body = reader.readObject();
            return body.get("error") instanceof jakarta.json.JsonString;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void finding(Op op, String what, Request request, Caller caller) throws IOException {
        // one finding per operation, answer and kind of mutation
        String key = op.id() + " " + what.substring(0, Math.min(what.length(), 3)) + " " + request.what();
        String line = String.format("%s as %s: %s <- %s", op.id(), caller, Hostile.abbreviate(what), request);
        if (findings.putIfAbsent(key, line) == null) {
            Files.createDirectories(FINDINGS.getParent());
            Files.writeString(FINDINGS, Instant.now() + " seed " + SEED + " " + line + "\n", StandardCharsets.UTF_8,
                              StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("FINDING " + line);
        }
    }

    // --- mutations

    /** Kind 0 drops the value, 1 nulls it, 2 retypes it, 3 oversizes it, 4 and 5 put a hostile string there. */
    private String bodyMutation(JsonObject body, String pointer, int kind) {
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
    private static List<String> pointers(JsonValue value, String prefix) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonObject o) {
            for (var e : o.entrySet()) {
                String p = prefix + "/" + escape(e.getKey());
                out.add(p);
                out.addAll(pointers(e.getValue(), p));
            }
        } else if (value instanceof jakarta.json.JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(prefix + "/" + i);
                out.addAll(pointers(a.get(i), prefix + "/" + i));
            }
        }
        return out;
    }

    private Request withBody(Request base, String body, String what) {
        return new Request(base.method(), base.target(), base.headers(), body.getBytes(StandardCharsets.UTF_8), what);
    }

    private Request withPath(Op op, Request base, String param, String junk) {
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

    private Request withQuery(Request base, String param, String junk) {
        String target = base.target();
        String pair = param + "=" + junk;
        target = target.contains(param + "=") ? target.replaceFirst(java.util.regex.Pattern.quote(param) + "=[^&]*",
                                                                    java.util.regex.Matcher.quoteReplacement(pair))
                : target + (target.contains("?") ? "&" : "?") + pair;
        return new Request(base.method(), target, base.headers(), base.body(), "query " + param);
    }

    private Request withHeader(Request base, String[] header) {
        List<RawHttp.Header> headers = new ArrayList<>(base.headers());
        headers.removeIf(h -> h.name().equalsIgnoreCase(header[0]));
        headers.add(new RawHttp.Header(header[0], header[1]));
        return new Request(base.method(), base.target(), headers, base.body(), "header " + header[0]);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static JsonObject parse(byte[] body) {
        try (var reader = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }


}
