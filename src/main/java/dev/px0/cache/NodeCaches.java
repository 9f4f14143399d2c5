package dev.px0.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.px0.auth.Callers;
import dev.px0.change.Change;
import dev.px0.change.InvalidationChannel;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.helidon.webserver.http.HttpService;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;

/**
 * The node's caches and what keeps them true across nodes: every change that a cache could hold stale is published
 * on the {@link InvalidationChannel} after its transaction commits, and every node (the publisher too) drops what the
 * change names. The publishing node applies the change itself before answering, so it reads its own writes.
 *
 * <p>Entries are kept only while this node hears the channel: when it is lost, the caches are emptied and every
 * lookup goes to the stores until the node has resubscribed (and emptied them once more, for what it may have
 * missed). {@code PX0_CACHE_TTL} bounds how long a label or key entry lives if a change is lost anyway; {@code PT0S}
 * turns the caches off.
 */
public final class NodeCaches {

    private static final AttributeKey<String> CACHE = AttributeKey.stringKey("cache");
    private static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");

    private final InvalidationChannel channel;
    private final Duration ttl;
    private final Meter meter;
    private final List<NodeCache<?, ?>> caches = new CopyOnWriteArrayList<>();

    /** Caches that listen to {@code channel} (call before the channel starts); {@code ttl} is {@code PX0_CACHE_TTL}. */
    public NodeCaches(InvalidationChannel channel, Duration ttl, Meter meter) {
        this.channel = channel;
        this.ttl = ttl;
        this.meter = meter;
        channel.addListener(new InvalidationChannel.Listener() {
            @Override
            public void subscribed() {
                dropAll(); // whatever was published while this node was not listening is unknown: start empty
            }

            @Override
            public void received(Change change) {
                apply(change);
            }

            @Override
            public void lost() {
                dropAll();
            }
        });
    }

    /** Whether caching is on ({@code PX0_CACHE_TTL} above zero). */
    public boolean enabled() {
        return !ttl.isZero();
    }

    /**
     * A new cache. {@code expires}: entries live at most {@code PX0_CACHE_TTL} (labels, keys); otherwise only the
     * size bound evicts them (immutable versions).
     */
    public <K, V> NodeCache<K, V> create(String name, long maximumWeight, Weigher<K, V> weigher, boolean expires,
                                         NodeCache.Matcher<K, V> matcher) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder().recordStats();
        Caffeine<K, V> weighed = builder.maximumWeight(enabled() ? maximumWeight : 0).weigher(weigher);
        if (expires && enabled()) {
            weighed.expireAfterWrite(ttl);
        }
        NodeCache<K, V> cache = new NodeCache<>(weighed.build(), matcher, this);
        caches.add(cache);
        Attributes attributes = Attributes.of(CACHE, name);
        Attributes hits = Attributes.of(CACHE, name, RESULT, "hit");
        Attributes misses = Attributes.of(CACHE, name, RESULT, "miss");
        meter.counterBuilder("px0.cache.requests").setDescription("Cache lookups, by cache and result")
                .buildWithCallback(m -> {
                    CacheStats stats = cache.caffeine().stats();
                    m.record(stats.hitCount(), hits);
                    m.record(stats.missCount(), misses);
                });
        meter.counterBuilder("px0.cache.evictions").setDescription("Entries evicted by size or age, by cache")
                .buildWithCallback(m -> m.record(cache.caffeine().stats().evictionCount(), attributes));
        meter.gaugeBuilder("px0.cache.size").ofLongs().setDescription("Entries held, by cache")
                .buildWithCallback(m -> m.record(cache.caffeine().estimatedSize(), attributes));
        return cache;
    }

    /**
     * Applies the change here, then tells every other node ({@link InvalidationChannel#publish}). The change is
     * committed already: when the publish fails, the answer says that other nodes may take up to
     * {@code PX0_CACHE_TTL} to see it.
     */
    public Propagation changed(Change change) {
        apply(change);
        return channel.publish(change) ? Propagation.AT_ONCE : Propagation.within(ttl);
    }

    /** {@code /v1/cache}: a system admin ({@code callers} tells who calls) empties every node's caches. */
    public HttpService routes(Callers callers) {
        return new CacheRoutes(callers, this);
    }

    /** Whether the node hears the channel now: caches keep entries only then (tests wait for it too). */
    public boolean subscribed() {
        return channel.subscribed();
    }

    private void apply(Change change) {
        for (NodeCache<?, ?> cache : caches) {
            cache.apply(change);
        }
    }

    private void dropAll() {
        apply(new Change.Purge());
    }
}
