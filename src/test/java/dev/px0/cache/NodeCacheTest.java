package dev.px0.cache;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.px0.Settings;
import dev.px0.change.Change;
import dev.px0.change.InvalidationChannel;
import dev.px0.store.Redis;
import dev.px0.testing.Poll;
import dev.px0.testing.TestStores;

import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The cache's one promise: a value read before a change is never kept after the change's invalidation. */
class NodeCacheTest {

    private RedisClient redis;
    private InvalidationChannel channel;
    private NodeCaches caches;
    private NodeCache<String, String> cache;

    @BeforeEach
    void start() {
        redis = RedisClient.create(TestStores.get().redisUri());
        Settings settings = TestStores.get().settings(Map.of());
        channel = new InvalidationChannel(redis, () -> Redis.dedicated(settings.redis()), Duration.ofSeconds(5),
                                          OpenTelemetry.noop().getMeter("test"));
        caches = new NodeCaches(channel, Duration.ofMinutes(1), OpenTelemetry.noop().getMeter("test"));
        cache = caches.create("test", 100, (k, v) -> 1, true,
                              (change, key, value) -> change instanceof Change.Prompt p && p.slug().equals(key));
        channel.start();
        Poll.until("subscribed", Duration.ofSeconds(10), caches::subscribed);
    }

    @AfterEach
    void stop() {
        channel.close();
        redis.close();
    }

    @Test
    void hitsAndMisses() {
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.lookup("a", k -> "A" + loads.incrementAndGet()), is(new NodeCache.Lookup<>("A1", false)));
        assertThat(cache.lookup("a", k -> "A" + loads.incrementAndGet()), is(new NodeCache.Lookup<>("A1", true)));
        assertThat("nothing found is not cached", cache.get("b", k -> null) == null && cache.get("b", k -> "B").equals("B"),
                   is(true));
        caches.changed(new Change.Prompt(UUID.randomUUID(), "a"));
        assertThat(cache.lookup("a", k -> "A" + loads.incrementAndGet()), is(new NodeCache.Lookup<>("A2", false)));
        assertThat("other keys stay", cache.lookup("b", k -> "other"), is(new NodeCache.Lookup<>("B", true)));
    }

    @Test
    void aLoadOvertakenByAnInvalidationIsNotKept() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch swept = new CountDownLatch(1);
        cache.swept = swept::countDown;
        // a request reads the old value from the database ...
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor(); // not the common pool: one thread on 2 cores
        CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> cache.get("p", k -> {
            reading.countDown();
            await(release);
            return "old";
        }), threads);
        reading.await();
        // ... another node commits a change and publishes it; this node sweeps its map while that read is on its way
        redis.publish(InvalidationChannel.CHANNEL, new Change.Prompt(UUID.randomUUID(), "p").encode());
        swept.await();
        release.countDown();
        // the request answers with what it read (its value is stored before get returns) ...
        assertThat(request.join(), is("old"));
        // ... but the old value does not stay
        Poll.until("the value read before the change is dropped", Duration.ofSeconds(5),
                   () -> cache.caffeine().getIfPresent("p") == null);
        assertThat(cache.lookup("p", k -> "new"), is(new NodeCache.Lookup<>("new", false)));
        threads.close();
    }

    @Test
    void withoutTheChannelNothingIsKept() {
        channel.close();
        assertThat(caches.subscribed(), is(false));
        assertThat(cache.lookup("c", k -> "1"), is(new NodeCache.Lookup<>("1", false)));
        assertThat(cache.lookup("c", k -> "2"), is(new NodeCache.Lookup<>("2", false)));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
