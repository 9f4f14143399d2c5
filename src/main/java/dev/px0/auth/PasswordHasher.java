package dev.px0.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Hashes and verifies passwords with SCrypt (Bouncy Castle), the most expensive thing px0 does.
 *
 * <p>Hashes are stored self-describing, PHC style: {@code $scrypt$ln=15,r=8,p=3$<salt>$<hash>} (unpadded standard
 * base64, 16-byte salt, 32-byte hash), so parameters can change without a migration: {@link #needsRehash} tells
 * when a stored hash was made with other parameters than the configured ones.
 *
 * <p>One hash costs tens to hundreds of milliseconds and {@code 128 * N * r} bytes; virtual threads would happily
 * run thousands at once. A fair semaphore bounds the hashes in flight; a caller that cannot get a slot within the
 * queue timeout gets {@code 503 server busy} instead of exhausting memory.
 *
 * <p>The hashes themselves run on a small pool of platform threads, one per slot, never on the request's virtual
 * thread: a CPU-bound SCrypt on a virtual thread would hold its carrier for its whole run, and with every carrier
 * hashing, no other request (a token check, a health check) could run at all. The waiting virtual thread unmounts.
 */
public final class PasswordHasher implements AutoCloseable {

    /** Longest password accepted, in UTF-8 bytes: checked before any hashing so a huge password costs nothing. */
    public static final int MAX_PASSWORD_BYTES = 1024;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern ENCODED = Pattern.compile(
            "\\$scrypt\\$ln=(\\d{1,2}),r=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})");
    private static final Pattern PREFIX = Pattern.compile("\\$scrypt\\$ln=(\\d{1,2}),r=(\\d{1,2}),p=(\\d{1,2})\\$");
    private static final AttributeKey<Long> SCRYPT_N = AttributeKey.longKey("px0.scrypt.n");
    private static final AttributeKey<Long> SCRYPT_R = AttributeKey.longKey("px0.scrypt.r");
    private static final AttributeKey<Long> SCRYPT_P = AttributeKey.longKey("px0.scrypt.p");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final ScryptParams params;
    private final Semaphore slots;
    private final Duration queueTimeout;
    private final SecureRandom random = new SecureRandom();
    private final LongAdder computed = new LongAdder();
    private volatile String dummyHash;
    private final ExecutorService workers;
    private final Tracer tracer;
    private final DoubleHistogram duration;

    public PasswordHasher(ScryptParams params, int concurrency, Duration queueTimeout) {
        this(params, concurrency, queueTimeout, OpenTelemetry.noop());
    }

    /** Reporting a {@code px0.password.hash} span (with N, r, p) and the hash duration for every hash. */
    public PasswordHasher(ScryptParams params, int concurrency, Duration queueTimeout, OpenTelemetry telemetry) {
        this(params, new Semaphore(concurrency, true), queueTimeout, telemetry);
    }

    /** With a given semaphore, so a test can hold every slot. */
    PasswordHasher(ScryptParams params, Semaphore slots, Duration queueTimeout) {
        this(params, slots, queueTimeout, OpenTelemetry.noop());
    }

    private PasswordHasher(ScryptParams params, Semaphore slots, Duration queueTimeout, OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("dev.px0");
        this.duration = telemetry.getMeter("dev.px0").histogramBuilder("px0.password.hash.duration").setUnit("s")
                .setDescription("Time of one SCrypt computation, from taking a hash slot to the result")
                .setExplicitBucketBoundariesAdvice(List.of(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0))
                .build();
        this.params = params;
        this.slots = slots;
        this.queueTimeout = queueTimeout;
        this.workers = Executors.newFixedThreadPool(Math.max(1, slots.availablePermits()),
                                                    Thread.ofPlatform().name("px0-scrypt-", 0).daemon().factory());
        this.dummyHash = noHash(params);
    }

    /**
     * A random "hash" at these parameters that no password hashes to (a 2^-256 chance): verifying against it computes
     * one SCrypt at those parameters, as verifying a real hash does, and making it costs nothing.
     */
    private String noHash(ScryptParams at) {
        byte[] noHash = new byte[HASH_BYTES];
        random.nextBytes(noHash);
        return encode(at, salt(), noHash);
    }

    /** The configured parameters, used for every new hash. */
    public ScryptParams params() {
        return params;
    }

    /** A new self-describing hash of the password at the configured parameters. */
    public String hash(String password) {
        byte[] salt = salt();
        return encode(params, salt, guarded(bytes(password), salt, params));
    }

    /**
     * Whether the password matches the stored hash, compared in constant time.
     *
     * @throws IllegalArgumentException when the stored hash is not one px0 wrote
     * @throws dev.px0.http.ApiException {@code 503 server busy} when no hash slot frees up within the queue timeout
     */
    public boolean verify(String password, String encoded) {
        Matcher m = ENCODED.matcher(encoded);
        if (!m.matches()) {
            throw new IllegalArgumentException("stored password hash has an unknown format");
        }
        ScryptParams stored = new ScryptParams(Integer.parseInt(m.group(1)),
                                               Integer.parseInt(m.group(2)),
                                               Integer.parseInt(m.group(3)));
        byte[] salt = B64_DECODER.decode(m.group(4));
        byte[] expected = B64_DECODER.decode(m.group(5));
        byte[] actual = guarded(bytes(password), salt, stored);
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * Does the work of a verification against a hash that matches no password: the answer for an unknown account
     * then takes what a wrong password for a known account takes. Always false.
     */
    public boolean verifyDummy(String password) {
        verify(password, dummyHash);
        return false;
    }

    /**
     * Makes the dummy hash cost what most accounts cost: after a change of {@code PX0_SCRYPT_*}, stored hashes keep
     * their old parameters until their owner logs in, and an unknown email must cost what a wrong password for
     * those accounts costs. Called at start-up with the parameters most stored hashes have.
     */
    public void matchDummyTo(ScryptParams stored) {
        if (!stored.equals(dummyParams())) {
            dummyHash = noHash(stored);
        }
    }

    /** The parameters an unknown email is verified at (see {@link #matchDummyTo}). */
    public ScryptParams dummyParams() {
        return paramsOf(dummyHash).orElseThrow();
    }

    /** The parameters of a stored hash px0 wrote; empty for anything else. */
    public static java.util.Optional<ScryptParams> paramsOf(String encoded) {
        Matcher m = PREFIX.matcher(encoded == null ? "" : encoded);
        if (!m.lookingAt()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new ScryptParams(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                                                          Integer.parseInt(m.group(3))));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** Whether a stored hash was made with other parameters than the configured ones. */
    public boolean needsRehash(String encoded) {
        return !encoded.startsWith(prefix(params));
    }

    /** SCrypt computations made so far, for tests and metrics: never a password or a hash. */
    public long computations() {
        return computed.sum();
    }

    private byte[] guarded(byte[] password, byte[] salt, ScryptParams p) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(queueTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AuthErrors.serverBusy();
        }
        if (!acquired) {
            throw AuthErrors.serverBusy();
        }
        long start = System.nanoTime();
        Span span = tracer.spanBuilder("px0.password.hash")
                .setAttribute(SCRYPT_N, (long) p.n()).setAttribute(SCRYPT_R, (long) p.r()).setAttribute(SCRYPT_P, (long) p.p())
                .startSpan();
        try {
            computed.increment();
            return workers.submit(() -> scrypt(password, salt, p)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AuthErrors.serverBusy();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            span.end();
            duration.record((System.nanoTime() - start) / 1e9);
            slots.release();
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static byte[] scrypt(byte[] password, byte[] salt, ScryptParams p) {
        return SCrypt.generate(password, salt, p.n(), p.r(), p.p(), HASH_BYTES);
    }

    private byte[] salt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    private static byte[] bytes(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("password longer than " + MAX_PASSWORD_BYTES + " bytes");
        }
        return bytes;
    }

    private static String prefix(ScryptParams p) {
        return "$scrypt$ln=" + p.log2N() + ",r=" + p.r() + ",p=" + p.p() + "$";
    }

    private static String encode(ScryptParams p, byte[] salt, byte[] hash) {
        return prefix(p) + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }
}
