package dev.px0.change;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.px0.store.Redis;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;

/**
 * The Redis channel {@value #CHANNEL} over which every node hears every {@link Change} (its own too): a subscription
 * on a connection of its own, a heartbeat and a watchdog that notice a connection that broke quietly, resubscription
 * with backoff, and publishing with retries. Its {@link Listener}s (the node caches, the change streams) hear when the
 * node starts or stops hearing the channel, and each change in between.
 */
public final class InvalidationChannel implements AutoCloseable {

    public static final String CHANNEL = "px0:cache";

    private static final System.Logger LOGGER = System.getLogger(InvalidationChannel.class.getName());
    private static final AttributeKey<String> KIND = AttributeKey.stringKey("kind");
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final int PUBLISH_ATTEMPTS = 3;
    private static final Duration PUBLISH_PAUSE = Duration.ofMillis(50);

    /** Hears the channel as this node does. Called on the subscriber's thread; each method must return at once. */
    public interface Listener {

        /** The node hears the channel (again): from now on every change reaches {@link #received}. */
        void subscribed();

        /** A change, from any node (this one too). */
        void received(Change change);

        /** The channel is lost: changes may go unheard until {@link #subscribed} is called again. */
        void lost();
    }

    private final RedisClient redis;
    private final Supplier<Connection> connections;
    private final Duration heartbeat;
    private final LongCounter invalidations;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean live;
    private volatile boolean lost;
    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicLong pongs = new AtomicLong();
    private volatile Subscription subscription;
    private Thread subscriber;
    private Thread watchdog;

    /**
     * @param redis       publishes changes
     * @param connections a new connection of its own for each subscription (so the watchdog can close it)
     * @param heartbeat   {@code PX0_CACHE_HEARTBEAT}: how often the subscription is pinged; silent for three
     *                    heartbeats, it is given up
     */
    public InvalidationChannel(RedisClient redis, Supplier<Connection> connections, Duration heartbeat, Meter meter) {
        this.redis = redis;
        this.connections = connections;
        this.heartbeat = heartbeat;
        this.invalidations = meter.counterBuilder("px0.cache.invalidations")
                .setDescription("Cache invalidation events received from the channel, by kind")
                .build();
    }

    /** Adds a listener; call before {@link #start()}. Listeners hear in the order they were added. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Starts listening on the channel (nothing to do when nothing listens). */
    public void start() {
        if (!listeners.isEmpty() && subscriber == null) {
            subscriber = Thread.ofPlatform().daemon().name("px0-cache-subscriber").start(this::listen);
            watchdog = Thread.ofVirtual().name("px0-cache-watchdog").start(this::watch);
        }
    }

    /**
     * Tells every node, trying the publish {@value #PUBLISH_ATTEMPTS} times. The change is committed already: when
     * every attempt fails, this says so and the caller's answer tells its client.
     *
     * @return whether the change was published
     */
    public boolean publish(Change change) {
        RuntimeException failure = null;
        for (int attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
            try {
                redis.publish(CHANNEL, change.encode());
                return true;
            } catch (RuntimeException e) {
                failure = e;
                if (attempt + 1 < PUBLISH_ATTEMPTS && !pause(PUBLISH_PAUSE.multipliedBy(attempt + 1))) {
                    break;
                }
            }
        }
        LOGGER.log(Level.WARNING, "Could not publish cache invalidation " + change.kind() + " after "
                + PUBLISH_ATTEMPTS + " attempts (" + failure.getClass().getSimpleName()
                + "); other nodes drop the entry when they resubscribe or within PX0_CACHE_TTL");
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

    /** Whether the node hears the channel now (the caches keep entries only then; tests wait for it too). */
    public boolean subscribed() {
        return live;
    }

    /** Subscriptions made so far (each after a loss). */
    long subscriptions() {
        return subscriptions.get();
    }

    /** Heartbeats answered so far. */
    long pongs() {
        return pongs.get();
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
    private record Subscription(Subscriber listener, Connection connection, AtomicLong lastHeard) {
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(50);
        while (closing.getCount() > 0) {
            Subscriber listener = new Subscriber();
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
            lose();
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
     * three, this node stops trusting the channel at once and closes the connection, which makes the subscriber
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
                    lose();
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

    /** The node no longer hears the channel: every listener is told. */
    private void lose() {
        live = false;
        lost = true;
        for (Listener listener : listeners) {
            listener.lost();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        live = false;
        for (Listener listener : listeners) {
            listener.lost();
        }
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

    private final class Subscriber extends JedisPubSub {
        /** Since the attempt began, then since the last confirmation, message or pong. */
        final AtomicLong lastHeard = new AtomicLong(System.nanoTime());

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            lastHeard.set(System.nanoTime());
            subscriptions.incrementAndGet();
            // whatever was published while this node was not listening is unknown: the listeners start afresh
            for (Listener listener : listeners) {
                listener.subscribed();
            }
            live = true;
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
            Change.decode(message).ifPresentOrElse(change -> {
                invalidations.add(1, Attributes.of(KIND, change.kind()));
                for (Listener listener : listeners) {
                    listener.received(change);
                }
            }, () -> LOGGER.log(Level.WARNING, "Ignored an unknown cache invalidation message"));
        }
    }
}
