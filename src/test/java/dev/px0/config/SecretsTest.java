package dev.px0.config;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import dev.px0.Px0;
import dev.px0.Settings;
import dev.px0.testing.EmbeddedStores;
import dev.px0.testing.TestStores;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Finding 6 of issue 14: no credential is shown wherever a URL or a settings record is shown. */
class SecretsTest {

    @Test
    void anInvalidRedisUrlIsShownWithoutItsPassword() {
        var e = assertThrows(InvalidSettingException.class,
                             () -> TestStores.get().settings(Map.of("px0.redis.url", "redis://:p#ss@host")));
        assertThat(e.getMessage(), containsString("PX0_REDIS_URL"));
        assertThat(e.getMessage(), containsString("redis://:<hidden>@host"));
        assertThat(e.getMessage(), not(containsString("p#ss")));
    }

    @Test
    void anInvalidDatabaseUrlIsShownWithoutItsPassword() {
        var e = assertThrows(InvalidSettingException.class, () -> TestStores.get().settings(
                Map.of("px0.database.url", "postgresql://db:5432/px0?user=px0&password=s3cret-db")));
        assertThat(e.getMessage(), containsString("PX0_DATABASE_URL"));
        assertThat(e.getMessage(), containsString("password=<hidden>"));
        assertThat(e.getMessage(), not(containsString("s3cret-db")));
    }

    @Test
    void settingsRecordsHideEveryPassword() {
        Settings settings = TestStores.get().settings(Map.of(
                "px0.database.url", "jdbc:postgresql://db:5432/px0?user=px0&password=s3cret-url&ssl=true",
                "px0.database.password", "s3cret-db",
                "px0.redis.url", "redis://px0:s3cret-redis@cache:6379/0",
                "px0.admin.email", "admin@example.com", "px0.admin.password", "s3cret-admin",
                "px0.smtp.host", "smtp.example.com", "px0.smtp.password", "s3cret-smtp"));

        String shown = settings.toString();

        for (String secret : new String[] {"s3cret-url", "s3cret-db", "s3cret-redis", "s3cret-admin", "s3cret-smtp"}) {
            assertThat(shown, not(containsString(secret)));
        }
        assertThat(shown, containsString("jdbc:postgresql://db:5432/px0?user=px0&password=<hidden>&ssl=true"));
        assertThat(shown, containsString("redis://px0:<hidden>@cache:6379/0"));
    }

    /** Flyway masks the URL itself; this holds px0 to it should a driver or Flyway ever print it. */
    @Test
    void aStartUpFailureShowsNeitherTheUrlsPasswordNorTheSettingsOne() {
        String nowhere = "jdbc:postgresql://127.0.0.1:" + EmbeddedStores.freePort() + "/px0?password=s3cret-url";
        RuntimeException e = assertThrows(RuntimeException.class, () -> Px0.start(TestStores.get().settings(Map.of(
                "px0.database.url", nowhere, "px0.database.password", "s3cret-db"))));

        StringWriter printed = new StringWriter();
        e.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString(), containsString("Unable to obtain connection from database"));
        assertThat(printed.toString(), not(containsString("s3cret")));
    }

    @Test
    void redactionOfTextThatIsNoUrl() {
        assertThat(Secrets.url("redis://pass@host:6379"), is("redis://<hidden>@host:6379"));
        assertThat(Secrets.url("rediss://user:p@ss@host"), is("rediss://user:<hidden>@host"));
        assertThat(Secrets.url("jdbc:postgresql://h/db?sslpassword=x&PASSWORD=y"),
                   is("jdbc:postgresql://h/db?sslpassword=<hidden>&PASSWORD=<hidden>"));
        assertThat(Secrets.url("redis://host:6379"), is("redis://host:6379"));
    }
}
