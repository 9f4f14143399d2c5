package dev.px0.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.px0.Settings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real PostgreSQL and Redis every test talks to, started once per test JVM.
 *
 * <p>By default both are embedded (real server binaries, data under {@code target/}); set
 * {@code PX0_TEST_DATABASE_URL} (with {@code PX0_TEST_DATABASE_USERNAME} and {@code PX0_TEST_DATABASE_PASSWORD})
 * and {@code PX0_TEST_REDIS_URL} to run the suite against external servers instead. The test database must be
 * one px0 may migrate and fill with test users.
 */
public final class TestStores {

    /** Fast SCrypt for tests (N=2^10, r=8, p=1); the default parameters are measured in bench/, not here. */
    public static final Map<String, String> FAST_HASHING = Map.of("px0.scrypt.n", "1024", "px0.scrypt.r", "8",
                                                                  "px0.scrypt.p", "1");

    private static TestStores instance;

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final URI redisUri;

    private TestStores(String jdbcUrl, String username, String password, URI redisUri) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.redisUri = redisUri;
    }

    /** The shared stores, started on first use and stopped when the JVM exits. */
    public static synchronized TestStores get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public URI redisUri() {
        return redisUri;
    }

    /**
     * Settings for a px0 under test: these stores, port 0, fast hashing, then the given overrides, over the
     * defaults of {@code application.yaml}. The machine's environment is deliberately not read.
     */
    public Settings settings(Map<String, String> overrides) {
        return Settings.from(config(overrides));
    }

    /** The configuration behind {@link #settings(Map)}. */
    public Config config(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(FAST_HASHING);
        values.put("server.port", "0");
        values.put("server.host", "127.0.0.1");
        values.put("px0.database.url", jdbcUrl);
        values.put("px0.database.username", username);
        values.put("px0.database.password", password);
        values.put("px0.database.pool.size", "4");
        values.put("px0.redis.url", redisUri.toString());
        // every test logs in from 127.0.0.1: the per-address limit is tested on its own (BruteForceLockTest)
        values.put("px0.login.ip.limit", "1000000");
        values.put("px0.account.ip.limit", "1000000"); // likewise: tested on its own (AccountLimitTest)
        values.putAll(overrides);
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }

    private static TestStores start() {
        String externalDb = System.getenv("PX0_TEST_DATABASE_URL");
        String externalRedis = System.getenv("PX0_TEST_REDIS_URL");
        String jdbcUrl;
        String username;
        String password;
        if (externalDb != null && !externalDb.isBlank()) {
            jdbcUrl = externalDb;
            username = System.getenv().getOrDefault("PX0_TEST_DATABASE_USERNAME", "px0");
            password = System.getenv().getOrDefault("PX0_TEST_DATABASE_PASSWORD", "px0");
        } else {
            EmbeddedPostgres pg = EmbeddedStores.postgres(freshDirectory("postgres"));
            jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
            username = "postgres";
            password = "postgres";
        }
        URI redisUri;
        if (externalRedis != null && !externalRedis.isBlank()) {
            redisUri = URI.create(externalRedis);
        } else {
            redisUri = EmbeddedStores.redis(freshDirectory("redis")).uri();
        }
        return new TestStores(jdbcUrl, username, password, redisUri);
    }

    /** An empty directory under target/embedded for one store of this run. */
    public static Path freshDirectory(String name) {
        try {
            Path base = Path.of("target", "embedded");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name + "-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
