import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.px0.testing.Node;
import dev.px0.testing.TestStores;
import dev.px0.testing.Users;

/**
 * Latency of one login through HTTP, at px0's default SCrypt parameters and at the test suite's, measured side by
 * side in one run (rounds alternate between the two nodes, so machine noise hits both alike). Sequential requests:
 * this is the time one user waits, not throughput. Run with bench/login-latency [rounds].
 */
public class LoginLatency {

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 41;
        Map<String, String> defaults = Map.of("px0.scrypt.n", "32768", "px0.scrypt.r", "8", "px0.scrypt.p", "3");
        TestStores.get();
        try (Node slow = Node.start(defaults); Node fast = Node.start(Map.of())) {
            String slowUser = new Users(slow.px0()).verified();
            String fastUser = new Users(fast.px0()).verified();
            for (int i = 0; i < 5; i++) { // warm-up: JIT, pools, connections
                slow.api().token(slowUser, Users.PASSWORD);
                fast.api().token(fastUser, Users.PASSWORD);
            }
            List<Long> slowTimes = new ArrayList<>();
            List<Long> fastTimes = new ArrayList<>();
            List<Long> hashTimes = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                slowTimes.add(time(() -> slow.api().token(slowUser, Users.PASSWORD)));
                fastTimes.add(time(() -> fast.api().token(fastUser, Users.PASSWORD)));
                hashTimes.add(time(() -> slow.px0().hasher().hash(Users.PASSWORD)));
            }
            System.out.printf("cores: %d, rounds: %d (sequential, alternating)%n",
                              Runtime.getRuntime().availableProcessors(), rounds);
            report("login, default scrypt N=2^15 r=8 p=3", slowTimes);
            report("login, test scrypt    N=2^10 r=8 p=1", fastTimes);
            report("one raw SCrypt hash at N=2^15 r=8 p=3", hashTimes);
        }
        System.exit(0);
    }

    private static long time(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return System.nanoTime() - start;
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        System.out.printf("%-42s median %7.1f ms   p90 %7.1f ms   min %7.1f ms%n", what,
                          sorted.get(sorted.size() / 2) / 1e6,
                          sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1) / 1e6,
                          sorted.getFirst() / 1e6);
    }
}
