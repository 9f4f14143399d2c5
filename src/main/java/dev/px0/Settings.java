package dev.px0;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.px0.auth.AuthSettings;
import dev.px0.cache.CacheSettings;
import dev.px0.config.InvalidSettingException;
import dev.px0.config.Secrets;
import dev.px0.config.Section;
import dev.px0.events.EventSettings;
import dev.px0.http.ClientAddress;
import dev.px0.mail.SmtpSettings;
import dev.px0.store.DatabaseSettings;
import dev.px0.store.RedisSettings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Every setting px0 reads, typed and validated once at start-up: the server's own here, and each feature's in a record
 * of its package, read from its own section of the configuration ({@code DatabaseSettings.from(config.get("px0.database"))}).
 *
 * <p>Defaults live in {@code config/application.yaml} (also packaged into the jar); environment variables and
 * system properties override them. A bad value throws {@link InvalidSettingException} naming the environment
 * variable, so an operator knows what to fix. Secrets are never echoed back in those messages, and the records'
 * {@code toString()} hides every password, also one inside a URL ({@link Secrets}).
 */
public record Settings(
        int port,
        String host,
        ClientAddress clientAddress,
        Duration shutdownGrace,
        DatabaseSettings database,
        RedisSettings redis,
        AuthSettings auth,
        Optional<SmtpSettings> smtp,
        CacheSettings cache,
        EventSettings events) {

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
        DatabaseSettings database = DatabaseSettings.from(config.get("px0.database"));
        RedisSettings redis = RedisSettings.from(config.get("px0.redis"));
        AuthSettings auth = AuthSettings.from(config.get("px0"));
        Section server = new Section(config.get("server"));
        Section px0 = new Section(config.get("px0"));
        return new Settings(
                server.read("port", s -> Section.intIn(s, 0, 65_535), "a port number from 0 to 65535"),
                server.read("host", Function.identity(), "a host name or address"),
                px0.read("trusted.proxies", ClientAddress::trusting, "comma-separated IP addresses or CIDR ranges"),
                px0.read("shutdown.grace", s -> Section.duration(s, Duration.ZERO), "an ISO-8601 duration such as PT10S"),
                database,
                redis,
                auth,
                SmtpSettings.from(config.get("px0.smtp")),
                CacheSettings.from(config.get("px0.cache")),
                EventSettings.from(config.get("px0.events")));
    }
}
