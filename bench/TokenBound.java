import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.px0.testing.Bench;
import dev.px0.testing.TestStores;

import redis.clients.jedis.RedisClient;

/**
 * The token check against its physical bound, with the tools an outsider would use. px0 runs as the built jar in
 * its own process with px0's JVM options ({@code @config/jvm.options}), on embedded PostgreSQL and Redis. Each round
 * measures, back to back:
 * <ul>
 *     <li>{@code t}: {@code wrk -c 50} on {@code GET /v1/nope} (an unknown path: the same filters, a JSON error);</li>
 *     <li>{@code r}: {@code redis-benchmark -t get -c 50} against the same Redis;</li>
 *     <li>{@code me}: {@code wrk -c 50} on {@code GET /v1/auth/me} with a live token.</li>
 * </ul>
 * The bound of a token check (one trivial request plus one Redis GET) is {@code 1 / (1/t + 1/r)}; the figure is the
 * median over rounds of {@code me / bound}. Then it counts the Redis commands and PostgreSQL transactions of 1,000
 * token checks. Needs {@code wrk} and {@code redis-benchmark} (Debian: wrk, redis-tools).
 *
 * <p>Usage: {@code bench/run TokenBound [seconds per phase] [rounds] [jvm options]}, by default 5, 5 and
 * {@code @config/jvm.options}.
 */
public class TokenBound {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> options = args.length > 2 ? Arrays.asList(args[2].trim().split("\\s+")) : List.of("@config/jvm.options");
        TestStores stores = TestStores.get();
        URI redisUri = stores.redisUri();
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options);
        command.addAll(List.of("-jar", "target/px0.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "tokenbound-px0.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("OTEL_") || name.startsWith("PX0_") || name.startsWith("SERVER_"));
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_HOST", "127.0.0.1");
        env.put("PX0_DATABASE_URL", stores.jdbcUrl());
        env.put("PX0_DATABASE_USERNAME", stores.username());
        env.put("PX0_DATABASE_PASSWORD", stores.password());
        env.put("PX0_REDIS_URL", redisUri.toString());
        String email = "bench-" + System.nanoTime() + "@example.com";
        env.put("PX0_ADMIN_EMAIL", email);
        env.put("PX0_ADMIN_PASSWORD", "correct horse battery staple");
        env.put("PX0_SCRYPT_N", "1024");
        env.put("PX0_SCRYPT_P", "1");
        Process px0 = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            waitHealthy(base, px0);
            HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"email\": \"" + email + "\", \"password\": \"correct horse battery staple\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String token = login.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            // warm-up of both routes
            wrk(base + "/v1/nope", null, Math.max(2, seconds));
            wrk(base + "/v1/auth/me", token, Math.max(2, seconds));

            List<Double> ts = new ArrayList<>();
            List<Double> rs = new ArrayList<>();
            List<Double> mes = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double t = wrk(base + "/v1/nope", null, seconds);
                double r = redisBenchmark(redisUri, seconds);
                double me = wrk(base + "/v1/auth/me", token, seconds);
                double bound = 1 / (1 / t + 1 / r);
                ts.add(t);
                rs.add(r);
                mes.add(me);
                ratios.add(me / bound);
                System.out.printf("round %d: t %8.0f/s  r %8.0f/s  bound %8.0f/s  me %8.0f/s  me/bound %.2f%n",
                                  round, t, r, bound, me, me / bound);
            }
            System.out.printf("%nmedians of %d rounds of %d s, 50 connections, px0 started with %s:%n", rounds, seconds,
                              String.join(" ", options));
            System.out.printf("t (GET /v1/nope) %8.0f/s%nr (redis GET)     %8.0f/s%nme (/v1/auth/me) %8.0f/s%n"
                              + "me / bound       %8.2f (rounds: %s)%n",
                              Bench.median(ts), Bench.median(rs), Bench.median(mes), Bench.median(ratios),
                              ratios.stream().map(x -> String.format("%.2f", x)).toList());
            countCosts(base, token, redisUri, stores);
        } finally {
            px0.destroy();
            px0.waitFor(30, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /** Redis commands and PostgreSQL transactions of 1,000 token checks. */
    private static void countCosts(String base, String token, URI redisUri, TestStores stores) throws Exception {
        HttpRequest me = HttpRequest.newBuilder(URI.create(base + "/v1/auth/me"))
                .header("Authorization", "Bearer " + token).build();
        try (RedisClient redis = RedisClient.create(redisUri);
             var pg = java.sql.DriverManager.getConnection(stores.jdbcUrl(), stores.username(), stores.password())) {
            long redisBefore = Bench.redisCommands(redis);
            long pgBefore = transactions(pg);
            for (int i = 0; i < 1000; i++) {
                if (HTTP.send(me, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    throw new IllegalStateException("me failed");
                }
            }
            long redisCommands = Bench.redisCommands(redis) - redisBefore - 1; // the INFO of the first count
            long pgTransactions = transactions(pg) - pgBefore;
            System.out.printf("one token check: %.3f Redis commands, %.3f PostgreSQL transactions (over 1,000)%n",
                              redisCommands / 1000.0, Math.max(0, pgTransactions) / 1000.0);
        }
    }

    private static long transactions(java.sql.Connection pg) throws Exception {
        try (var s = pg.createStatement();
             var rs = s.executeQuery("SELECT sum(xact_commit + xact_rollback)::bigint FROM pg_stat_database")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static final Pattern WRK = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern REDIS = Pattern.compile("GET: ([\\d.]+) requests per second");

    private static double wrk(String url, String token, int seconds) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c50", "-d" + seconds + "s"));
        if (token != null) {
            cmd.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        cmd.add(url);
        String out = run(cmd);
        if (out.contains("Non-2xx") && token != null) {
            throw new IllegalStateException("token check refused: " + out);
        }
        Matcher m = WRK.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double redisBenchmark(URI redis, int seconds) throws Exception {
        // about `seconds` long at ~45k/s; -r: random keys, as tokens are
        String out = run(List.of("redis-benchmark", "-h", redis.getHost(), "-p", Integer.toString(redis.getPort()),
                                 "-t", "get", "-c", "50", "-n", Integer.toString(45_000 * seconds), "-q"));
        Matcher m = REDIS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("redis-benchmark: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static void waitHealthy(String base, Process px0) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/v1/health")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!px0.isAlive()) {
                throw new IllegalStateException("px0 exited: " + Files.readString(Path.of("target", "tokenbound-px0.log")));
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("px0 not healthy in 120 s");
    }
}
