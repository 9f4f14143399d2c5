import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.px0.client.Px0Client;
import dev.px0.prompt.PromptFixture;
import dev.px0.testing.Api;
import dev.px0.testing.Bench;
import dev.px0.testing.ClosedLoop;
import dev.px0.testing.Node;

import io.helidon.http.Method;

/**
 * The Java SDK against px0, in one run: (1) the same prompt rendered in process by the SDK vs through
 * {@code POST …/render} on a px0 node (API key, node caches warm), in alternating rounds; (2) publish-to-client
 * propagation: a client streaming from node A, {@code production} moved through node B, timed from B's answer until
 * the client serves the new version, over many publishes.
 * Usage: bench/run SdkRender [seconds per phase] [rounds] [publishes] [http concurrency]
 */
public class SdkRender {

    private static final String TEMPLATE =
            "You are a helpful assistant for {{product}}. Greet {{customer}} warmly and ask how you can help today.";
    private static final Map<String, Object> VARS = Map.of("customer", "Ada", "product", "px0");

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int publishes = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int httpConcurrency = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int cores = Runtime.getRuntime().availableProcessors();
        try (Node a = Node.start(Map.of()); Node b = Node.start(Map.of())) {
            PromptFixture px = new PromptFixture(a);
            String owner = px.user();
            String project = px.project(owner);
            px.published(project, owner, "welcome", TEMPLATE);
            String key = px.apiKey(project, owner, "read");
            Bench.Published published = new Bench.Published(PromptFixture.base(project, "welcome") + "/render", key);
            try (Px0Client client = Px0Client.builder().baseUrl("http://127.0.0.1:" + a.server().port())
                    .apiKey(key).project(project).build()) {
                Runnable http = Bench.render(a.server(), published);
                String expected = client.prompt("welcome").render(VARS);
                ClosedLoop.run(httpConcurrency, 2, http);
                inProcess(client, cores, 2);

                List<Double> ratios = new ArrayList<>();
                List<double[]> sdkRuns = new ArrayList<>();
                List<ClosedLoop.Result> httpRuns = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    double[] s = inProcess(client, cores, seconds);
                    ClosedLoop.Result h = ClosedLoop.run(httpConcurrency, seconds, http);
                    sdkRuns.add(s);
                    httpRuns.add(h);
                    ratios.add(s[0] / h.rate());
                    System.out.printf("round %d: SDK in process %.0f renders/s (p99 %.4f ms), HTTP render %.0f/s "
                                      + "(p99 %.2f ms), ratio x%.0f%n", round + 1, s[0], s[1], h.rate(),
                                      h.percentile(99), s[0] / h.rate());
                }
                System.out.printf("%n%d cores; SDK: %d threads in process; HTTP: %d concurrent clients; %d rounds of %d s;"
                                  + " medians of the rounds:%n", cores, cores, httpConcurrency, rounds, seconds);
                System.out.printf("%-28s %12.0f /s  p99 %8.4f ms%n", "SDK render, in process",
                                  Bench.median(sdkRuns.stream().map(r -> r[0]).toList()),
                                  Bench.median(sdkRuns.stream().map(r -> r[1]).toList()));
                Bench.print("HTTP render (POST …/render)", httpRuns);
                System.out.printf("SDK / HTTP render rate: x%.0f (median of the per-round ratios)%n", Bench.median(ratios));
                if (!client.prompt("welcome").render(VARS).equals(expected)) {
                    throw new IllegalStateException("renders differ");
                }

                propagation(a, b, client, px, project, owner, publishes);
            }
        }
        System.exit(0);
    }

    /** Renders/s and p99 (ms) with {@code threads} threads rendering from the client's memory; every 16th call timed. */
    static double[] inProcess(Px0Client client, int threads, int seconds) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                long[] samples = new long[1 << 20];
                int sampled = 0;
                long count = 0;
                long sink = 0;
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 16; i++) {
                        long t0 = i == 0 ? System.nanoTime() : 0;
                        sink += client.prompt("welcome").render(VARS).length();
                        if (i == 0 && sampled < samples.length) {
                            samples[sampled++] = System.nanoTime() - t0;
                        }
                    }
                    count += 16;
                }
                long[] out = Arrays.copyOf(samples, sampled + 2);
                out[sampled] = count;
                out[sampled + 1] = sink;
                return out;
            }));
        }
        long total = 0;
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            long[] r = f.get();
            total += r[r.length - 2];
            for (int i = 0; i < r.length - 2; i++) {
                all.add(r[i]);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        all.sort(null);
        double p99 = all.get(Math.max(0, (int) Math.ceil(all.size() * 0.99) - 1)) / 1e6;
        return new double[] {total / elapsed, p99};
    }

    /** Moves production back and forth through node B; the client streams from node A. */
    static void propagation(Node a, Node b, Px0Client client, PromptFixture px, String project, String owner,
                            int publishes) {
        int v1 = client.prompt("welcome").version();
        int v2 = px.version(project, owner, "welcome", TEMPLATE + " (v2)");
        Api viaB = b.api();
        List<Double> millis = new ArrayList<>();
        int warmup = 10;
        for (int i = 0; i < publishes + warmup; i++) {
            int target = i % 2 == 0 ? v2 : v1;
            Api.Reply reply = viaB.json(Method.PUT, PromptFixture.base(project, "welcome") + "/labels/production", owner,
                                        "{\"version\":" + target + "}");
            long answered = System.nanoTime();
            if (reply.status() != 200) {
                throw new IllegalStateException("publish failed: " + reply);
            }
            while (client.prompt("welcome").version() != target) {
                if (System.nanoTime() - answered > 10_000_000_000L) {
                    throw new IllegalStateException("publish " + i + " not seen within 10 s");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000); // not a spin: 2 cores run both nodes too
            }
            if (i >= warmup) {
                millis.add((System.nanoTime() - answered) / 1e6);
            }
        }
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("%npublish (through node B) to client (streaming from node A), %d publishes after %d unmeasured:"
                          + " p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", publishes, warmup, sorted.get(sorted.size() / 2),
                          sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * 0.99) - 1)), sorted.get(sorted.size() - 1));
    }
}
