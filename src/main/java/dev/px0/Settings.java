package dev.px0;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.px0.auth.ScryptParams;
import dev.px0.user.EmailAddress;
import dev.px0.auth.PasswordHasher;
import dev.px0.http.ClientAddress;
import dev.px0.store.Secrets;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Every setting px0 reads, typed and validated once at start-up.
 *
 * <p>Defaults live in {@code config/application.yaml} (also packaged into the jar); environment variables and
 * system properties override them. A bad value throws {@link InvalidSettingException} naming the environment
 * variable, so an operator knows what to fix. Secrets are never echoed back in those messages, and the records'
 * {@code toString()} hides every password, also one inside a URL ({@link Secrets}).
 */
public record Settings(
        int port,
        String host,
        Database database,
        Redis redis,
        Duration sessionTtl,
        ScryptParams scrypt,
        int hashConcurrency,
        Duration hashQueueTimeout,
        Optional<Admin> admin,
        boolean registrationOpen,
        int passwordMinLength,
        Optional<Smtp> smtp,
        int loginMaxFailures,
        Duration loginFailureWindow,
        int loginIpLimit,
        int accountIpLimit,
        ClientAddress clientAddress,
        Duration shutdownGrace,
        Duration cacheTtl,
        Duration cacheHeartbeat,
        Duration eventsHeartbeat,
        int eventsMaxConnections) {

    /** PostgreSQL connection settings. Shown, the password and any credentials in the URL are hidden. */
    public record Database(String url, String username, String password, int poolSize,
                           Duration connectTimeout, Duration queryTimeout) {
        @Override
        public String toString() {
            return "Database[url=" + Secrets.text(url, password) + ", username=" + username + ", password=<hidden>"
                    + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + ", queryTimeout="
                    + queryTimeout + "]";
        }
    }

    /**
     * Redis connection settings; {@code uri} is {@code redis://} or {@code rediss://}. With {@code sentinel} or a
     * non-empty {@code cluster}, px0 finds its servers through them and takes only the credentials, TLS and
     * database of {@code uri}, never its host and port.
     */
    public record Redis(URI uri, int poolSize, Duration timeout, Optional<Sentinel> sentinel, List<Endpoint> cluster) {

        /** A single Redis at {@code uri}. */
        public Redis(URI uri, int poolSize, Duration timeout) {
            this(uri, poolSize, timeout, Optional.empty(), List.of());
        }

        public Redis {
            cluster = List.copyOf(cluster);
        }

        @Override
        public String toString() {
            return "Redis[uri=" + Secrets.url(uri.toString()) + ", poolSize=" + poolSize + ", timeout=" + timeout
                    + ", sentinel=" + sentinel + ", cluster=" + cluster + "]";
        }
    }

    /** A Redis server's address, as written in {@code host:port} lists. */
    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    /** Sentinels that name the primary of {@code master}; {@code password} (empty: none) is the Sentinels' own. */
    public record Sentinel(List<Endpoint> nodes, String master, String password) {
        public Sentinel {
            nodes = List.copyOf(nodes);
        }

        @Override
        public String toString() {
            return "Sentinel[nodes=" + nodes + ", master=" + master + ", password=" + (password.isEmpty() ? "" : "<hidden>")
                    + "]";
        }
    }

    /** The first admin created at start-up when its email is free. */
    public record Admin(String email, String password) {
        @Override
        public String toString() {
            return "Admin[email=" + email + ", password=<hidden>]";
        }
    }

    /** The SMTP server for verification and reset codes; absent: emails go to the log. */
    public record Smtp(String host, int port, String username, String password, String from, boolean starttls) {
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password=<hidden>, from="
                    + from + ", starttls=" + starttls + "]";
        }
    }

    /** Loads the configuration sources in px0's order of precedence. */
    public static Config loadConfig() {
        return loadConfig(Map.of());
    }

    /** The configuration sources, with {@code overrides} (keys such as {@code px0.redis.url}) above them all. */
    public static Config loadConfig(Map<String, String> overrides) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.file("config/application.yaml").optional())
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }

    /** Reads and validates every setting. */
    public static Settings from(Config config) {
        Reader in = new Reader(config);
        Database database = new Database(
                in.read("px0.database.url", "PX0_DATABASE_URL", Settings::jdbcUrl, "a JDBC URL such as jdbc:postgresql://host:5432/px0"),
                in.read("px0.database.username", "PX0_DATABASE_USERNAME", Function.identity(), "a user name"),
                in.secret("px0.database.password", "PX0_DATABASE_PASSWORD"),
                in.read("px0.database.pool.size", "PX0_DATABASE_POOL_SIZE", s -> intIn(s, 1, 1000), "a whole number from 1 to 1000"),
                in.read("px0.database.connect.timeout", "PX0_DATABASE_CONNECT_TIMEOUT", s -> duration(s, Duration.ofMillis(250)), "an ISO-8601 duration of at least PT0.25S, such as PT2S"),
                in.read("px0.database.query.timeout", "PX0_DATABASE_QUERY_TIMEOUT", s -> duration(s, Duration.ofSeconds(1)), "an ISO-8601 duration of whole seconds, at least PT1S"));
        Redis redis = redis(in);
        int n = in.read("px0.scrypt.n", "PX0_SCRYPT_N", s -> powerOfTwo(s), "a power of two from 2 to 2^24, such as 32768");
        int r = in.read("px0.scrypt.r", "PX0_SCRYPT_R", s -> intIn(s, 1, 64), "a whole number from 1 to 64");
        int p = in.read("px0.scrypt.p", "PX0_SCRYPT_P", s -> intIn(s, 1, 64), "a whole number from 1 to 64");
        String adminEmail = in.read("px0.admin.email", "PX0_ADMIN_EMAIL", Function.identity(), "an email address");
        String adminPassword = in.secret("px0.admin.password", "PX0_ADMIN_PASSWORD");
        return new Settings(
                in.read("server.port", "SERVER_PORT", s -> intIn(s, 0, 65_535), "a port number from 0 to 65535"),
                in.read("server.host", "SERVER_HOST", Function.identity(), "a host name or address"),
                database,
                redis,
                in.read("px0.session.ttl", "PX0_SESSION_TTL", s -> wholeSeconds(s), "an ISO-8601 duration of whole seconds, at least PT1S, such as PT24H"),
                ScryptParams.of(n, r, p),
                in.read("px0.hash.concurrency", "PX0_HASH_CONCURRENCY", s -> intIn(s, 0, 1024), "a whole number from 0 (= number of cores) to 1024"),
                in.read("px0.hash.queue.timeout", "PX0_HASH_QUEUE_TIMEOUT", s -> duration(s, Duration.ZERO), "an ISO-8601 duration such as PT2S"),
                admin(adminEmail, adminPassword),
                in.read("px0.registration", "PX0_REGISTRATION", Settings::registration, "open or closed"),
                in.read("px0.password.min.length", "PX0_PASSWORD_MIN_LENGTH", s -> intIn(s, 8, 64), "a whole number from 8 to 64"),
                smtp(in),
                in.read("px0.login.max.failures", "PX0_LOGIN_MAX_FAILURES", s -> intIn(s, 1, 1_000_000), "a whole number of at least 1"),
                in.read("px0.login.failure.window", "PX0_LOGIN_FAILURE_WINDOW", s -> duration(s, Duration.ofSeconds(1)), "an ISO-8601 duration of at least PT1S, such as PT15M"),
                in.read("px0.login.ip.limit", "PX0_LOGIN_IP_LIMIT", s -> intIn(s, 1, 1_000_000), "a whole number of attempts a minute, at least 1"),
                in.read("px0.account.ip.limit", "PX0_ACCOUNT_IP_LIMIT", s -> intIn(s, 1, 1_000_000), "a whole number of requests a minute, at least 1"),
                in.read("px0.trusted.proxies", "PX0_TRUSTED_PROXIES", ClientAddress::trusting, "comma-separated IP addresses or CIDR ranges"),
                in.read("px0.shutdown.grace", "PX0_SHUTDOWN_GRACE", s -> duration(s, Duration.ZERO), "an ISO-8601 duration such as PT10S"),
                in.read("px0.cache.ttl", "PX0_CACHE_TTL", s -> duration(s, Duration.ZERO), "an ISO-8601 duration such as PT60S (PT0S turns the caches off)"),
                in.read("px0.cache.heartbeat", "PX0_CACHE_HEARTBEAT", s -> duration(s, Duration.ofMillis(100)), "an ISO-8601 duration of at least PT0.1S, such as PT5S"),
                in.read("px0.events.heartbeat", "PX0_EVENTS_HEARTBEAT", s -> duration(s, Duration.ofMillis(100)), "an ISO-8601 duration of at least PT0.1S, such as PT15S"),
                in.read("px0.events.max.connections", "PX0_EVENTS_MAX_CONNECTIONS", s -> intIn(s, 1, 1_000_000), "a whole number from 1 to 1000000"));
    }

    private static Redis redis(Reader in) {
        URI uri = in.read("px0.redis.url", "PX0_REDIS_URL", Settings::redisUri, "a URL such as redis://host:6379");
        int poolSize = in.read("px0.redis.pool.size", "PX0_REDIS_POOL_SIZE", s -> intIn(s, 1, 10_000), "a whole number from 1 to 10000");
        Duration timeout = in.read("px0.redis.timeout", "PX0_REDIS_TIMEOUT", s -> duration(s, Duration.ofMillis(10)), "an ISO-8601 duration of at least PT0.01S, such as PT1S");
        String pairs = "comma-separated host:port pairs such as ";
        List<Endpoint> sentinels = in.read("px0.redis.sentinels", "PX0_REDIS_SENTINELS", Settings::endpoints,
                                           pairs + "sentinel-1:26379,sentinel-2:26379,sentinel-3:26379");
        String master = in.read("px0.redis.sentinel.master", "PX0_REDIS_SENTINEL_MASTER", Settings::masterName,
                                "a master name as in sentinel.conf, without spaces, such as mymaster");
        String sentinelPassword = in.secret("px0.redis.sentinel.password", "PX0_REDIS_SENTINEL_PASSWORD");
        List<Endpoint> cluster = in.read("px0.redis.cluster", "PX0_REDIS_CLUSTER", Settings::endpoints,
                                         pairs + "redis-1:6379,redis-2:6379,redis-3:6379");
        if (!sentinels.isEmpty() && !cluster.isEmpty()) {
            throw new InvalidSettingException("PX0_REDIS_SENTINELS and PX0_REDIS_CLUSTER cannot both be set");
        }
        if (sentinels.isEmpty() != master.isEmpty()) {
            throw new InvalidSettingException("PX0_REDIS_SENTINELS and PX0_REDIS_SENTINEL_MASTER must be set together");
        }
        if (!cluster.isEmpty() && uri.getPath() != null && uri.getPath().length() > 1) {
            throw new InvalidSettingException("PX0_REDIS_URL (px0.redis.url) must not name a database with "
                                                      + "PX0_REDIS_CLUSTER: Redis Cluster has only database 0");
        }
        Optional<Sentinel> sentinel = sentinels.isEmpty() ? Optional.empty()
                : Optional.of(new Sentinel(sentinels, master, sentinelPassword));
        return new Redis(uri, poolSize, timeout, sentinel, cluster);
    }

    /** {@code host:port,host:port,…} ({@code [v6 address]:port} for IPv6); empty for none. */
    static List<Endpoint> endpoints(String value) {
        if (value.isBlank()) {
            return List.of();
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String pair = part.strip();
            int colon = pair.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException();
            }
            String host = pair.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException();
            }
            if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
                throw new IllegalArgumentException();
            }
            Endpoint endpoint = new Endpoint(host, intIn(pair.substring(colon + 1), 1, 65_535));
            if (endpoints.contains(endpoint)) {
                throw new IllegalArgumentException();
            }
            endpoints.add(endpoint);
        }
        return List.copyOf(endpoints);
    }

    private static String masterName(String value) {
        String name = value.strip();
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException();
        }
        return name;
    }

    private static Optional<Smtp> smtp(Reader in) {
        String host = in.read("px0.smtp.host", "PX0_SMTP_HOST", String::strip, "a host name");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String from = in.read("px0.smtp.from", "PX0_SMTP_FROM", Settings::mailbox, "an address such as px0 <no-reply@example.com>");
        return Optional.of(new Smtp(host,
                                    in.read("px0.smtp.port", "PX0_SMTP_PORT", s -> intIn(s, 1, 65_535), "a port number"),
                                    in.read("px0.smtp.username", "PX0_SMTP_USERNAME", Function.identity(), "a user name"),
                                    in.secret("px0.smtp.password", "PX0_SMTP_PASSWORD"),
                                    from,
                                    in.read("px0.smtp.starttls", "PX0_SMTP_STARTTLS", Settings::bool, "true or false")));
    }

    private static boolean registration(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> true;
            case "closed" -> false;
            default -> throw new IllegalArgumentException();
        };
    }

    private static boolean bool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException();
        };
    }

    private static String mailbox(String value) {
        try {
            new jakarta.mail.internet.InternetAddress(value, true);
            return value;
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Hash slots per node: the configured number, or one per core. */
    public int effectiveHashConcurrency() {
        return hashConcurrency == 0 ? Runtime.getRuntime().availableProcessors() : hashConcurrency;
    }

    private static Optional<Admin> admin(String email, String password) {
        if (email.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        if (email.isEmpty() || password.isEmpty()) {
            throw new InvalidSettingException("PX0_ADMIN_EMAIL and PX0_ADMIN_PASSWORD must be set together");
        }
        if (!EmailAddress.isValid(email)) {
            throw new InvalidSettingException("PX0_ADMIN_EMAIL (px0.admin.email) must be a valid email address");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw new InvalidSettingException("PX0_ADMIN_PASSWORD (px0.admin.password) must be at most "
                                                      + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
        }
        return Optional.of(new Admin(email, password));
    }

    private static String jdbcUrl(String value) {
        if (!value.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException();
        }
        return value;
    }

    private static URI redisUri(String value) {
        URI uri = URI.create(value);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
            throw new IllegalArgumentException();
        }
        return uri;
    }

    private static int intIn(String value, int min, int max) {
        int i = Integer.parseInt(value.trim());
        if (i < min || i > max) {
            throw new IllegalArgumentException();
        }
        return i;
    }

    private static int powerOfTwo(String value) {
        int n = intIn(value, 2, 1 << 24);
        if (Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException();
        }
        return n;
    }

    private static Duration duration(String value, Duration min) {
        Duration d;
        try {
            d = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(e);
        }
        if (d.compareTo(min) < 0) {
            throw new IllegalArgumentException();
        }
        return d;
    }

    private static Duration wholeSeconds(String value) {
        Duration d = duration(value, Duration.ofSeconds(1));
        if (d.getNano() != 0) {
            throw new IllegalArgumentException();
        }
        return d;
    }

    /** Reads one key and turns any parse failure into a message naming the setting. */
    private record Reader(Config config) {
        <T> T read(String key, String env, Function<String, T> parse, String expected) {
            String raw = config.get(key).asString()
                    .orElseThrow(() -> new InvalidSettingException(env + " (" + key + ") is not set"));
            try {
                return parse.apply(raw);
            } catch (RuntimeException e) {
                // a URL may carry a password: never echoed (redis://:p#ss@host is invalid, and shown redacted)
                throw new InvalidSettingException(env + " (" + key + ") = '" + Secrets.url(raw) + "' is invalid: expected "
                                                          + expected);
            }
        }

        String secret(String key, String env) {
            return config.get(key).asString()
                    .orElseThrow(() -> new InvalidSettingException(env + " (" + key + ") is not set"));
        }
    }

    /** A setting is missing or has a value px0 cannot use. */
    public static final class InvalidSettingException extends RuntimeException {
        public InvalidSettingException(String message) {
            super("invalid configuration: " + message);
        }
    }
}
