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
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
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
@Tag("fuzz")
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
    private final Mutations mutations = new Mutations(random);
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
            send(op, mutations.mutate(op, requests.valid(op)), mutations.pick(Caller.values()));
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
            JsonObject body = Mutations.parse(base.body());
            for (String pointer : Mutations.pointers(body, "")) {
                for (int kind = 0; kind < 5; kind++) {
                    send(op, mutations.withBody(base, mutations.bodyMutation(body, pointer, kind), "field " + pointer + " " + kind), Caller.ADMIN);
                }
                if (Json.createPointer(pointer).getValue(body) instanceof jakarta.json.JsonString) {
                    for (String hostile : Hostile.STRINGS) { // every hostile string in every string field
                        String mutated = Hostile.json(Json.createPointer(pointer).replace(body, Json.createValue(hostile)));
                        send(op, mutations.withBody(base, mutated, "field " + pointer + " hostile " + Hostile.abbreviate(hostile)), Caller.ADMIN);
                    }
                }
            }
            for (String junk : Hostile.BODIES) {
                send(op, mutations.withBody(base, junk, "body"), mutations.pick(Caller.values()));
            }
        }
        for (String param : op.pathParams()) {
            for (int i = 0; i < 4; i++) {
                send(op, mutations.withPath(op, base, param, mutations.pick(Hostile.PATH)), mutations.pick(Caller.values()));
            }
        }
        for (String param : op.queryParams()) {
            for (int i = 0; i < 4; i++) {
                send(op, mutations.withQuery(base, param, mutations.pick(Hostile.QUERY)), mutations.pick(Caller.values()));
            }
        }
        for (int i = 0; i < 3; i++) {
            send(op, mutations.withHeader(base, mutations.pick(Hostile.HEADERS)), mutations.pick(Caller.values()));
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
                                            Hostile.json(Json.createObjectBuilder().add("customer", mutations.pick(Hostile.STRINGS))
                                                                 .add("a", mutations.pick(Hostile.STRINGS)).build()))) {
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
}
