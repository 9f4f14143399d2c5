package dev.px0.cache;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.px0.prompt.PromptFixture;
import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.Node;
import dev.px0.testing.Poll;
import dev.px0.testing.TestStores;

import io.helidon.http.Method;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.px0.prompt.PromptFixture.base;
import static dev.px0.prompt.PromptFixture.renderedVersion;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * Redis killed and restarted under two running nodes: a node that loses the invalidation channel empties its caches
 * and serves from PostgreSQL until it has resubscribed, so renders keep succeeding and no node serves a version
 * that was replaced while it was not listening.
 */
@Tag("failover")
class CacheRedisRestartTest {

    private static final String RENDER = "{\"variables\":{\"n\":1}}";

    @Test
    void cachesAreEmptiedAndRebuiltAcrossARedisRestart() throws Exception {
        Path data = TestStores.freshDirectory("cache-redis");
        EmbeddedStores.RunningRedis redis = EmbeddedStores.redis(data, EmbeddedStores.freePort());
        Map<String, String> settings = Map.of("px0.redis.url", redis.uri().toString());
        try (Node a = Node.start(settings); Node b = Node.start(settings)) {
            Node.awaitSubscribed(a, b);
            PromptFixture px = new PromptFixture(a);
            String owner = px.user();
            String project = px.project(owner);
            String key = px.apiKey(project, owner, "read");
            px.prompt(project, owner, "p", "text");
            int v1 = px.version(project, owner, "p", "one {{n}}");
            int v2 = px.version(project, owner, "p", "two {{n}}");
            int v3 = px.version(project, owner, "p", "three {{n}}");
            px.label(project, owner, "p", "production", v1);
            assertThat(renderedVersion(b.api(), project, key, "p", RENDER), is(v1)); // B holds v1

            // renders through B, all along: an API key needs no Redis, so none may fail
            List<String> failures = new CopyOnWriteArrayList<>();
            Map<Integer, Boolean> seen = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
              try {
                load.submit(() -> {
                    while (running.get()) {
                        var reply = b.api().json(Method.POST, base(project, "p") + "/render", key, RENDER);
                        if (reply.status() != 200) {
                            failures.add(reply.status() + " " + reply.body());
                        } else {
                            seen.put(reply.json().getInt("version"), true);
                        }
                    }
                });

                redis.stop();
                Poll.until("B notices the lost channel", Duration.ofSeconds(10), () -> !b.px0().caches().subscribed());
                // moved while no node can hear of it: the event is lost (A logs it)
                a.px0().database().client().execute().dml(
                        "UPDATE prompt_labels SET version = ? WHERE name = 'production' AND prompt_id = "
                                + "(SELECT p.id FROM prompts p JOIN projects j ON j.id = p.project_id WHERE j.slug = ? AND p.slug = 'p')",
                        v2, project);
                assertThat("B serves from PostgreSQL while it cannot listen",
                           renderedVersion(b.api(), project, key, "p", RENDER), is(v2));

                redis.start();
                Poll.until("both nodes resubscribed", Duration.ofSeconds(10),
                           () -> a.px0().caches().subscribed() && b.px0().caches().subscribed());
                assertThat("nothing stale after the restart", renderedVersion(b.api(), project, key, "p", RENDER), is(v2));
                assertThat(renderedVersion(a.api(), project, key, "p", RENDER), is(v2));

                // and the channel works again
                assertThat(px.label(project, owner, "p", "production", v3).status(), is(200));
                long moved = System.nanoTime();
                Poll.until("B serves the new version", moved, Duration.ofSeconds(5),
                           () -> renderedVersion(b.api(), project, key, "p", RENDER) == v3);
              } finally {
                running.set(false); // a failed assertion must not leave the load running (close() waits for it)
              }
            }
            assertThat(failures, is(empty()));
            assertThat(seen.containsKey(v1) && seen.containsKey(v2) && seen.containsKey(v3), is(true));
        } finally {
            redis.stop();
        }
    }
}
