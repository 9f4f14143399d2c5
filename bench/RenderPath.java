import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.px0.testing.Bench;
import dev.px0.testing.ClosedLoop;
import dev.px0.testing.Node;
import dev.px0.testing.TestStores;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServer;
import redis.clients.jedis.RedisClient;

/**
 * The render path with an API key, served from the node's caches, against trivial Helidon routes (a GET, and a
 * POST that reads the same body as the render) and against
 * the same render with the caches off (PX0_CACHE_TTL=PT0S), in alternating rounds of one run. Then counts what one
 * cached render costs: SQL statements (px0's own statement counter) and Redis commands (INFO commandstats).
 * Usage: bench/run RenderPath [seconds per phase] [rounds] [concurrency]
 */
public class RenderPath {


    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        try (Node cached = Node.start(Map.of());
             Node uncached = Node.start(Map.of("px0.cache.ttl", "PT0S"));
             RedisClient redis = RedisClient.create(TestStores.get().redisUri())) {
            Bench.Published published = Bench.publish(cached);
            WebServer trivial = WebServer.builder().port(0).host("127.0.0.1")
                    .routing(r -> r.get("/ping", (req, res) -> res.send("{\"status\":\"OK\"}"))
                            .post("/echo", (req, res) -> {
                                req.content().as(byte[].class);
                                res.send("{\"status\":\"OK\"}");
                            }))
                    .build().start();
            Runnable ping = get(Bench.client(trivial), "/ping");
            Runnable echo = post(Bench.client(trivial), "/echo");
            Runnable renderCached = Bench.render(cached.server(), published);
            Runnable renderUncached = Bench.render(uncached.server(), published);

            for (Runnable warm : List.of(ping, echo, renderCached, renderUncached)) {
                ClosedLoop.run(concurrency, 3, warm);
            }
            List<ClosedLoop.Result> trivialRuns = new ArrayList<>();
            List<ClosedLoop.Result> echoRuns = new ArrayList<>();
            List<ClosedLoop.Result> cachedRuns = new ArrayList<>();
            List<ClosedLoop.Result> uncachedRuns = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                ClosedLoop.Result t = ClosedLoop.run(concurrency, seconds, ping);
                ClosedLoop.Result e = ClosedLoop.run(concurrency, seconds, echo);
                ClosedLoop.Result c = ClosedLoop.run(concurrency, seconds, renderCached);
                ClosedLoop.Result u = ClosedLoop.run(concurrency, seconds, renderUncached);
                trivialRuns.add(t);
                echoRuns.add(e);
                cachedRuns.add(c);
                uncachedRuns.add(u);
                ratios.add(c.rate() / t.rate());
                System.out.printf("round %d: trivial GET %.0f/s, trivial POST %.0f/s, cached render %.0f/s (x%.2f), "
                                          + "uncached render %.0f/s%n", round + 1, t.rate(), e.rate(), c.rate(),
                                  c.rate() / t.rate(), u.rate());
            }
            System.out.printf("%nconcurrency %d, %d rounds of %d s per phase, %d cores; medians of the rounds:%n",
                              concurrency, rounds, seconds, Runtime.getRuntime().availableProcessors());
            Bench.print("trivial GET route", trivialRuns);
            Bench.print("trivial POST route", echoRuns);
            Bench.print("render, caches on", cachedRuns);
            Bench.print("render, caches off", uncachedRuns);
            System.out.printf("cached render / trivial route: %.2f (median of the per-round ratios)%n", Bench.median(ratios));
            System.out.printf("cached render / trivial POST route (same request body): %.2f%n",
                              Bench.median(cachedRuns, ClosedLoop.Result::rate) / Bench.median(echoRuns, ClosedLoop.Result::rate));
            System.out.printf("caches on / caches off: %.2f%n",
                              Bench.median(cachedRuns, ClosedLoop.Result::rate) / Bench.median(uncachedRuns, ClosedLoop.Result::rate));

            int n = 1000;
            count("cached render", cached, redis, renderCached, n);
            count("uncached render", uncached, redis, renderUncached, n);
            trivial.stop();
        }
        System.exit(0);
    }

    static Runnable get(Http1Client client, String path) {
        return () -> {
            try (Http1ClientResponse r = client.get(path).request()) {
                r.entity().consume();
            }
        };
    }

    static Runnable post(Http1Client client, String path) {
        return () -> {
            try (Http1ClientResponse r = client.post(path).header(HeaderNames.CONTENT_TYPE, "application/json").submit(Bench.BODY)) {
                r.entity().consume();
            }
        };
    }

    static void count(String what, Node node, RedisClient redis, Runnable action, int n) {
        long redisBefore = Bench.redisCommands(redis);
        long sqlBefore = node.px0().database().statements();
        for (int i = 0; i < n; i++) {
            action.run();
        }
        long sql = node.px0().database().statements() - sqlBefore;
        long redisCalls = Bench.redisCommands(redis) - redisBefore - 1; // minus the INFO that measures
        System.out.printf("per %s: %.3f SQL statements, %.3f Redis commands (%d requests)%n",
                          what, sql / (double) n, redisCalls / (double) n, n);
    }
}
