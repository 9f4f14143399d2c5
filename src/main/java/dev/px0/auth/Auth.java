package dev.px0.auth;

import java.time.Clock;
import java.time.Duration;

import dev.px0.http.ClientAddress;
import dev.px0.mail.Outbox;
import dev.px0.user.UserStore;

import io.helidon.dbclient.DbClient;
import io.helidon.webserver.http.HttpService;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import redis.clients.jedis.RedisClient;

/**
 * Sign-in and accounts, built from {@link AuthSettings}: password hashing, sessions in Redis, brute-force and
 * per-address limits, the account lifecycle, and their routes ({@code /v1/auth}). What other features use of it:
 * {@link #callers()} (who is calling), and the {@link Caller} it returns.
 */
public final class Auth implements AutoCloseable {

    private final AuthSettings settings;
    private final PasswordHasher hasher;
    private final TokenStore tokens;
    private final AuthService auth;
    private final AccountService accounts;
    private final AccountLimit limit;
    private final Callers callers;

    /**
     * @param pipelined whether token checks may share Redis pipelines (not on Redis Cluster, see {@link TokenStore})
     */
    public Auth(AuthSettings settings, DbClient db, RedisClient redis, Duration redisTimeout, boolean pipelined,
                Outbox outbox, OpenTelemetry telemetry, Meter meter) {
        this.settings = settings;
        this.hasher = new PasswordHasher(settings.scrypt(), settings.effectiveHashConcurrency(),
                                         settings.hashQueueTimeout(), telemetry);
        UserStore users = new UserStore(db);
        this.tokens = new TokenStore(redis, settings.sessionTtl(), Clock.systemUTC(), redisTimeout, pipelined);
        LoginThrottle throttle = new LoginThrottle(redis, settings.loginMaxFailures(), settings.loginFailureWindow(),
                                                   settings.loginIpLimit());
        this.auth = new AuthService(users, tokens, hasher, throttle, meter);
        this.accounts = new AccountService(users, tokens, new CodeStore(redis), hasher,
                                           new PasswordPolicy(settings.passwordMinLength()), outbox, throttle,
                                           settings.registrationOpen());
        this.limit = new AccountLimit(redis, settings.accountIpLimit());
        this.callers = new Callers(auth);
    }

    /** Turns a request's bearer token into its caller. */
    public Callers callers() {
        return callers;
    }

    /** {@code /v1/auth}, with the client address as {@code clients} tells it (trusted proxies). */
    public HttpService routes(ClientAddress clients) {
        return new AuthRoutes(auth, accounts, clients, limit);
    }

    /**
     * Creates the first admin ({@code PX0_ADMIN_EMAIL}, when set) unless its email has an account. True when this
     * call created it.
     */
    public boolean ensureAdmin() {
        return settings.admin().map(admin -> auth.ensureAdmin(admin.email(), admin.password())).orElse(false);
    }

    /** Sets the hash an unknown email is checked against to what most stored hashes cost (see {@link AuthService}). */
    public void calibrateDummyHash() {
        auth.calibrateDummyHash();
    }

    /** The password hasher (tests and benchmarks measure it). */
    public PasswordHasher hasher() {
        return hasher;
    }

    @Override
    public void close() {
        hasher.close();
        tokens.close();
    }
}
