package dev.px0.telemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.px0.auth.PasswordHasher;
import dev.px0.auth.ScryptParams;
import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Api;
import dev.px0.testing.Node;
import dev.px0.testing.Poll;
import dev.px0.testing.TestStores;
import dev.px0.testing.Users;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * What px0 reports to OpenTelemetry, read back from the SDK's in-memory exporters: span trees of a login and of
 * cached and uncached renders, their attributes, the caller's trace joined, no secret or personal data in any
 * attribute, and the login outcome counter.
 */
class TelemetryTest {

    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    /** Every span of the whole class, never reset (SPANS is reset before each test and by the render test). */
    private static final InMemorySpanExporter ALL_SPANS = InMemorySpanExporter.create();
    private static final InMemoryMetricReader METRICS = InMemoryMetricReader.create();
    private static final InMemoryLogRecordExporter LOGS = InMemoryLogRecordExporter.create();
    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();

    private static Node node;

    @BeforeAll
    static void start() {
        Telemetry telemetry = Telemetry.create(builder -> builder
                .addTracerProviderCustomizer((tracers, config) -> tracers.addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                        .addSpanProcessor(SimpleSpanProcessor.create(ALL_SPANS)))
                .addMeterProviderCustomizer((meters, config) -> meters.registerMetricReader(METRICS))
                .addLoggerProviderCustomizer((logs, config) -> logs.addLogRecordProcessor(SimpleLogRecordProcessor.create(LOGS))))
                .bridgeLogs();
        node = Node.start(TestStores.get().settings(Map.of("px0.hash.concurrency", "1", "px0.hash.queue.timeout", "PT0.1S",
                                                           "px0.login.max.failures", "3")), telemetry);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void reset() {
        SPANS.reset();
    }

    @Test
    void aLoginIsAServerSpanOverItsQueryHashAndRedisCommands() {
        String email = new Users(node.px0()).verified();
        SECRETS.add(email);
        SECRETS.add(Users.PASSWORD);
        Api.Reply login = node.api().login(email, Users.PASSWORD);
        assertThat(login.status(), is(200));
        SECRETS.add(login.json().getString("token"));

        SpanData server = serverSpan("POST /v1/auth/login");
        assertThat(server.getKind(), is(SpanKind.SERVER));
        assertThat(server.getAttributes().get(AttributeKey.stringKey("http.request.method")), is("POST"));
        assertThat(server.getAttributes().get(AttributeKey.stringKey("http.route")), is("/v1/auth/login"));
        assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code")), is(200L));
        assertThat(server.getAttributes().get(AttributeKey.longKey("server.port")), is((long) node.server().port()));
        assertThat(server.getStatus().getStatusCode(), is(StatusCode.UNSET));

        List<SpanData> children = childrenOf(server);
        SpanData query = children.stream().filter(s -> "postgresql".equals(system(s))).findFirst().orElseThrow();
        assertThat(query.getKind(), is(SpanKind.CLIENT));
        assertThat(query.getName(), is("SELECT"));
        assertThat(query.getAttributes().get(AttributeKey.stringKey("db.operation.name")), is("SELECT"));
        SpanData hash = children.stream().filter(s -> s.getName().equals("px0.password.hash")).findFirst().orElseThrow();
        assertThat(hash.getAttributes().get(AttributeKey.longKey("px0.scrypt.n")), is(1024L));
        assertThat(hash.getAttributes().get(AttributeKey.longKey("px0.scrypt.r")), is(8L));
        assertThat(hash.getAttributes().get(AttributeKey.longKey("px0.scrypt.p")), is(1L));
        List<SpanData> redis = children.stream().filter(s -> "redis".equals(system(s))).toList();
        assertThat(redis, is(not(empty())));
        // the tree in the order the login runs: the user's row, then the hash, then the session written to Redis
        assertThat(query.getStartEpochNanos() < hash.getStartEpochNanos(), is(true));
        assertThat(redis.stream().anyMatch(r -> r.getStartEpochNanos() > hash.getEndEpochNanos()), is(true));
        for (SpanData r : redis) {
            assertThat(r.getName(), r.getName().matches("[A-Z]+"), is(true)); // the command's name, nothing else
        }
    }

    @Test
    void aCallersTraceparentIsTheParentOfPxZerosServerSpan() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentId = "00f067aa0ba902b7";
        Api.Reply health = node.api().send(Method.GET, "/v1/health", null,
                                           Map.of(HeaderNames.create("traceparent"), "00-" + traceId + "-" + parentId + "-01"));
        assertThat(health.status(), is(200));
        SpanData server = serverSpan("GET /v1/health");
        assertThat(server.getTraceId(), is(traceId));
        assertThat(server.getParentSpanId(), is(parentId));
        assertThat(server.getParentSpanContext().isRemote(), is(true));
    }

    @Test
    void renderSpansSayWhetherTheCacheAnswered() {
        PromptFixture px = new PromptFixture(node);
        String owner = px.user();
        String project = px.project(owner);
        px.published(project, owner, "greet", "Hello {{name}}");
        String key = px.apiKey(project, owner, "read");
        SECRETS.add(key);
        SECRETS.add("Ada Lovelace");
        String body = "{\"variables\":{\"name\":\"Ada Lovelace\"}}";
        SPANS.reset();

        assertThat(px.render(project, key, "greet", body).status(), is(200));
        SpanData cold = serverSpan("POST /v1/projects/{project}/prompts/{prompt}/render");
        SpanData coldRender = childrenOf(cold).stream().filter(s -> s.getName().equals("px0.render")).findFirst().orElseThrow();
        assertThat(coldRender.getAttributes().get(AttributeKey.booleanKey("px0.cache.hit")), is(false));
        assertThat(coldRender.getAttributes().get(AttributeKey.stringKey("px0.prompt")), is("greet"));
        assertThat(coldRender.getAttributes().get(AttributeKey.stringKey("px0.label")), is("production"));
        assertThat(coldRender.getAttributes().get(AttributeKey.longKey("px0.version")), is(1L));
        assertThat("the uncached render reads its version", childrenOf(coldRender).stream().map(TelemetryTest::system).toList(),
                   hasItem("postgresql"));

        SPANS.reset();
        assertThat(px.render(project, key, "greet", body).status(), is(200));
        SpanData warm = serverSpan("POST /v1/projects/{project}/prompts/{prompt}/render");
        SpanData warmRender = childrenOf(warm).stream().filter(s -> s.getName().equals("px0.render")).findFirst().orElseThrow();
        assertThat(warmRender.getAttributes().get(AttributeKey.booleanKey("px0.cache.hit")), is(true));
        List<SpanData> trace = SPANS.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(warm.getTraceId())).toList();
        assertThat("a cached render touches no store", trace.stream().filter(s -> system(s) != null).toList(), is(empty()));
    }

    @Test
    void errorsAreMarkedOnlyOn5xx() {
        assertThat(node.api().json(Method.GET, "/v1/projects/nope", null, null).status(), is(401));
        SpanData refused = serverSpan("GET /v1/projects/{project}");
        assertThat(refused.getStatus().getStatusCode(), is(StatusCode.UNSET));
        assertThat(refused.getAttributes().get(AttributeKey.longKey("http.response.status_code")), is(401L));
    }

    @Test
    void aServerErrorMarksTheSpan() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        Telemetry telemetry = Telemetry.create(builder -> builder
                .addTracerProviderCustomizer((tracers, config) -> tracers.addSpanProcessor(SimpleSpanProcessor.create(spans))));
        // a Redis nobody listens on: the login's first Redis command fails, px0 answers 503
        String nowhere = "redis://127.0.0.1:" + dev.px0.testing.EmbeddedStores.freePort();
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = formatting(lines);
        Logger errors = Logger.getLogger("dev.px0.http");
        errors.addHandler(handler);
        try (Node down = Node.start(TestStores.get().settings(Map.of("px0.redis.url", nowhere, "px0.redis.timeout", "PT0.2S")),
                                    telemetry)) {
            assertThat(down.api().login(Users.uniqueEmail(), Users.PASSWORD).status(), is(503));
            Poll.until("the login span ended", Duration.ofSeconds(5),
                       () -> spans.getFinishedSpanItems().stream().anyMatch(s -> s.getName().equals("POST /v1/auth/login")));
            SpanData server = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("POST /v1/auth/login"))
                    .findFirst().orElseThrow();
            assertThat(server.getStatus().getStatusCode(), is(StatusCode.ERROR));
            assertThat(server.getAttributes().get(AttributeKey.stringKey("error.type")), is("503"));
            assertThat("the failed command is marked too", spans.getFinishedSpanItems().stream()
                    .anyMatch(s -> "redis".equals(system(s)) && s.getStatus().getStatusCode() == StatusCode.ERROR), is(true));
            // the error handler's log line runs after the filter's scope, and still carries the request's trace
            String logged = lines.stream().filter(l -> l.contains("Store unavailable during POST /v1/auth/login")).findFirst()
                    .orElseThrow();
            assertThat(logged, containsString("trace_id=" + server.getTraceId()));
        } finally {
            errors.removeHandler(handler);
        }
    }

    /** A handler that formats each record on the thread that logs it, as the console handler does. */
    private static Handler formatting(List<String> lines) {
        TraceLogFormatter formatter = new TraceLogFormatter();
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Runs every flow of this class (login right and wrong, render cold and warm with an API key, sign-up, a
     * password change) and checks every span of the whole class, every log record (body and attributes) and every
     * metric point's attributes: no email, password, token, API key or variable value anywhere. The one record
     * allowed to hold an email is the email itself, written to the log when no SMTP server is configured.
     */
    @Test
    void noAttributeHoldsASecretOrPersonalData() {
        aLoginIsAServerSpanOverItsQueryHashAndRedisCommands();
        String wrong = "a wrong guess 7f3a";
        SECRETS.add(wrong);
        String someone = new Users(node.px0()).verified();
        SECRETS.add(someone);
        node.api().login(someone, wrong);
        node.api().login("nobody-" + java.util.UUID.randomUUID() + "@example.com", wrong);
        renderSpansSayWhetherTheCacheAnswered();
        String signUp = Users.uniqueEmail();
        String signUpPassword = "sign-up passphrase 9c1e";
        SECRETS.add(signUp);
        SECRETS.add(signUpPassword);
        assertThat(node.api().json(Method.POST, "/v1/auth/register", null,
                                   "{\"email\":\"" + signUp + "\",\"password\":\"" + signUpPassword + "\"}").status(),
                   is(201));
        String token = node.api().token(someone, Users.PASSWORD);
        SECRETS.add(token);
        String newPassword = "a changed passphrase 51d0";
        SECRETS.add(newPassword);
        assertThat(node.api().json(Method.POST, "/v1/auth/me/password", token,
                                   "{\"current_password\":\"" + Users.PASSWORD + "\",\"new_password\":\"" + newPassword
                                           + "\"}").status(), is(204));
        Poll.until("the password change's span ended", Duration.ofSeconds(5),
                   () -> ALL_SPANS.getFinishedSpanItems().stream().anyMatch(sp -> sp.getName().equals("POST /v1/auth/me/password")));

        List<String> everything = new ArrayList<>();
        for (SpanData span : ALL_SPANS.getFinishedSpanItems()) {
            everything.add(span.getName());
            span.getAttributes().forEach((k, v) -> everything.add(k.getKey() + "=" + v));
            span.getEvents().forEach(e -> e.getAttributes().forEach((k, v) -> everything.add(k.getKey() + "=" + v)));
        }
        List<String> spanNames = ALL_SPANS.getFinishedSpanItems().stream().map(SpanData::getName).toList();
        assertThat(spanNames, hasItem("POST /v1/auth/login"));
        assertThat(spanNames, hasItem("POST /v1/auth/register"));
        assertThat(spanNames, hasItem("POST /v1/projects/{project}/prompts/{prompt}/render"));
        for (LogRecordData record : LOGS.getFinishedLogRecordItems()) {
            boolean theEmailItself = record.getBodyValue() != null
                    && record.getBodyValue().asString().startsWith("No SMTP server configured (PX0_SMTP_HOST): email to ");
            if (record.getBodyValue() != null && !theEmailItself) {
                everything.add(record.getBodyValue().asString());
            }
            record.getAttributes().forEach((k, v) -> everything.add(k.getKey() + "=" + v));
        }
        int metricPoints = 0;
        for (MetricData metric : METRICS.collectAllMetrics()) {
            for (var point : metric.getData().getPoints()) {
                metricPoints++;
                point.getAttributes().forEach((k, v) -> everything.add(metric.getName() + " " + k.getKey() + "=" + v));
            }
        }
        assertThat(metricPoints, greaterThan(0));
        for (String secret : SECRETS) {
            for (String text : everything) {
                assertThat(text, not(containsString(secret)));
            }
        }
    }

    @Test
    void everyLoginOutcomeIsCounted() {
        Users users = new Users(node.px0());
        String verified = users.verified();
        node.api().login(verified, Users.PASSWORD);
        node.api().login(verified, "wrong password!");
        node.api().login(users.unverified(), Users.PASSWORD);
        String locked = users.verified();
        for (int i = 0; i < 4; i++) {
            node.api().login(locked, "wrong password!");
        }
        // busy: the only hash slot held by a login at a high cost, another login cannot get it within 0.1 s
        String slow = users.withHash(new PasswordHasher(new ScryptParams(15, 8, 16), 1, Duration.ofMinutes(1))
                                             .hash(Users.PASSWORD), true);
        long before = node.px0().hasher().computations();
        CompletableFuture<Integer> holder = CompletableFuture.supplyAsync(() -> node.api().login(slow, Users.PASSWORD).status());
        Poll.until("the slow login holds the hash slot", Duration.ofSeconds(10),
                   () -> node.px0().hasher().computations() > before);
        assertThat(node.api().login(verified, Users.PASSWORD).status(), is(503));
        assertThat(holder.join(), is(200));

        Map<String, Long> counted = new java.util.HashMap<>();
        for (MetricData metric : METRICS.collectAllMetrics()) {
            if (metric.getName().equals("px0.login.attempts")) {
                for (LongPointData point : metric.getLongSumData().getPoints()) {
                    counted.put(point.getAttributes().get(AttributeKey.stringKey("outcome")), point.getValue());
                }
            }
        }
        for (String outcome : List.of("success", "invalid", "unverified", "locked", "busy")) {
            assertThat(outcome, counted.getOrDefault(outcome, 0L), greaterThan(0L));
        }
    }

    @Test
    void requestDurationsAreMeasuredByRoute() {
        assertThat(node.api().json(Method.GET, "/v1/health", null, null).status(), is(200));
        Poll.until("the health span ended", Duration.ofSeconds(5), () -> !spans("GET /v1/health").isEmpty());
        MetricData duration = METRICS.collectAllMetrics().stream()
                .filter(m -> m.getName().equals("http.server.request.duration")).findFirst().orElseThrow();
        assertThat(duration.getUnit(), is("s"));
        assertThat(duration.getHistogramData().getPoints().stream()
                           .anyMatch(p -> "/v1/health".equals(p.getAttributes().get(AttributeKey.stringKey("http.route")))
                                   && Long.valueOf(200).equals(p.getAttributes().get(AttributeKey.longKey("http.response.status_code")))),
                   is(true));
    }

    @Test
    void logLinesWrittenWhileServingARequestCarryItsTraceId() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = formatting(lines);
        Logger mail = Logger.getLogger("dev.px0.mail");
        mail.addHandler(handler);
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String email = Users.uniqueEmail();
        try {
            Api.Reply registered = node.api().send(Method.POST, "/v1/auth/register",
                                                   "{\"email\":\"" + email + "\",\"password\":\"a long and unusual passphrase\"}",
                                                   Map.of(HeaderNames.CONTENT_TYPE, "application/json",
                                                          HeaderNames.create("traceparent"), "00-" + traceId + "-b7ad6b7169203331-01"));
            assertThat(registered.status(), is(201));
            Poll.until("the verification email is logged", Duration.ofSeconds(10),
                       () -> lines.stream().anyMatch(l -> l.contains(email)));
        } finally {
            mail.removeHandler(handler);
        }
        String line = lines.stream().filter(l -> l.contains(email)).findFirst().orElseThrow();
        assertThat(line, containsString("trace_id=" + traceId + " span_id="));
        // and the same record went to OpenTelemetry's logs, in the same trace (the bridge is a handler on a parent
        // logger, so it may see the record a moment after the mail logger's own handler did)
        Poll.until("the verification email reaches OpenTelemetry's logs", Duration.ofSeconds(10),
                   () -> LOGS.getFinishedLogRecordItems().stream()
                           .anyMatch(r -> r.getBodyValue() != null && r.getBodyValue().asString().contains(email)));
        LogRecordData record = LOGS.getFinishedLogRecordItems().stream()
                .filter(r -> r.getBodyValue() != null && r.getBodyValue().asString().contains(email)).findFirst().orElseThrow();
        assertThat(record.getSpanContext().getTraceId(), is(traceId));
        assertThat(record.getSeverityText(), is("INFO"));
    }

    private static String system(SpanData span) {
        return span.getAttributes().get(AttributeKey.stringKey("db.system.name"));
    }

    private static List<SpanData> spans(String name) {
        return SPANS.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    /** The newest server span of that name, once it has ended (it ends after the response is sent). */
    private static SpanData serverSpan(String name) {
        Poll.until("span " + name + " ended (spans: " + SPANS.getFinishedSpanItems().stream().map(SpanData::getName).distinct().toList() + ")",
                   Duration.ofSeconds(5), () -> !spans(name).isEmpty());
        return spans(name).stream().max(Comparator.comparingLong(SpanData::getStartEpochNanos)).orElseThrow();
    }

    private static List<SpanData> childrenOf(SpanData parent) {
        return SPANS.getFinishedSpanItems().stream().filter(s -> s.getParentSpanId().equals(parent.getSpanId())).toList();
    }

}
