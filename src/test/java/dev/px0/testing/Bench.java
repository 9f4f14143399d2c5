package dev.px0.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

import dev.px0.prompt.PromptFixture;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServer;
import redis.clients.jedis.RedisClient;

/** What the render benchmarks in bench/ share: a published prompt with a key, the request loops, medians. */
public final class Bench {

    public static final String BODY = "{\"variables\":{\"customer\":\"Ada\",\"product\":\"px0\"}}";
    private static final HeaderName X_API_KEY = HeaderNames.create("X-API-Key");

    private Bench() {
    }

    /** A prompt published as {@code production} on the node's stores, and a read key for it. */
    public record Published(String path, String key) {
    }

    public static Published publish(Node node) {
        PromptFixture px = new PromptFixture(node);
        String owner = px.user();
        String project = px.project(owner);
        px.published(project, owner, "welcome",
                     "You are a helpful assistant for {{product}}. Greet {{customer}} warmly and ask how you can help today.");
        return new Published(PromptFixture.base(project, "welcome") + "/render", px.apiKey(project, owner, "read"));
    }

    public static Http1Client client(WebServer server) {
        return Http1Client.builder().baseUri("http://127.0.0.1:" + server.port()).build();
    }

    /** One render of the published prompt through the server, with the key in {@code X-API-Key}. */
    public static Runnable render(WebServer server, Published published) {
        Http1Client client = client(server);
        return () -> {
            try (Http1ClientResponse r = client.post(published.path()).header(X_API_KEY, published.key())
                    .header(HeaderNames.CONTENT_TYPE, "application/json").submit(BODY)) {
                r.entity().consume();
                if (r.status().code() != 200) {
                    throw new IllegalStateException("render answered " + r.status());
                }
            }
        };
    }

    /** Commands Redis has run so far, from {@code INFO commandstats} (that INFO itself is counted next time). */
    public static long redisCommands(RedisClient redis) {
        long total = 0;
        for (String line : redis.info("commandstats").split("\r\n")) {
            int i = line.indexOf("calls=");
            if (line.startsWith("cmdstat_") && i > 0) {
                total += Long.parseLong(line.substring(i + 6, line.indexOf(',', i)));
            }
        }
        return total;
    }

    public static void print(String what, List<ClosedLoop.Result> runs) {
        System.out.printf("%-28s %9.0f /s  p50 %6.2f ms  p99 %6.2f ms  errors %d%n", what,
                          median(runs, ClosedLoop.Result::rate), median(runs, r -> r.percentile(50)),
                          median(runs, r -> r.percentile(99)), runs.stream().mapToLong(ClosedLoop.Result::errors).sum());
    }

    public static double median(List<ClosedLoop.Result> runs, ToDoubleFunction<ClosedLoop.Result> f) {
        return median(runs.stream().map(f::applyAsDouble).toList());
    }

    public static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }

    /** Resident memory of a process (VmRSS), in MiB; NaN when it is gone. */
    public static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** A new empty database on the stores' PostgreSQL; its JDBC URL. */
    public static String recreateDatabase(TestStores stores, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(stores.jdbcUrl(), stores.username(), stores.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database);
        }
        return stores.jdbcUrl().replaceAll("/[^/?]*(\\?.*)?$", "/" + database);
    }

    /** Drops a database made by {@link #recreateDatabase}, its connections closed. */
    public static void dropDatabase(TestStores stores, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(stores.jdbcUrl(), stores.username(), stores.password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
