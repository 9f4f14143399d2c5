package dev.px0.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import redis.clients.jedis.RedisClient;

/**
 * Brute-force protection for login (OWASP Authentication Cheat Sheet, ASVS 5 V6.3), kept in Redis so every node
 * shares it:
 * <ul>
 *     <li>per account: failed logins counted with {@code INCR} in a window that starts at the first failure
 *     ({@code EXPIRE}); past {@code PX0_LOGIN_MAX_FAILURES} the email is refused until the window passes. Unknown
 *     emails are counted exactly like known ones, so the lock reveals nothing. A successful login (or a password
 *     reset) clears the count.</li>
 *     <li>per client address: at most {@code PX0_LOGIN_IP_LIMIT} login attempts a minute, whatever the emails.</li>
 * </ul>
 * Keys hold a SHA-256 of the email, never the email itself.
 */
final class LoginThrottle {

    private static final String LOCKED = """
            local n = tonumber(redis.call('GET', KEYS[1]) or '0')
            if n >= tonumber(ARGV[1]) then
              return math.max(redis.call('PTTL', KEYS[1]), 1)
            end
            return -1
            """;

    private final RedisClient redis;
    private final int maxFailures;
    private final Duration window;
    private final int ipLimitPerMinute;

    LoginThrottle(RedisClient redis, int maxFailures, Duration window, int ipLimitPerMinute) {
        this.redis = redis;
        this.maxFailures = maxFailures;
        this.window = window;
        this.ipLimitPerMinute = ipLimitPerMinute;
    }

    /** Counts one login attempt from this address; how long to wait when it is over the limit. */
    public Optional<Duration> countAttemptFrom(String ip) {
        return FixedWindow.count(redis, "px0:login-ip:" + ip, Duration.ofMinutes(1), ipLimitPerMinute);
    }

    /** How long this email stays locked, when it is. */
    public Optional<Duration> lockOf(String email) {
        return wait(redis.eval(LOCKED, List.of(accountKey(email)), List.of(Integer.toString(maxFailures))));
    }

    /** Counts a failed login for this email (known or not). */
    public void recordFailure(String email) {
        FixedWindow.count(redis, accountKey(email), window, Long.MAX_VALUE);
    }

    /** Forgets the failures of this email. */
    public void clear(String email) {
        redis.del(accountKey(email));
    }

    private static Optional<Duration> wait(Object millis) {
        long ms = (Long) millis;
        return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
    }

    private static String accountKey(String email) {
        return "px0:login-failures:" + Sha256.hex(email.toLowerCase(Locale.ROOT));
    }
}
