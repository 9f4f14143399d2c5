package dev.px0;

import dev.px0.auth.Auth;
import dev.px0.auth.PasswordHasher;
import dev.px0.cache.NodeCaches;
import dev.px0.change.InvalidationChannel;
import dev.px0.console.ConsoleRoutes;
import dev.px0.events.ChangeStreams;
import dev.px0.health.HealthRoutes;
import dev.px0.http.HttpErrors;
import dev.px0.http.OpenApiRoutes;
import dev.px0.http.RequestGuard;
import dev.px0.mail.Outbox;
import dev.px0.project.Projects;
import dev.px0.prompt.Prompts;
import dev.px0.store.Database;
import dev.px0.store.Redis;
import dev.px0.store.StoreFailures;
import dev.px0.telemetry.HttpTelemetry;
import dev.px0.telemetry.MetricsRoutes;
import dev.px0.telemetry.Telemetry;

import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import redis.clients.jedis.RedisClient;

/**
 * px0 wired by hand, in one place: settings → stores → services → routing. {@link Main} runs it as a server;
 * tests run it inside the Helidon test harness, several instances on the same stores when they need to.
 */
public final class Px0 implements AutoCloseable {

    /** Where the first admin comes from when px0 is given PX0_ADMIN_EMAIL and PX0_ADMIN_PASSWORD. */
    public static final String ADMIN_FROM_ENVIRONMENT = "from PX0_ADMIN_EMAIL and PX0_ADMIN_PASSWORD";

    private static final System.Logger LOGGER = System.getLogger(Px0.class.getName());

    /** Largest request body accepted; larger ones get 413. */
    public static final long MAX_BODY_BYTES = 64 * 1024;

    private final Settings settings;
    private final Database database;
    private final RedisClient redis;
    private final Telemetry telemetry;
    private final Outbox outbox;
    private final Auth auth;
    private final InvalidationChannel channel;
    private final NodeCaches caches;
    private final ChangeStreams streams;
    private final Projects projects;
    private final Prompts prompts;

    private Px0(Settings settings, Database database, RedisClient redis, Telemetry telemetry) {
        this.settings = settings;
        this.database = database;
        this.redis = redis;
        this.telemetry = telemetry;
        this.outbox = Outbox.create(settings.smtp());
        this.auth = new Auth(settings.auth(), database.client(), redis, settings.redis().timeout(),
                             settings.redis().cluster().isEmpty(), outbox, telemetry.openTelemetry(), telemetry.meter());
        this.channel = new InvalidationChannel(redis, () -> Redis.dedicated(settings.redis()), settings.cache().heartbeat(),
                                               telemetry.meter());
        this.caches = new NodeCaches(channel, settings.cache().ttl(), telemetry.meter());
        this.projects = new Projects(database.client(), auth.callers(), caches);
        this.prompts = new Prompts(database.client(), projects, caches, telemetry.openTelemetry());
        this.streams = new ChangeStreams(settings.events(), telemetry.meter());
        channel.addListener(streams); // after the caches: a stream's client reads what the caches dropped
        channel.start();
    }

    /** Migrates the database, connects to the stores and creates the first admin when configured. */
    public static Px0 start(Settings settings) {
        return start(settings, Telemetry.fromEnvironment());
    }

    /** As {@link #start(Settings)}, reporting to the given telemetry (closed with px0). */
    public static Px0 start(Settings settings, Telemetry telemetry) {
        return start(settings, telemetry, ADMIN_FROM_ENVIRONMENT);
    }

    /**
     * As {@link #start(Settings, Telemetry)}; {@code adminOrigin} ends the log line that says the first admin was
     * created, and tells where the account came from ({@link #ADMIN_FROM_ENVIRONMENT} unless a launcher made it).
     */
    public static Px0 start(Settings settings, Telemetry telemetry, String adminOrigin) {
        Database database;
        try {
            database = Database.migrateAndConnect(settings.database(), telemetry.openTelemetry());
        } catch (RuntimeException e) {
            telemetry.close();
            throw e;
        }
        RedisClient redis;
        try {
            redis = Redis.connect(settings.redis(), telemetry.openTelemetry()); // Sentinel and Cluster are asked now
        } catch (RuntimeException e) {
            database.close();
            telemetry.close();
            throw e;
        }
        Px0 px0 = new Px0(settings, database, redis, telemetry);
        try {
            if (px0.auth.ensureAdmin()) {
                LOGGER.log(System.Logger.Level.INFO, "Created the first admin account " + adminOrigin);
                // its hash left SCrypt's buffers behind (3 x 32 MiB at the defaults): collected now, the heap
                // shrinks back (config/jvm.options) instead of keeping them as resident memory
                System.gc();
            }
            px0.auth.calibrateDummyHash();
        } catch (RuntimeException e) {
            px0.close();
            throw e;
        }
        return px0;
    }

    /** The server settings px0 needs: port, host, body limit, JSON errors before routing, and the routes. */
    public void configure(WebServerConfig.Builder server) {
        server.port(settings.port())
                .host(settings.host())
                .maxPayloadSize(MAX_BODY_BYTES)
                .shutdownGracePeriod(settings.shutdownGrace())
                .directHandlers(HttpErrors.directHandlers())
                .routing(this::routing);
    }

    /** Every route of px0, then JSON errors for the rest. */
    public void routing(HttpRouting.Builder routing) {
        routing.addFilter(new HttpTelemetry(telemetry));
        routing.addFilter(new RequestGuard()); // the edge: no route sees a control character in a path, query or header
        HttpErrors.register(routing, StoreFailures::isUnavailable);
        routing.register("/v1/projects", streams.routes(projects.requests()))
                // render first: the route applications call on every request is matched before the others
                .register("/v1/projects", prompts.renderRoutes())
                .register("/v1/projects", projects.routes())
                .register("/v1/projects", prompts.routes())
                .register("/v1/auth", auth.routes(settings.clientAddress()))
                .register("/v1/cache", caches.routes(auth.callers()))
                .register("/v1/health", new HealthRoutes(database::ping, this::redisAnswers))
                .register("/openapi", new OpenApiRoutes())
                .register("/observe", new MetricsRoutes(telemetry))
                .update(ConsoleRoutes::register)
                .any(HttpErrors.notFound());
    }

    public Settings settings() {
        return settings;
    }

    public PasswordHasher hasher() {
        return auth.hasher();
    }

    public RedisClient redis() {
        return redis;
    }

    public Database database() {
        return database;
    }

    public NodeCaches caches() {
        return caches;
    }

    /** The channel over which this node hears every change. */
    public InvalidationChannel channel() {
        return channel;
    }

    /** The change streams open on this node. */
    public ChangeStreams streams() {
        return streams;
    }

    /**
     * Ends every change stream and opens no more: call before the server stops, which otherwise waits out its
     * grace period for these never-ending requests.
     */
    public void endStreams() {
        streams.close();
    }

    private boolean redisAnswers() {
        try {
            return "PONG".equals(redis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            streams.close();
            channel.close();
            projects.close();
            outbox.close();
            auth.close();
            redis.close();
        } finally {
            database.close();
            telemetry.close();
        }
    }
}
