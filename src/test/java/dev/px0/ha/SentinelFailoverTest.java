package dev.px0.ha;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Api;
import dev.px0.testing.EventStream;
import dev.px0.testing.Node;
import dev.px0.testing.Poll;
import dev.px0.testing.RedisSentinels;
import dev.px0.testing.Users;

import io.helidon.http.Method;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.px0.prompt.PromptFixture.renderedVersion;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.isOneOf;

/**
 * A Sentinel failover under load from two px0 nodes: the primary killed (SIGKILL), or a failover asked of the
 * Sentinels (the primary demoted while alive). px0 follows without a restart: meanwhile logins and token checks answer
 * {@code 503} (never a 500, never a hang); afterwards they succeed again, a token issued (and replicated, {@code WAIT})
 * before still works, and an invalidation published after the failover reaches the other node's cache and the
 * other node's change stream ({@code GET /v1/projects/{project}/events}, reopened as the SDK does when it ends).
 * When the last failed login and token check ended, and the status counts, are printed for the README.
 */
@Tag("failover")
class SentinelFailoverTest {

    private static final String RENDER = "{\"variables\":{\"n\":1}}";

    @Test
    void px0FollowsWhenThePrimaryIsKilled() {
        failOver("the primary was killed", redis -> redis.primary().kill());
    }

    /**
     * {@code SENTINEL FAILOVER}: the primary is alive and demoted to a replica, so commands that still reach it
     * are refused with {@code READONLY} (a 503 as well) until the Sentinels have told everyone.
     */
    @Test
    void px0FollowsAFailoverAskedOfTheSentinels() {
        failOver("a failover was asked of the Sentinels", redis -> {
            try (var sentinel = redis.sentinel().jedis()) {
                sentinel.sentinelFailover(RedisSentinels.MASTER);
            }
        });
    }

    private static void failOver(String what, java.util.function.Consumer<RedisSentinels> trigger) {
        try (RedisSentinels redis = new RedisSentinels()) {
            Map<String, String> settings = new HashMap<>(redis.settings());
            settings.put("px0.cache.heartbeat", "PT1S");
            try (Node a = Node.start(settings); Node b = Node.start(settings)) {
                Node.awaitSubscribed(a, b);
                String email = new Users(a.px0()).verified();
                String before = a.api().token(email, Users.PASSWORD);
                PromptFixture px = new PromptFixture(a);
                String owner = px.user();
                String project = px.project(owner);
                String key = px.apiKey(project, owner, "read");
                px.prompt(project, owner, "p", "text");
                int v1 = px.version(project, owner, "p", "one {{n}}");
                px.version(project, owner, "p", "two {{n}}");
                int v3 = px.version(project, owner, "p", "three {{n}}");
                px.label(project, owner, "p", "production", v1);
                redis.awaitReplication(); // the token and the sessions above are on the replica too
                // a client of B's change stream, open across the failover (B ends it if it loses its channel)
                EventStream stream = EventStream.open(b.server().port(), project, key, true);
                assertThat(stream.status(), is(200));
                assertThat(stream.nextEvent("ready").data(), is("{}"));

                Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
                AtomicLong slowest = new AtomicLong();
                Map<String, AtomicLong> lastFailure = new ConcurrentHashMap<>();
                AtomicBoolean running = new AtomicBoolean(true);
                long triggered;
                try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
                    try {
                        for (Node node : List.of(a, b)) {
                            load.submit(() -> loop(running, statuses, slowest, lastFailure, "login", () -> node.api().login(email, Users.PASSWORD)));
                            load.submit(() -> loop(running, statuses, slowest, lastFailure, "token check", () -> node.api().me(before)));
                            load.submit(() -> loop(running, statuses, slowest, lastFailure, "token check", () -> node.api().me(before)));
                        }
                        Poll.until("the load runs", Duration.ofSeconds(10),
                                   () -> count(statuses, "login 200") > 10 && count(statuses, "token check 200") > 10);

                        triggered = System.nanoTime();
                        trigger.accept(redis);
                        Poll.until("the Sentinels name the replica as the primary", Duration.ofSeconds(60),
                                   () -> redis.primaryPortNamedBySentinels() == redis.replica().port());
                        Poll.until("logins and token checks succeed again on both nodes", Duration.ofSeconds(60),
                                          () -> a.api().login(email, Users.PASSWORD).status() == 200
                                                  && b.api().login(email, Users.PASSWORD).status() == 200
                                                  && a.api().me(before).status() == 200
                                                  && b.api().me(before).status() == 200);
                        long loginsAtRecovery = count(statuses, "login 200");
                        long checksAtRecovery = count(statuses, "token check 200");
                        Poll.until("the load succeeds after the failover", Duration.ofSeconds(30),
                                   () -> count(statuses, "login 200") > loginsAtRecovery + 20
                                           && count(statuses, "token check 200") > checksAtRecovery + 50);
                    } finally {
                        running.set(false);
                    }
                }
                // every request that ended after the last failure succeeded: that is when px0 had followed
                System.out.println("SentinelFailoverTest, " + what + ": the last failed login ended "
                                           + millisAfter(triggered, lastFailure.get("login")) + " ms and the last failed "
                                           + "token check " + millisAfter(triggered, lastFailure.get("token check"))
                                           + " ms after that; statuses " + new TreeMap<>(statuses)
                                           + "; slowest answer " + slowest.get() / 1_000_000 + " ms");

                assertThat(redis.primaryPortNamedBySentinels(), is(redis.replica().port()));
                if (redis.primary().alive()) { // demoted: only the new primary takes writes, so logins prove px0 moved
                    Poll.until("the old primary is a replica", Duration.ofSeconds(30), () -> {
                        try (var old = redis.primary().jedis()) {
                            Object role = old.role().getFirst();
                            return "slave".equals(role instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : role);
                        } catch (RuntimeException e) {
                            return false; // the Sentinels drop its clients as they reconfigure it
                        }
                    });
                }
                assertThat(a.api().login(email, Users.PASSWORD).status(), is(200));
                assertThat(b.api().login(email, Users.PASSWORD).status(), is(200));
                for (String status : statuses.keySet()) {
                    assertThat(status, status.substring(status.lastIndexOf(' ') + 1), isOneOf("200", "503"));
                }
                assertThat("no answer waits past the store timeout by far", slowest.get(),
                           lessThan(Duration.ofSeconds(10).toNanos()));
                assertThat("the token from before the kill", a.api().me(before).status(), is(200));
                assertThat(b.api().me(before).status(), is(200));
                assertThat(b.api().json(Method.GET, "/v1/auth/sessions", before, null).status(), is(200));

                Node.awaitSubscribed("both nodes resubscribed on the new primary", Duration.ofSeconds(30), a, b);
                assertThat(renderedVersion(b.api(), project, key, "p", RENDER), is(v1)); // B caches v1 again
                boolean endedByFailover = stream.ended();
                String movedToV3 = "{\"prompt\":\"p\",\"label\":\"production\",\"version\":" + v3 + "}";
                for (int attempt = 1; ; attempt++) {
                    stream = reconnected(stream, b, project, key);
                    if (attempt > 1) { // the stream ended before the event came: move the label again, as news
                        assertThat(px.label(project, owner, "p", "production", v1).status(), is(200));
                    }
                    assertThat(px.label(project, owner, "p", "production", v3).status(), is(200));
                    try {
                        // the change stream follows: B's stream gets the label event of the publish made through A
                        EventStream.Event moved = stream.until(e -> e.name().equals("label") && e.data().equals(movedToV3));
                        assertThat(moved.data(), is(movedToV3));
                        break;
                    } catch (AssertionError e) {
                        if (!stream.ended() || attempt == 3) {
                            throw e;
                        }
                    }
                }
                stream.close();
                Poll.until("B hears of the label moved on A", Duration.ofSeconds(10),
                           () -> renderedVersion(b.api(), project, key, "p", RENDER) == v3);
                System.out.println("SentinelFailoverTest, " + what + ": B's change stream "
                                           + (endedByFailover ? "ended with the failover and was reopened"
                                                              : "stayed open across the failover"));
            }
        }
    }

    /**
     * As the SDK does: a stream that ended is opened again once the node streams again ({@code 503 change stream
     * unavailable} while it has no channel), and starts with {@code ready}; a stream still open is kept.
     */
    private static EventStream reconnected(EventStream stream, Node node, String project, String key) {
        if (!stream.ended()) {
            return stream;
        }
        stream.close();
        EventStream[] opened = new EventStream[1];
        Poll.until("the node streams again", Duration.ofSeconds(30), () -> {
            EventStream again = EventStream.open(node.server().port(), project, key, true);
            if (again.status() == 200) {
                opened[0] = again;
                return true;
            }
            assertThat(again.status(), is(503));
            return false;
        });
        assertThat(opened[0].nextEvent("ready").data(), is("{}"));
        return opened[0];
    }

    private static void loop(AtomicBoolean running, Map<String, LongAdder> statuses, AtomicLong slowest,
                             Map<String, AtomicLong> lastFailure, String what,
                             java.util.function.Supplier<Api.Reply> request) {
        while (running.get()) {
            long start = System.nanoTime();
            String outcome;
            try {
                outcome = Integer.toString(request.get().status());
            } catch (RuntimeException e) {
                outcome = "no answer (" + e.getClass().getSimpleName() + ")";
            }
            long end = System.nanoTime();
            slowest.accumulateAndGet(end - start, Math::max);
            if (!outcome.equals("200")) {
                lastFailure.computeIfAbsent(what, k -> new AtomicLong(end)).accumulateAndGet(end, Math::max);
            }
            statuses.computeIfAbsent(what + " " + outcome, k -> new LongAdder()).increment();
        }
    }

    private static long count(Map<String, LongAdder> statuses, String key) {
        LongAdder adder = statuses.get(key);
        return adder == null ? 0 : adder.sum();
    }

    private static String millisAfter(long since, AtomicLong nanos) {
        return nanos == null ? "(none failed)" : Long.toString((nanos.get() - since) / 1_000_000);
    }
}
