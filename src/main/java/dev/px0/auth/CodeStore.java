package dev.px0.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import redis.clients.jedis.RedisClient;

/**
 * One-time 6-digit codes sent by email (email verification, password reset), and the limit on how often codes
 * may be sent to one address.
 *
 * <ul>
 *     <li>A code lives in Redis under a key derived from SHA-256 of the purpose and the lower-cased email, written
 *     with {@code SETEX} (15 minutes); a new code replaces the previous one.</li>
 *     <li>Redis holds only SHA-256 of purpose, email and code. (No hash protects a 6-digit code from a copy of Redis:
 *     a million guesses are cheap. Its protection is the short TTL and the try limit.)</li>
 *     <li>At most 5 wrong tries per code: the fifth wrong one deletes it.</li>
 *     <li>At most 5 sends an hour to one address, counted for unknown addresses too, so the limit reveals
 *     nothing about which accounts exist.</li>
 * </ul>
 */
final class CodeStore {

    /** What a code is for; each purpose has its own code per address. */
    public enum Purpose {
        VERIFY_EMAIL("verify-email"),
        PASSWORD_RESET("password-reset");

        private final String key;

        Purpose(String key) {
            this.key = key;
        }
    }

    public static final Duration CODE_TTL = Duration.ofMinutes(15);
    public static final int MAX_TRIES = 5;
    public static final int MAX_SENDS_PER_HOUR = 5;

    private static final String ISSUE = """
            redis.call('SETEX', KEYS[1], ARGV[1], ARGV[2])
            redis.call('DEL', KEYS[2])
            return 1
            """;

    private static final String CHECK = """
            local stored = redis.call('GET', KEYS[1])
            if not stored then
              return 0
            end
            if stored == ARGV[1] then
              redis.call('DEL', KEYS[1], KEYS[2])
              return 1
            end
            local tries = redis.call('INCR', KEYS[2])
            if tries == 1 then
              redis.call('PEXPIRE', KEYS[2], math.max(redis.call('PTTL', KEYS[1]), 1))
            end
            if tries >= tonumber(ARGV[2]) then
              redis.call('DEL', KEYS[1], KEYS[2])
            end
            return 0
            """;

    private final RedisClient redis;
    private final SecureRandom random = new SecureRandom();

    CodeStore(RedisClient redis) {
        this.redis = redis;
    }

    /** A new code for this purpose and address, replacing any earlier one. */
    public String issue(Purpose purpose, String email) {
        String code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
        redis.eval(ISSUE, List.of(codeKey(purpose, email), triesKey(purpose, email)),
                   List.of(Long.toString(CODE_TTL.toSeconds()), codeHash(purpose, email, code)));
        return code;
    }

    /** Whether the code is the live one for this purpose and address; a right code is used up. */
    public boolean check(Purpose purpose, String email, String code) {
        Object matched = redis.eval(CHECK, List.of(codeKey(purpose, email), triesKey(purpose, email)),
                                    List.of(codeHash(purpose, email, code), Integer.toString(MAX_TRIES)));
        return Long.valueOf(1L).equals(matched);
    }

    /**
     * Counts one send of a code to this address. Empty when it may go; otherwise how long until the hour's
     * allowance frees up.
     */
    public Optional<Duration> countSend(String email) {
        return FixedWindow.count(redis, "px0:code-sends:" + Sha256.hex(normalize(email)), Duration.ofHours(1),
                                 MAX_SENDS_PER_HOUR);
    }

    private static String codeKey(Purpose purpose, String email) {
        return "px0:code:" + Sha256.hex(purpose.key + ":" + normalize(email));
    }

    /** {@code {<code key>}:tries}: the whole code key is its hash tag, so both share a slot on Redis Cluster. */
    private static String triesKey(Purpose purpose, String email) {
        return "{" + codeKey(purpose, email) + "}:tries";
    }

    private static String codeHash(Purpose purpose, String email, String code) {
        return Sha256.hex(purpose.key + ":" + normalize(email) + ":" + code);
    }

    private static String normalize(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
