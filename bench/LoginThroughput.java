import java.time.Duration;
import java.util.Map;

import dev.px0.auth.PasswordHasher;
import dev.px0.auth.ScryptParams;
import dev.px0.testing.Bench;
import dev.px0.testing.ClosedLoop;
import dev.px0.testing.Node;
import dev.px0.testing.TestStores;
import dev.px0.testing.Users;

/**
 * Login against its physical limit: first raw SCrypt hashes/s at px0's default parameters on all cores, then login
 * requests/s through HTTP at concurrency = cores and 4 x cores, in the same run. Prints each with the ratio to the
 * raw rate and p50/p99 latency; with several rounds, the phases alternate and the ratios are medians of the rounds'
 * ratios. bench/run starts this JVM with px0's own options (config/jvm.options), so the raw hashes run on the heap
 * and collector px0 ships with. Usage: bench/run LoginThroughput [seconds per phase] [rounds]
 */
public class LoginThroughput {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int cores = Runtime.getRuntime().availableProcessors();
        ScryptParams params = new ScryptParams(15, 8, 3);
        TestStores.get();
        System.out.printf("cores: %d, SCrypt N=2^15 r=8 p=3, %d s per phase, %d rounds, JVM options %s%n", cores, seconds,
                          rounds, java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());

        PasswordHasher raw = new PasswordHasher(params, cores, Duration.ofMinutes(1));
        Map<String, String> defaults = Map.of("px0.scrypt.n", "32768", "px0.scrypt.r", "8", "px0.scrypt.p", "3",
                                              "px0.hash.queue.timeout", "PT60S");
        java.util.List<Double> raws = new java.util.ArrayList<>();
        Map<Integer, java.util.List<ClosedLoop.Result>> logins = new java.util.TreeMap<>();
        Map<Integer, java.util.List<Double>> ratios = new java.util.TreeMap<>();
        try (Node node = Node.start(defaults)) {
            String email = new Users(node.px0()).verified();
            node.api().token(email, Users.PASSWORD); // warm-up
            raw.hash("warm-up");
            for (int round = 1; round <= rounds; round++) {
                // raw hashes and logins alternate, round after round: the machine's noise falls on both alike
                double hashesPerSecond = ClosedLoop.run(cores, seconds, () -> raw.hash("correct horse battery staple")).rate();
                raws.add(hashesPerSecond);
                System.out.printf("round %d: %-34s %8.2f /s%n", round, "raw SCrypt hashes, " + cores + " threads",
                                  hashesPerSecond);
                for (int concurrency : new int[] {cores, 4 * cores}) {
                    ClosedLoop.Result r = ClosedLoop.run(concurrency, seconds, () -> {
                        if (node.api().login(email, Users.PASSWORD).status() != 200) {
                            throw new IllegalStateException("login failed");
                        }
                    });
                    logins.computeIfAbsent(concurrency, c -> new java.util.ArrayList<>()).add(r);
                    ratios.computeIfAbsent(concurrency, c -> new java.util.ArrayList<>()).add(r.rate() / hashesPerSecond);
                    System.out.printf("round %d: %-34s %8.2f /s  ratio %.2f  p50 %6.0f ms  p99 %6.0f ms  errors %d%n",
                                      round, "login via HTTP, concurrency " + concurrency, r.rate(),
                                      r.rate() / hashesPerSecond, r.percentile(50), r.percentile(99), r.errors());
                }
            }
        }
        System.out.printf("%nmedians of %d rounds%n%-34s %8.2f /s%n", rounds, "raw SCrypt hashes, " + cores + " threads",
                          Bench.median(raws));
        for (int concurrency : logins.keySet()) {
            System.out.printf("%-34s %8.2f /s  ratio %.2f (rounds: %s)  p50 %6.0f ms  p99 %6.0f ms%n",
                              "login via HTTP, concurrency " + concurrency,
                              Bench.median(logins.get(concurrency), ClosedLoop.Result::rate),
                              Bench.median(ratios.get(concurrency)),
                              ratios.get(concurrency).stream().map(x -> String.format("%.2f", x)).toList(),
                              Bench.median(logins.get(concurrency), x -> x.percentile(50)),
                              Bench.median(logins.get(concurrency), x -> x.percentile(99)));
        }
        System.exit(0);
    }
}
