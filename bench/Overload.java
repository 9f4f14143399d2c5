import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.px0.auth.PasswordHasher;
import dev.px0.auth.ScryptParams;

import dev.px0.testing.Node;
import dev.px0.testing.Px0Process;
import dev.px0.testing.Users;

/**
 * 500 concurrent logins (half with a wrong password) against px0 in its own JVM capped at -Xmx512m, with the
 * default SCrypt parameters, for a while; meanwhile one logged-in client keeps calling GET /v1/auth/me. Reports
 * login answers by status, `me` answers and latency, the most heap px0 used (jstat), and whether it ever threw
 * OutOfMemoryError. Usage: bench/run Overload [concurrent logins] [seconds]
 */
public class Overload {

    public static void main(String[] args) throws Exception {
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String email = Users.uniqueEmail();
        try (Node helper = Node.start(Map.of())) { // creates the user with px0's default parameters
            new Users(helper.px0()).store().createIfAbsent(
                    email, new PasswordHasher(new ScryptParams(15, 8, 3), 1, Duration.ofMinutes(1)).hash(Users.PASSWORD),
                    true, false);
        }
        try (Px0Process px0 = Px0Process.start(Map.of("PX0_SCRYPT_N", "32768", "PX0_SCRYPT_P", "3",
                                                      "PX0_HASH_QUEUE_TIMEOUT", "PT2S"), "512m")) {
            String token = px0.api().token(email, Users.PASSWORD);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong maxHeapKb = new AtomicLong();
            Thread sampler = Thread.ofPlatform().start(() -> sampleHeap(px0.pid(), running, maxHeapKb));

            Map<String, AtomicLong> logins = new ConcurrentHashMap<>();
            Map<String, AtomicLong> mes = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Long> meNanos = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < concurrency; i++) {
                    String password = i % 2 == 0 ? Users.PASSWORD : "wrong password";
                    clients.submit(() -> {
                        while (System.nanoTime() < end) {
                            count(logins, () -> Integer.toString(px0.api().login(email, password).status()));
                        }
                    });
                }
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        count(mes, () -> Integer.toString(px0.api().me(token).status()));
                        meNanos.add(System.nanoTime() - t);
                    }
                });
            }
            running.set(false);
            sampler.join();
            List<Long> sorted = new ArrayList<>(meNanos);
            sorted.sort(null);
            boolean oom = px0.output().stream().anyMatch(l -> l.contains("OutOfMemoryError"));
            System.out.printf("%d concurrent logins for %d s, px0 at -Xmx512m, SCrypt N=2^15 r=8 p=3, %d cores%n",
                              concurrency, seconds, Runtime.getRuntime().availableProcessors());
            System.out.println("login answers by status: " + new TreeMap<>(logins));
            System.out.println("GET /v1/auth/me answers by status: " + new TreeMap<>(mes));
            System.out.printf("GET /v1/auth/me latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                              sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                              sorted.getLast() / 1e6);
            px0.output().stream().filter(l -> l.contains("SEVERE") || l.contains("Exception:") || l.contains("WARNING"))
                    .map(l -> l.length() > 200 ? l.substring(0, 200) : l).distinct().limit(10)
                    .forEach(l -> System.out.println("px0 log: " + l));
            System.out.printf("max heap used by px0: %.0f MiB; OutOfMemoryError: %s%n", maxHeapKb.get() / 1024.0,
                              oom ? "YES" : "no");
        }
        System.exit(0);
    }

    private static void count(Map<String, AtomicLong> counts, java.util.function.Supplier<String> call) {
        String key;
        try {
            key = call.get();
        } catch (RuntimeException e) {
            key = "exception " + e.getClass().getSimpleName();
        }
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** Heap used (survivors + eden + old, KiB) from jstat, sampled until told to stop. */
    private static void sampleHeap(long pid, AtomicBoolean running, AtomicLong max) {
        String jstat = ProcessHandle.current().info().command().orElse("java").replaceAll("java$", "jstat");
        try {
            Process p = new ProcessBuilder(jstat, "-gc", Long.toString(pid), "250").redirectErrorStream(true).start();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String header = reader.readLine();
                List<String> names = List.of(header.trim().split("\\s+"));
                for (String line; running.get() && (line = reader.readLine()) != null; ) {
                    String[] v = line.trim().split("\\s+");
                    double used = 0;
                    for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                        used += Double.parseDouble(v[names.indexOf(column)]);
                    }
                    max.accumulateAndGet((long) used, Math::max);
                }
            } finally {
                p.destroy();
            }
        } catch (Exception e) {
            System.err.println("jstat failed: " + e);
        }
    }
}
