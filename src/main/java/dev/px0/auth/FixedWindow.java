package dev.px0.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import redis.clients.jedis.RedisClient;

/**
 * A fixed-window counter in Redis ({@code INCR}, and an expiry set at the first hit), shared by every node: the
 * mechanism behind the login limits and the code-send limit.
 */
final class FixedWindow {

    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            if n > tonumber(ARGV[2]) then
              return math.max(redis.call('PTTL', KEYS[1]), 1)
            end
            return -1
            """;

    private FixedWindow() {
    }

    /** Counts one hit on the key; empty while within {@code limit}, else how long until the window ends. */
    static Optional<Duration> count(RedisClient redis, String key, Duration window, long limit) {
        long wait = (Long) redis.eval(COUNT, List.of(key), List.of(Long.toString(window.toMillis()), Long.toString(limit)));
        return wait < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
    }
}
