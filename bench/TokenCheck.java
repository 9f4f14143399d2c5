import java.util.Map;

import dev.px0.testing.Bench;
import dev.px0.testing.ClosedLoop;
import dev.px0.testing.Node;
import dev.px0.testing.TestStores;
import dev.px0.testing.Users;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServer;
import redis.clients.jedis.RedisClient;

/**
 * The token check, GET /v1/auth/me, against what bounds it: a Redis GET loop from the same machine, and a trivial
 * Helidon route, at the same concurrency in the same run. Then counts what one `me` costs: Redis commands (INFO
 * commandstats) and PostgreSQL transactions (pg_stat_database). Usage: bench/run TokenCheck [seconds per phase]
 */
public class TokenCheck {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int concurrency = 16;
        TestStores stores = TestStores.get();
        try (Node node = Node.start(Map.of());
             RedisClient redis = RedisClient.create(stores.redisUri())) {
            String token = node.api().token(new Users(node.px0()).verified(), Users.PASSWORD);
            WebServer trivial = WebServer.builder().port(0).host("127.0.0.1")
                    .routing(r -> r.get("/ping", (req, res) -> res.send("{\"status\":\"OK\"}"))).build().start();
            Http1Client pxClient = Http1Client.builder().baseUri("http://127.0.0.1:" + node.server().port()).build();
            Http1Client trivialClient = Http1Client.builder().baseUri("http://127.0.0.1:" + trivial.port()).build();
            redis.set("bench:key", "x".repeat(200));

            Runnable me = () -> {
                try (Http1ClientResponse r = pxClient.get("/v1/auth/me").header(HeaderNames.AUTHORIZATION, "Bearer " + token).request()) {
                    r.entity().consume();
                    if (r.status().code() != 200) {
                        throw new IllegalStateException();
                    }
                }
            };
            Runnable ping = () -> {
                try (Http1ClientResponse r = trivialClient.get("/ping").request()) {
                    r.entity().consume();
                }
            };
            Runnable get = () -> redis.get("bench:key");
            ClosedLoop.run(concurrency, 3, me); // warm-up
            ClosedLoop.run(concurrency, 3, ping);
            ClosedLoop.run(concurrency, 3, get);

            ClosedLoop.Result redisGet = ClosedLoop.run(concurrency, seconds, get);
            ClosedLoop.Result trivialRoute = ClosedLoop.run(concurrency, seconds, ping);
            ClosedLoop.Result meRoute = ClosedLoop.run(concurrency, seconds, me);
            System.out.printf("concurrency %d, %d s each, %d cores%n", concurrency, seconds,
                              Runtime.getRuntime().availableProcessors());
            print("Redis GET loop (Jedis)", redisGet, redisGet);
            print("trivial Helidon route", trivialRoute, redisGet);
            print("GET /v1/auth/me", meRoute, redisGet);
            System.out.printf("me / trivial route: %.2f%n", meRoute.rate() / trivialRoute.rate());

            int n = 1000;
            long redisBefore = Bench.redisCommands(redis);
            long pgBefore = transactions(node);
            for (int i = 0; i < n; i++) {
                me.run();
            }
            long redisCalls = Bench.redisCommands(redis) - redisBefore - 1; // minus the INFO that measures
            long pgCalls = transactions(node) - pgBefore - 1;    // minus the query that measures
            System.out.printf("per GET /v1/auth/me: %.3f Redis commands, %.3f PostgreSQL transactions (%d requests)%n",
                              redisCalls / (double) n, pgCalls / (double) n, n);
            trivial.stop();
        }
        System.exit(0);
    }

    static void print(String what, ClosedLoop.Result r, ClosedLoop.Result redis) {
        System.out.printf("%-26s %9.0f /s  (x%.2f of Redis GET)  p50 %6.2f ms  p99 %6.2f ms  errors %d%n",
                          what, r.rate(), r.rate() / redis.rate(), r.percentile(50), r.percentile(99), r.errors());
    }

    static long transactions(Node node) {
        return node.px0().database().client().execute()
                .get("SELECT sum(xact_commit + xact_rollback)::bigint AS n FROM pg_stat_database")
                .orElseThrow().column("n").get(Long.class);
    }
}
