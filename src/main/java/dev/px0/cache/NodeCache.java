package dev.px0.cache;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.px0.change.Change;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * One of a node's caches (Caffeine), kept honest by {@link NodeCaches}: entries are kept only while the node hears
 * the invalidation channel, and a value being loaded while an invalidation is applied is dropped as soon as it is
 * stored, so a value read before a change never settles in the cache.
 *
 * @param <K> key
 * @param <V> value; a loader returning {@code null} (nothing found) caches nothing
 */
public final class NodeCache<K, V> {

    /** Which entries an invalidation names. */
    @FunctionalInterface
    public interface Matcher<K, V> {
        boolean names(Change change, K key, V value);
    }

    /** A value, and whether it came from the cache ({@code hit}) or from the loader. */
    public record Lookup<V>(V value, boolean hit) {
    }

    private final Cache<K, V> cache;
    private final Matcher<K, V> matcher;
    private final NodeCaches caches;
    /** Keys whose load is running now (with how many loads), from before the load reads until after it is stored. */
    private final ConcurrentHashMap<K, Integer> loading = new ConcurrentHashMap<>();
    /** Runs in {@link #apply} between the sweep and the drop of the loads in flight (a test holds a load there). */
    volatile Runnable swept = () -> { };

    NodeCache(Cache<K, V> cache, Matcher<K, V> matcher, NodeCaches caches) {
        this.cache = cache;
        this.matcher = matcher;
        this.caches = caches;
    }

    /** The cached value, or the loader's. */
    public V get(K key, Function<? super K, ? extends V> loader) {
        return lookup(key, loader).value();
    }

    /** As {@link #get}, telling whether the cache answered. */
    public Lookup<V> lookup(K key, Function<? super K, ? extends V> loader) {
        if (!caches.subscribed()) {
            return new Lookup<>(loader.apply(key), false);
        }
        boolean[] loaded = {false};
        try {
            V value = cache.get(key, k -> {
                loaded[0] = true;
                loading.merge(k, 1, Integer::sum);
                return loader.apply(k);
            });
            return new Lookup<>(value, !loaded[0]);
        } finally {
            if (loaded[0]) {
                loading.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    Cache<K, V> caffeine() {
        return cache;
    }

    /**
     * Drops what the change names. A load running at this moment may have read the database before the change
     * committed, and is not yet in the map for the sweep to see: its key is dropped after the sweep, and Caffeine
     * makes that wait until the load has stored its value. A load that starts later reads after the commit.
     */
    void apply(Change change) {
        List<K> inFlight = List.copyOf(loading.keySet());
        if (change instanceof Change.Purge) {
            cache.invalidateAll();
        } else {
            cache.asMap().entrySet().removeIf(e -> matcher.names(change, e.getKey(), e.getValue()));
        }
        swept.run();
        inFlight.forEach(cache::invalidate);
    }
}
