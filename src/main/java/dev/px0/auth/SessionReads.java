package dev.px0.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The token check's Redis {@code GET}s, pipelined: the GETs of concurrent token checks go to Redis together, in one
 * write and one read on one connection, instead of a pooled connection, a write, a read and a park per check.
 * Each check is still its own {@code GET} of its own key, sent after the check began, so a token revoked a moment
 * before is refused; what is saved is the system calls and thread hand-offs around it (measured in README
 * "Token check against its bound").
 *
 * <p>A few platform threads ({@link #LOOPS}) each take what is queued (up to {@link #MAX_BATCH}), send it as one
 * pipeline and complete the waiting checks. A Redis failure fails every check of that batch with it (a 503 for
 * each, as before); a check waits at most twice the Redis timeout.
 */
final class SessionReads implements AutoCloseable {

    static final int LOOPS = 2;
    static final int MAX_BATCH = 256;

    private record Read(String key, CompletableFuture<String> value) {
    }

    private static final Read STOP = new Read("", null);

    private final UnifiedJedis redis;
    private final Duration timeout;
    private final LinkedBlockingQueue<Read> queue = new LinkedBlockingQueue<>();
    private final List<Thread> loops = new ArrayList<>();

    SessionReads(UnifiedJedis redis, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout.multipliedBy(2);
        for (int i = 0; i < LOOPS; i++) {
            loops.add(Thread.ofPlatform().daemon().name("px0-session-reads-", i).start(this::loop));
        }
    }

    /** The value of {@code key}, or null. Throws what Redis threw ({@link JedisConnectionException} on a timeout). */
    String get(String key) {
        CompletableFuture<String> value = new CompletableFuture<>();
        queue.add(new Read(key, value));
        try {
            return value.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new JedisConnectionException("no answer from Redis within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JedisConnectionException("interrupted while waiting for Redis");
        }
    }

    private void loop() {
        List<Read> batch = new ArrayList<>(MAX_BATCH);
        List<Response<String>> answers = new ArrayList<>(MAX_BATCH);
        while (true) {
            batch.clear();
            answers.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            int stops = 0;
            while (batch.remove(STOP)) {
                stops++;
            }
            for (int i = 1; i < stops; i++) {
                queue.add(STOP); // one for each loop
            }
            boolean stop = stops > 0;
            if (!batch.isEmpty()) {
                try (AbstractPipeline pipeline = redis.pipelined()) {
                    for (Read read : batch) {
                        answers.add(pipeline.get(read.key()));
                    }
                    pipeline.sync();
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).value().complete(answers.get(i).get());
                    }
                } catch (RuntimeException e) {
                    batch.forEach(read -> read.value().completeExceptionally(e));
                }
            }
            if (stop) {
                return;
            }
        }
    }

    @Override
    public void close() {
        loops.forEach(loop -> queue.add(STOP));
    }
}
