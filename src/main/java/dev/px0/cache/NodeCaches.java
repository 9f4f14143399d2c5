package dev.px0.cache;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.px0.store.Redis;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;

/**
 * The node's caches and what keeps them true across nodes: every change that a cache could hold stale is published
 * on the Redis channel {@value #CHANNEL} after its transaction commits, and every node (the publisher too) drops
 * what the event names. The publishing node applies the event itself before answering, so it reads its own writes.
 *
 * <p>Entries are kept only while this node's subscription is live: when it is lost, the caches are emptied and
 * every lookup goes to the stores until the node has resubscribed (and emptied them once more, for what it may
 * have missed). {@code PX0_CACHE_TTL} bounds how long a label or key entry lives if an event is lost anyway;
 * {@code PT0S} turns the caches off.
 */
public final class NodeCaches implements AutoCloseable {

    public static final String CHANNEL = "px0:cache";

    private static final System.Logger LOGGER = System.getLogger(NodeCaches.class.getName());
    private static final AttributeKey<String> CACHE = AttributeKey.stringKey("cache");
    private static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");
    private static final AttributeKey<String> KIND = AttributeKey.stringKey("kind");
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final int PUBLISH_ATTEMPTS = 3;
    private static final Duration PUBLISH_PAUSE = Duration.ofMillis(50);

    private final RedisClient redis;
    private final Supplier<Connection> connections;
    private final Duration ttl;
    private final Duration heartbeat;
    private final Meter meter;
    private final LongCounter invalidations;
    private final List<NodeCache<?, ?>> caches = new CopyOnWriteArrayList<>();
    private final List<ChannelListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean live;
    private volatile boolean lost;
    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicLong pongs = new AtomicLong();
    private volatile Subscription subscription;
    private Thread subscriber;
    private Thread watchdog;

    /**
     * @param redis       publishes invalidations
     * @param connections a new connection of its own for each subscription (so the watchdog can close it)
     * @param ttl         {@code PX0_CACHE_TTL}
     * @param heartbeat   {@code PX0_CACHE_HEARTBEAT}: how often the subscription is pinged; silent for three
     *                    heartbeats, it is given up
     */
    public NodeCaches(RedisClient redis, Supplier<Connection> connections, Duration ttl, Duration heartbeat, Meter meter) {
        this.redis = redis;
        this.connections = connections;
        this.ttl = ttl;
        this.heartbeat = heartbeat;
        this.meter = meter;
        this.invalidations = meter.counterBuilder("px0.cache.invalidations")
                .setDescription("Cache invalidation events received from the channel, by kind")
                .build();
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
     * Hears the channel as this node does: the change streams are fed from it. Called on the subscriber's thread;
     * each method must return at once.
     */
    public interface ChannelListener {

        /** The node hears the channel (again): from now on every change reaches {@link #received}. */
        void subscribed();

        /** A change, from any node (this one too). */
        void received(Invalidation event);

        /** The channel is lost: changes may go unheard until {@link #subscribed} is called again. */
        void lost();
    }

    /** Adds a listener; call before {@link #start()}. */
    public void addListener(ChannelListener listener) {
        listeners.add(listener);
    }

    /** Starts listening on the channel (nothing to do when caching is off and nothing else listens). */
    public void start() {
        if ((enabled() || !listeners.isEmpty()) && subscriber == null) {
            subscriber = Thread.ofPlatform().daemon().name("px0-cache-subscriber").start(this::listen);
            watchdog = Thread.ofVirtual().name("px0-cache-watchdog").start(this::watch);
        }
    }

    /**
     * Applies the event here, then tells every other node, trying the publish {@value #PUBLISH_ATTEMPTS} times. The
     * change is committed already: when every attempt fails, the request is marked (see {@link Propagation}) so its
     * answer says that other nodes may take up to {@code PX0_CACHE_TTL} to see the change.
     *
     * @return whether the event was published
     */
    public boolean changed(Invalidation event) {
        apply(event);
        RuntimeException failure = null;
        for (int attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
            try {
                redis.publish(CHANNEL, event.encode());
                return true;
            } catch (RuntimeException e) {
                failure = e;
                if (attempt + 1 < PUBLISH_ATTEMPTS && !pause(PUBLISH_PAUSE.multipliedBy(attempt + 1))) {
                    break;
                }
            }
        }
        LOGGER.log(Level.WARNING, "Could not publish cache invalidation " + event.kind() + " after "
                + PUBLISH_ATTEMPTS + " attempts (" + failure.getClass().getSimpleName()
                + "); other nodes drop the entry when they resubscribe or within PX0_CACHE_TTL");
        Propagation.delayed();
        return false;
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Subscriptions made so far (each after a loss empties the caches). */
    long subscriptions() {
        return subscriptions.get();
    }

    /** Heartbeats answered so far. */
    long pongs() {
        return pongs.get();
    }

    /** Whether the node hears the channel now: caches keep entries only then (tests wait for it too). */
    public boolean subscribed() {
        return live;
    }

    private void apply(Invalidation event) {
        for (NodeCache<?, ?> cache : caches) {
            cache.apply(event);
        }
    }

    private void dropAll() {
        apply(new Invalidation.Purge());
    }

    /**
     * The channel broke, so Redis restarted or the network failed: the idle connections of the command pool most
     * likely broke with it. Dropping them spares the next requests a failed first command each (a 503).
     */
    private void discardIdleConnections() {
        try {
            Redis.discardIdleConnections(redis);
        } catch (RuntimeException e) {
            LOGGER.log(Level.DEBUG, "Could not discard idle Redis connections: " + e);
        }
    }

    /** One subscription: its own connection, and when the server was last heard on it. */
    private record Subscription(Listener listener, Connection connection, AtomicLong lastHeard) {
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(50);
        while (closing.getCount() > 0) {
            Listener listener = new Listener();
            try (Connection connection = connections.get()) {
                subscription = new Subscription(listener, connection, listener.lastHeard);
                listener.proceed(connection, CHANNEL); // returns when unsubscribed; throws when the connection breaks
            } catch (RuntimeException e) {
                if (closing.getCount() > 0) {
                    LOGGER.log(live ? Level.WARNING : Level.DEBUG,
                               "Cache invalidation channel lost (" + e + "); caches emptied, resubscribing");
                    discardIdleConnections();
                }
            } finally {
                subscription = null;
            }
            boolean wasLive = live;
            live = false;
            lost = true;
            dropAll();
            tellLost();
            if (wasLive) {
                backoff = Duration.ofMillis(50);
            }
            try {
                if (closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /**
     * A connection that breaks quietly (a network partition, a frozen server) never wakes the subscriber, which
     * waits on it without a timeout. So the subscription is pinged every heartbeat; when nothing has come back for
     * three, this node stops trusting its caches at once and closes the connection, which makes the subscriber
     * resubscribe.
     */
    private void watch() {
        long silence = heartbeat.multipliedBy(3).toNanos();
        try {
            while (!closing.await(heartbeat.toMillis(), TimeUnit.MILLISECONDS)) {
                Subscription current = subscription;
                if (current == null) {
                    continue;
                }
                if (System.nanoTime() - current.lastHeard().get() > silence) {
                    if (live) {
                        LOGGER.log(Level.WARNING, "Cache invalidation channel silent for " + heartbeat.multipliedBy(3)
                                + "; caches emptied, reconnecting");
                    }
                    live = false;
                    lost = true;
                    dropAll();
                    tellLost();
                    current.connection().close();
                    discardIdleConnections();
                } else if (live) {
                    try {
                        current.listener().ping();
                    } catch (RuntimeException e) {
                        current.connection().close();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tellLost() {
        for (ChannelListener listener : listeners) {
            listener.lost();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        live = false;
        tellLost();
        Subscription current = subscription;
        if (current != null) {
            current.connection().close(); // the subscriber's read fails, and it sees the latch
        }
        try {
            for (Thread thread : new Thread[] {subscriber, watchdog}) {
                if (thread != null) {
                    thread.join(Duration.ofSeconds(2));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener extends JedisPubSub {
        /** Since the attempt began, then since the last confirmation, message or pong. */
        final AtomicLong lastHeard = new AtomicLong(System.nanoTime());

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            lastHeard.set(System.nanoTime());
            subscriptions.incrementAndGet();
            // whatever was published while this node was not listening is unknown: start empty
            dropAll();
            live = true;
            for (ChannelListener listener : listeners) {
                listener.subscribed();
            }
            LOGGER.log(lost ? Level.INFO : Level.DEBUG, "Cache invalidation channel subscribed; caches start empty");
        }

        @Override
        public void onPong(String pattern) {
            lastHeard.set(System.nanoTime());
            pongs.incrementAndGet();
        }

        @Override
        public void onMessage(String channel, String message) {
            lastHeard.set(System.nanoTime());
            Invalidation.decode(message).ifPresentOrElse(event -> {
                invalidations.add(1, Attributes.of(KIND, event.kind()));
                apply(event);
                for (ChannelListener listener : listeners) {
                    listener.received(event);
                }
            }, () -> LOGGER.log(Level.WARNING, "Ignored an unknown cache invalidation message"));
        }
    }
}
