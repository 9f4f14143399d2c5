package dev.px0.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** Waits for a condition by asking it again and again (each ask is a real request), never by sleeping a guess. */
public final class Poll {

    private Poll() {
    }

    /**
     * How long it took, from {@code startNanos}, until the condition held; fails if it did not hold within
     * {@code limit}.
     */
    public static Duration until(String what, long startNanos, Duration limit, BooleanSupplier condition) {
        long deadline = startNanos + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - startNanos);
            }
            if (System.nanoTime() - deadline > 0) {
                assertThat(what + " within " + limit.toMillis() + " ms", false, is(true));
            }
            Thread.onSpinWait();
        }
    }

    /** As {@link #until(String, long, Duration, BooleanSupplier)}, from now, pausing 10 ms between asks. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                assertThat(what + " within " + limit.toMillis() + " ms", false, is(true));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
