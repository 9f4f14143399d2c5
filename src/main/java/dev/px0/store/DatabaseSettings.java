package dev.px0.store;

import java.time.Duration;
import java.util.function.Function;

import dev.px0.config.Secrets;
import dev.px0.config.Section;

import io.helidon.config.Config;

/** PostgreSQL connection settings ({@code px0.database}). Shown, the password and any credentials in the URL are hidden. */
public record DatabaseSettings(String url, String username, String password, int poolSize, Duration connectTimeout,
                               Duration queryTimeout) {

    /** Reads and checks {@code px0.database}. */
    public static DatabaseSettings from(Config database) {
        Section in = new Section(database);
        return new DatabaseSettings(
                in.read("url", DatabaseSettings::jdbcUrl, "a JDBC URL such as jdbc:postgresql://host:5432/px0"),
                in.read("username", Function.identity(), "a user name"),
                in.secret("password"),
                in.read("pool.size", s -> Section.intIn(s, 1, 1000), "a whole number from 1 to 1000"),
                in.read("connect.timeout", s -> Section.duration(s, Duration.ofMillis(250)),
                        "an ISO-8601 duration of at least PT0.25S, such as PT2S"),
                in.read("query.timeout", s -> Section.duration(s, Duration.ofSeconds(1)),
                        "an ISO-8601 duration of whole seconds, at least PT1S"));
    }

    private static String jdbcUrl(String value) {
        if (!value.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException();
        }
        return value;
    }

    @Override
    public String toString() {
        return "Database[url=" + Secrets.text(url, password) + ", username=" + username + ", password=<hidden>"
                + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + ", queryTimeout="
                + queryTimeout + "]";
    }
}
