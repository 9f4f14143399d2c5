import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import dev.px0.auth.PasswordHasher;
import dev.px0.auth.ScryptParams;
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
        double hashesPerSecond = run(cores, seconds, () -> raw.hash("correct horse battery staple")).rate();
        System.out.printf("cores: %d, SCrypt N=2^15 r=8 p=3, %d s per phase%n", cores, seconds);
        System.out.printf("%-34s %8.2f /s%n", "raw SCrypt hashes, " + cores + " threads", hashesPerSecond);

        Map<String, String> defaults = Map.of("px0.scrypt.n", "32768", "px0.scrypt.r", "8", "px0.scrypt.p", "3",
                                              "px0.hash.queue.timeout", "PT60S");
        try (Node node = Node.start(defaults)) {
            String email = new Users(node.px0()).verified();
            node.api().token(email, Users.PASSWORD); // warm-up
            for (int concurrency : new int[] {cores, 4 * cores}) {
                Result r = run(concurrency, seconds, () -> {
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

    record Result(long count, long errors, double seconds, List<Long> nanos) {
        double rate() {
            return count / seconds;
        }

        double percentile(int p) {
            List<Long> sorted = nanos.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1)) / 1e6;
        }
    }

    /** Runs the action in a closed loop on n virtual threads for the given time. */
    static Result run(int n, int seconds, Runnable action) throws InterruptedException {
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        try {
                            action.run();
                            nanos.add(System.nanoTime() - t);
                            count.incrementAndGet();
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                    }
                });
            }
        }
        return new Result(count.get(), errors.get(), (System.nanoTime() - start) / 1e9, new ArrayList<>(nanos));
    }
}
