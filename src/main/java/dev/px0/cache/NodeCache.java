package dev.px0.cache;

import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * One of a node's caches (Caffeine), kept honest by {@link NodeCaches}: entries are kept only while the node hears
 * the invalidation channel, and a value loaded while an invalidation went by is used once and not kept.
 *
 * @param <K> key
 * @param <V> value; a loader returning {@code null} (nothing found) caches nothing
 */
public final class NodeCache<K, V> {

    /** Which entries an invalidation names. */
    @FunctionalInterface
    public interface Matcher<K, V> {
        boolean names(Invalidation event, K key, V value);
    }

    private final String name;
    private final Cache<K, V> cache;
    private final Matcher<K, V> matcher;
    private final NodeCaches caches;

    NodeCache(String name, Cache<K, V> cache, Matcher<K, V> matcher, NodeCaches caches) {
        this.name = name;
        this.cache = cache;
        this.matcher = matcher;
        this.caches = caches;
    }

    /**
     * The cached value, or the loader's. The epoch check closes the race where this node loads a value from the
     * database, another node changes it and its invalidation is applied here before the load is stored: the load
     * is then dropped, so a stale value is never kept.
     */
    public V get(K key, Function<? super K, ? extends V> loader) {
        return lookup(key, loader).value();
    }

    /** A value, and whether it came from the cache ({@code hit}) or from the loader. */
    public record Lookup<V>(V value, boolean hit) {
    }

    /** As {@link #get}, telling whether the cache answered. */
    public Lookup<V> lookup(K key, Function<? super K, ? extends V> loader) {
        if (!caches.live()) {
            return new Lookup<>(loader.apply(key), false);
        }
        long epoch = caches.epoch();
        boolean[] loaded = {false};
        V value = cache.get(key, k -> {
            loaded[0] = true;
            return loader.apply(k);
        });
        if (caches.epoch() != epoch) {
            cache.invalidate(key);
            return new Lookup<>(loader.apply(key), false);
        }
        return new Lookup<>(value, !loaded[0]);
    }

    /** Stores a value read elsewhere (only immutable values: a version read together with its label). */
    public void put(K key, V value) {
        if (caches.live()) {
            long epoch = caches.epoch();
            cache.put(key, value);
            if (caches.epoch() != epoch) {
                cache.invalidate(key);
            }
        }
    }

    String name() {
        return name;
    }

    Cache<K, V> caffeine() {
        return cache;
    }

    void apply(Invalidation event) {
        if (event instanceof Invalidation.Purge) {
            cache.invalidateAll();
        } else {
            cache.asMap().entrySet().removeIf(e -> matcher.names(event, e.getKey(), e.getValue()));
        }
    }
}
