package dev.px0.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** The load generator of bench/: n virtual threads each calling an action back to back for a fixed time. */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    /** Calls made, calls that threw, the time taken and each call's duration. */
    public record Result(long count, long errors, double seconds, List<Long> nanos) {
        public double rate() {
            return count / seconds;
        }

        /** The p-th percentile of the call durations, in milliseconds. */
        public double percentile(int p) {
            List<Long> sorted = nanos.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(sorted.size() * p / 100.0) - 1))) / 1e6;
        }
    }

    public static Result run(int n, int seconds, Runnable action) {
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
