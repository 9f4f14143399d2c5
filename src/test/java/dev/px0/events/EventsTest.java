package dev.px0.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Api;
import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.EventStream;
import dev.px0.testing.Node;
import dev.px0.testing.Poll;
import dev.px0.testing.Px0Process;
import dev.px0.testing.TestStores;

import io.helidon.http.Method;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Protocol;

import static dev.px0.prompt.PromptFixture.base;
import static dev.px0.testing.Api.assertError;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * The change stream, {@code GET /v1/projects/{project}/events}, with two nodes on the same stores: what is changed
 * through node A arrives on the streams of node B, one event for each kind of change, and only for its project.
 */
class EventsTest {

    private static Node a;
    private static Node b;
    private static PromptFixture px;
    private static String owner;
    private static String project;
    private static String key;

    @BeforeAll
    static void start() {
        a = Node.start(Map.of());
        b = Node.start(Map.of("px0.events.heartbeat", "PT0.1S"));
        Node.awaitSubscribed(a, b);
        px = new PromptFixture(a);
        owner = px.user();
        project = px.project(owner);
        key = px.apiKey(project, owner, "read");
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static String path(String project) {
        return "/v1/projects/" + project + "/events";
    }

    private static String json(String... namesAndValues) {
        var builder = Json.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value == null) {
                builder.addNull(namesAndValues[i]);
            } else if (value.matches("-?[0-9]+")) {
                builder.add(namesAndValues[i], Integer.parseInt(value));
            } else if (value.equals("true") || value.equals("false")) {
                builder.add(namesAndValues[i], Boolean.parseBoolean(value));
            } else {
                builder.add(namesAndValues[i], value);
            }
        }
        return builder.build().toString();
    }

    private static void expect(EventStream stream, String name, String data) {
        assertThat(stream.nextEvent(name).data(), is(data));
    }

    @Test
    void everyKindOfChangeMadeOnOneNodeArrivesOnTheOtherNodesStream() {
        try (EventStream stream = EventStream.open(b.server().port(), project, key, true)) {
            assertThat(stream.status(), is(200));
            assertThat(stream.headers().firstValue("Content-Type").orElse(""), startsWith("text/event-stream"));
            stream.reply(path(project));
            expect(stream, "ready", "{}");

            // a change in another project comes first on the channel, and must not arrive here
            String other = px.project(owner);
            px.prompt(other, owner, "elsewhere", "text");

            px.prompt(project, owner, "reply", "text");
            expect(stream, "prompt", json("prompt", "reply", "deleted", "false"));
            int v1 = px.version(project, owner, "reply", "one {{n}}");
            expect(stream, "label", json("prompt", "reply", "label", "latest", "version", String.valueOf(v1)));
            int v2 = px.version(project, owner, "reply", "two {{n}}");
            expect(stream, "label", json("prompt", "reply", "label", "latest", "version", String.valueOf(v2)));

            assertThat(px.label(project, owner, "reply", "production", v2).status(), is(200));
            expect(stream, "label", json("prompt", "reply", "label", "production", "version", String.valueOf(v2)));
            assertThat(px.label(project, owner, "reply", "production", v1).status(), is(200)); // roll back
            expect(stream, "label", json("prompt", "reply", "label", "production", "version", String.valueOf(v1)));

            assertThat(a.api().json(Method.DELETE, base(project, "reply") + "/labels/production", owner, null).status(),
                       is(204));
            expect(stream, "label", json("prompt", "reply", "label", "production", "version", null));

            assertThat(a.api().json(Method.DELETE, base(project, "reply"), owner, null).status(), is(204));
            expect(stream, "prompt", json("prompt", "reply", "deleted", "true"));

            assertThat(a.api().json(Method.POST, "/v1/cache/purge", px.systemAdmin(), null).status(), is(204));
            expect(stream, "purge", "{}");
        }
    }

    @Test
    void aMemberStreamsWithABearerTokenAndTheStreamSendsHeartbeats() {
        String viewer = px.user();
        px.member(project, owner, viewer, "viewer");
        try (EventStream stream = EventStream.open(b.server().port(), project, viewer, false)) {
            assertThat(stream.status(), is(200));
            expect(stream, "ready", "{}");
            // node B sends a comment every 100 ms while nothing happens
            assertThat(stream.next().name(), is(":"));
            assertThat(stream.next().data(), is("heartbeat"));
        }
    }

    @Test
    void refusalsAreThoseOfTheOtherProjectRoutes() {
        Api api = b.api();
        assertError(api.json(Method.GET, path(project), null, null), 401, "unauthorized");
        assertError(api.json(Method.GET, path(project), "not-a-token", null), 401, "unauthorized");
        assertError(api.send(Method.GET, path(project), null, Map.of(dev.px0.http.Bearer.X_API_KEY,
                                                                   "px0_notakeyatallnotakeyatall")), 401, "unauthorized");
        String stranger = px.user();
        assertError(api.json(Method.GET, path(project), stranger, null), 404, "project not found");
        assertError(api.json(Method.GET, path("no-such-project"), owner, null), 404, "project not found");
        String otherProject = px.project(owner);
        assertError(api.send(Method.GET, path(otherProject), null, Map.of(dev.px0.http.Bearer.X_API_KEY, key)),
                    404, "project not found");
        Api.Reply post = api.json(Method.POST, path(project), owner, "{}");
        assertThat(post.status(), is(405));
    }

    @Test
    void pastTheLimitA503WithRetryAfterUntilAStreamCloses() {
        try (Node limited = Node.start(Map.of("px0.events.max.connections", "2", "px0.events.heartbeat", "PT0.1S"))) {
            Poll.until("subscribed", Duration.ofSeconds(10), () -> limited.px0().caches().subscribed());
            EventStream first = EventStream.open(limited.server().port(), project, key, true);
            try (EventStream second = EventStream.open(limited.server().port(), project, key, true)) {
                expect(first, "ready", "{}");
                expect(second, "ready", "{}");
                try (EventStream third = EventStream.open(limited.server().port(), project, key, true)) {
                    Api.Reply refused = third.reply(path(project));
                    assertThat(refused.status(), is(503));
                    assertThat(third.headers().firstValue("Retry-After").orElse(""), is("1"));
                    assertThat(refused.json(), is(Json.createObjectBuilder().add("error", "too many event streams").build()));
                }
                first.close(); // the node notices at its next heartbeat
                Poll.until("the closed stream is let go", Duration.ofSeconds(10),
                           () -> limited.px0().streams().streams() == 1);
                try (EventStream again = EventStream.open(limited.server().port(), project, key, true)) {
                    assertThat(again.status(), is(200));
                    expect(again, "ready", "{}");
                }
            }
        }
    }

    @Test
    void aNodeThatLosesItsInvalidationChannelEndsItsStreams() {
        Path data = TestStores.freshDirectory("events-redis");
        EmbeddedStores.RunningRedis redis = EmbeddedStores.redis(data, EmbeddedStores.freePort());
        try (Node node = Node.start(Map.of("px0.redis.url", redis.uri().toString()));
             RedisClient admin = RedisClient.create(redis.uri())) {
            Poll.until("subscribed", Duration.ofSeconds(10), () -> node.px0().caches().subscribed());
            try (EventStream stream = EventStream.open(node.server().port(), project, key, true)) {
                expect(stream, "ready", "{}");
                admin.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "pubsub");
                assertThat("the stream ends", stream.ends(), is(true));
            }
            // resubscribed, the node streams again
            Poll.until("subscribed again", Duration.ofSeconds(10), () -> node.px0().caches().subscribed());
            try (EventStream stream = EventStream.open(node.server().port(), project, key, true)) {
                expect(stream, "ready", "{}");
            }
        } finally {
            redis.stop();
        }
    }

    @Test
    void sigtermEndsTheStreamsAndThePxZeroProcessExitsAtOnce() throws Exception {
        try (Px0Process process = Px0Process.start(Map.of("PX0_SHUTDOWN_GRACE", "PT60S"))) {
            EventStream stream = openWhenSubscribed(process.port());
            expect(stream, "ready", "{}");
            process.terminate();
            assertThat("the stream ends", stream.ends(), is(true));
            // well before the 60 s grace period: nothing was left waiting for it
            assertThat(process.waitFor(Duration.ofSeconds(20)), is(0));
        }
    }

    /** A fresh process hears its channel a moment after it listens: until then, 503 change stream unavailable. */
    private static EventStream openWhenSubscribed(int port) {
        EventStream[] opened = new EventStream[1];
        Poll.until("the process streams", Duration.ofSeconds(10), () -> {
            EventStream stream = EventStream.open(port, project, key, true);
            if (stream.status() == 200) {
                opened[0] = stream;
                return true;
            }
            Api.Reply refused = stream.reply(path(project));
            assertThat(refused.json().getString("error"), is("change stream unavailable"));
            return false;
        });
        return opened[0];
    }
}
