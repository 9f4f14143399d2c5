package dev.px0.auth;

/**
 * SCrypt cost parameters: {@code N = 2^log2N} (CPU and memory cost), {@code r} (block size), {@code p} (parallelism).
 * One hash needs {@code 128 * N * r} bytes of memory.
 */
public record ScryptParams(int log2N, int r, int p) {

    public ScryptParams {
        if (log2N < 1 || log2N > 24 || r < 1 || r > 64 || p < 1 || p > 64) {
            throw new IllegalArgumentException("scrypt parameters out of range");
        }
    }

    /** From N itself, which must be a power of two. */
    public static ScryptParams of(int n, int r, int p) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("scrypt N must be a power of two");
        }
        return new ScryptParams(Integer.numberOfTrailingZeros(n), r, p);
    }

    public int n() {
        return 1 << log2N;
    }

    public long memoryBytes() {
        return 128L * n() * r;
    }
}
