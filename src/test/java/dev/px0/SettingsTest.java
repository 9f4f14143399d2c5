package dev.px0;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.px0.auth.ScryptParams;
import dev.px0.config.InvalidSettingException;
import dev.px0.testing.TestStores;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Settings: the defaults of config/application.yaml, and a clear message naming any bad one. */
class SettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        Settings settings = Settings.from(Config.builder()
                                                  .disableEnvironmentVariablesSource()
                                                  .disableSystemPropertiesSource()
                                                  .addSource(ConfigSources.classpath("application.yaml"))
                                                  .build());

        assertThat(settings.port(), is(3000));
        assertThat(settings.auth().sessionTtl(), is(Duration.ofHours(24)));
        assertThat(settings.auth().scrypt(), is(new ScryptParams(15, 8, 3)));
        assertThat(settings.auth().effectiveHashConcurrency(), is(Runtime.getRuntime().availableProcessors()));
        assertThat(settings.auth().hashQueueTimeout(), is(Duration.ofSeconds(2)));
        assertThat(settings.database().url(), is("jdbc:postgresql://localhost:5432/px0"));
        assertThat(settings.redis().uri().toString(), is("redis://localhost:6379"));
        assertThat(settings.auth().admin().isPresent(), is(false));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "SERVER_PORT|server.port|http",
            "SERVER_PORT|server.port|70000",
            "PX0_DATABASE_URL|px0.database.url|mysql://localhost/px0",
            "PX0_DATABASE_POOL_SIZE|px0.database.pool.size|0",
            "PX0_DATABASE_CONNECT_TIMEOUT|px0.database.connect.timeout|2s",
            "PX0_REDIS_URL|px0.redis.url|http://localhost:6379",
            "PX0_REDIS_URL|px0.redis.url|localhost:6379",
            "PX0_REDIS_TIMEOUT|px0.redis.timeout|PT0S",
            "PX0_SESSION_TTL|px0.session.ttl|24h",
            "PX0_SESSION_TTL|px0.session.ttl|PT0S",
            "PX0_SESSION_TTL|px0.session.ttl|PT1.5S",
            "PX0_SESSION_TTL|px0.session.ttl|-PT24H",
            "PX0_SCRYPT_N|px0.scrypt.n|1000",
            "PX0_SCRYPT_N|px0.scrypt.n|1",
            "PX0_SCRYPT_N|px0.scrypt.n|lots",
            "PX0_SCRYPT_R|px0.scrypt.r|0",
            "PX0_SCRYPT_P|px0.scrypt.p|-1",
            "PX0_HASH_CONCURRENCY|px0.hash.concurrency|-1",
            "PX0_HASH_QUEUE_TIMEOUT|px0.hash.queue.timeout|soon",
            "PX0_EVENTS_HEARTBEAT|px0.events.heartbeat|PT0.01S",
            "PX0_EVENTS_MAX_CONNECTIONS|px0.events.max.connections|0",
    })
    void badValueFailsNamingTheSetting(String env, String key, String value) {
        var e = assertThrows(InvalidSettingException.class,
                             () -> TestStores.get().settings(Map.of(key, value)));
        assertThat(e.getMessage(), containsString(env));
    }

    @Test
    void adminNeedsBothEmailAndPassword() {
        var e = assertThrows(InvalidSettingException.class,
                             () -> TestStores.get().settings(Map.of("px0.admin.email", "admin@example.com")));
        assertThat(e.getMessage(), containsString("PX0_ADMIN_PASSWORD"));
    }

    @Test
    void adminEmailMustBeAnEmailAndItsPasswordIsNeverEchoed() {
        var e = assertThrows(InvalidSettingException.class,
                             () -> TestStores.get().settings(Map.of("px0.admin.email", "not-an-email",
                                                                    "px0.admin.password", "s3cret-admin")));
        assertThat(e.getMessage(), containsString("PX0_ADMIN_EMAIL"));
        assertThat(e.getMessage(), not(containsString("s3cret-admin")));
    }

    @Test
    void environmentVariablesOverrideTheFileAndBadOnesStopStartUp() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                                                            Main.class.getName()));
        builder.environment().put("PX0_SCRYPT_N", "1000");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited, is(true));
        assertThat(output, process.exitValue(), is(2));
        assertThat(output, containsString("PX0_SCRYPT_N"));
    }
}
