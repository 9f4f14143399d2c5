import java.time.Duration;
import java.util.Map;

import dev.px0.auth.PasswordHasher;
import dev.px0.auth.ScryptParams;
import dev.px0.testing.ClosedLoop;
import dev.px0.testing.Node;
import dev.px0.testing.TestStores;
import dev.px0.testing.Users;

/**
 * Login against its physical limit: first raw SCrypt hashes/s at px0's default parameters on all cores, then login
 * requests/s through HTTP at concurrency = cores and 4 x cores, in the same run. Prints each with the ratio to the
 * raw rate and p50/p99 latency. Usage: bench/run LoginThroughput [seconds per phase]
 */
public class LoginThroughput {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int cores = Runtime.getRuntime().availableProcessors();
        ScryptParams params = new ScryptParams(15, 8, 3);
        TestStores.get();

        PasswordHasher raw = new PasswordHasher(params, cores, Duration.ofMinutes(1));
        double hashesPerSecond = ClosedLoop.run(cores, seconds, () -> raw.hash("correct horse battery staple")).rate();
        System.out.printf("cores: %d, SCrypt N=2^15 r=8 p=3, %d s per phase%n", cores, seconds);
        System.out.printf("%-34s %8.2f /s%n", "raw SCrypt hashes, " + cores + " threads", hashesPerSecond);

        Map<String, String> defaults = Map.of("px0.scrypt.n", "32768", "px0.scrypt.r", "8", "px0.scrypt.p", "3",
                                              "px0.hash.queue.timeout", "PT60S");
        try (Node node = Node.start(defaults)) {
            String email = new Users(node.px0()).verified();
            node.api().token(email, Users.PASSWORD); // warm-up
            for (int concurrency : new int[] {cores, 4 * cores}) {
                ClosedLoop.Result r = ClosedLoop.run(concurrency, seconds, () -> {
                    if (node.api().login(email, Users.PASSWORD).status() != 200) {
                        throw new IllegalStateException("login failed");
                    }
                });
                System.out.printf("%-34s %8.2f /s  ratio %.2f  p50 %6.0f ms  p99 %6.0f ms  errors %d%n",
                                  "login via HTTP, concurrency " + concurrency, r.rate(), r.rate() / hashesPerSecond,
                                  r.percentile(50), r.percentile(99), r.errors());
            }
        }
        System.exit(0);
    }
}
