package dev.px0.auth;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.px0.user.User;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import redis.clients.jedis.RedisClient;

/**
 * Bearer tokens in Redis.
 *
 * <ul>
 *     <li>A token is a random UUIDv4 ({@link UUID#randomUUID()} draws from {@code SecureRandom}).</li>
 *     <li>It is stored under {@code px0:session:{<tag>}:<sha256(token) in hex>}: a copy of Redis gives no usable
 *     token. The hex digest is also the session's id, and its first two hex digits are the tag.</li>
 *     <li>It is written with {@code SETEX}, so Redis drops it when the session TTL passes; nothing sweeps.</li>
 *     <li>The value is a snapshot of the user at login plus the expiry instant: checking a token is one Redis
 *     {@code GET} and no SQL. Code that changes a user must revoke or rewrite that user's sessions.</li>
 *     <li>{@code px0:user:{<tag>}:<id>:sessions} is a sorted set of the user's session ids scored by expiry, pruned
 *     of expired ids at every login and itself expiring with the newest session, so it never grows without bound.</li>
 * </ul>
 * Creating and revoking sessions are Lua scripts, so a session and its index entry change together or not at all.
 * On Redis Cluster a script's keys must share a hash slot, so every key of a user's sessions carries the user's
 * {@code {tag}}: the first two hex digits of SHA-256 of the user id (256 tags, spread over the cluster's slots). A
 * token check knows only the token, so the tag must follow from the token too: a login draws random UUIDs until one
 * whose session id starts with the user's tag (256 draws on average, well under a millisecond beside the password
 * hash). The token stays a uniformly random UUIDv4 among those of its tag.
 *
 * <p>The account's session generation is keyed by email (it is read before the user is known), so it lives in
 * another slot and is never in a script with the sessions. Its order makes up for that: a login writes its session
 * and index entry first and only then checks the generation (deleting the session it made when it moved), while
 * revoking all sessions moves the generation first and only then deletes what the index lists. Either the login
 * sees the new generation, or its session is in the index when the revocation reads it.
 */
final class TokenStore implements AutoCloseable {

    static final String SESSION_PREFIX = "px0:session:";

    private static final String ISSUE = """
            redis.call('SETEX', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[5])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
            local ttl = tonumber(ARGV[1]) * 1000
            if redis.call('PTTL', KEYS[2]) < ttl then
              redis.call('PEXPIRE', KEYS[2], ttl)
            end
            return 1
            """;

    private static final String REVOKE_ONE = """
            if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then
              return 0
            end
            redis.call('DEL', KEYS[2])
            return 1
            """;

    /** Session keys are built from the index here: they share its tag (see {@link #sessionKey}). */
    private static final String REVOKE_ALL = """
            for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              if id ~= ARGV[2] then
                redis.call('DEL', ARGV[1] .. '{' .. string.sub(id, 1, 2) .. '}:' .. id)
                redis.call('ZREM', KEYS[1], id)
              end
            end
            return 1
            """;

    private static final String NEXT_GENERATION = """
            redis.call('INCR', KEYS[1])
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            return 1
            """;

    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final RedisClient redis;
    private final Duration ttl;
    private final Clock clock;
    private final SessionReads reads;

    TokenStore(RedisClient redis, Duration ttl, Clock clock) {
        this(redis, ttl, clock, Duration.ofSeconds(1), true);
    }

    /**
     * With the Redis timeout ({@code PX0_REDIS_TIMEOUT}): a token check waits at most twice as long for Redis.
     * {@code pipelined}: token checks share pipelines ({@link SessionReads}); false on Redis Cluster, where one
     * connection's pipeline cannot follow keys to their nodes, so each check is a GET of its own.
     */
    TokenStore(RedisClient redis, Duration ttl, Clock clock, Duration redisTimeout, boolean pipelined) {
        this.redis = redis;
        this.ttl = ttl;
        this.clock = clock;
        this.reads = pipelined ? new SessionReads(redis, redisTimeout) : null;
    }

    /** Stops the threads that pipeline token checks. */
    @Override
    public void close() {
        if (reads != null) {
            reads.close();
        }
    }

    /** A token as handed to its owner, shown once. */
    public record IssuedToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[token=<hidden>, expiresAt=" + expiresAt + "]";
        }
    }

    /** A live session as its owner may see it: never the token. */
    public record SessionInfo(String id, Instant createdAt, Instant expiresAt, String userAgent, String ip) {
    }

    /**
     * The account's session generation: read before a password check and handed to {@link #issue}, so that a login
     * racing a password reset, change or account deletion cannot create a session after those revoked them all.
     */
    public long generation(String email) {
        String value = redis.get(generationKey(email));
        return value == null ? 0 : Long.parseLong(value);
    }

    /**
     * Creates a session for the user, unless the account's sessions were revoked since {@code generation} was
     * read; it dies by itself after the session TTL. {@code userAgent} and {@code ip} describe the client for the
     * owner's session list (empty strings when unknown).
     */
    public Optional<IssuedToken> issue(User user, String userAgent, String ip, long generation) {
        String tag = tag(user.id());
        String token;
        String id;
        do {
            token = UUID.randomUUID().toString();
            id = sessionId(token);
        } while (!id.startsWith(tag));
        Instant exact = clock.instant();
        Instant now = exact.truncatedTo(ChronoUnit.SECONDS);
        // expires_at is in whole seconds: rounded up, so the token lives its full TTL (never a second less), and the
        // key is kept that extra fraction too
        boolean roundedUp = !now.equals(exact);
        Instant expiresAt = now.plus(ttl).plusSeconds(roundedUp ? 1 : 0);
        String value = BUILDERS.createObjectBuilder()
                .add("user_id", user.id().toString())
                .add("email", user.email())
                .add("is_verified", user.verified())
                .add("is_admin", user.admin())
                .add("created_at", user.createdAt().getEpochSecond())
                .add("issued_at", now.getEpochSecond())
                .add("expires_at", expiresAt.getEpochSecond())
                .add("user_agent", userAgent)
                .add("ip", ip)
                .build()
                .toString();
        redis.eval(ISSUE, List.of(sessionKey(id), indexKey(user.id())),
                   List.of(Long.toString(ttl.toSeconds() + (roundedUp ? 1 : 0)),
                           value,
                           Long.toString(expiresAt.toEpochMilli()),
                           Long.toString(now.toEpochMilli()),
                           id));
        if (generation(user.email()) != generation) { // after the write: see the class comment
            revoke(user.id(), id);
            return Optional.empty();
        }
        return Optional.of(new IssuedToken(token, expiresAt));
    }

    /**
     * The caller behind a live token; empty when the token is unknown, revoked or expired. One Redis GET, pipelined
     * with the GETs of concurrent checks ({@link SessionReads}).
     */
    public Optional<Caller> callerOf(String token) {
        String id = sessionId(token);
        JsonObject session = live(reads == null ? redis.get(sessionKey(id)) : reads.get(sessionKey(id)));
        if (session == null) {
            return Optional.empty();
        }
        return Optional.of(new Caller(new User(UUID.fromString(session.getString("user_id")),
                                               session.getString("email"),
                                               session.getBoolean("is_verified"),
                                               session.getBoolean("is_admin"),
                                               Instant.ofEpochSecond(session.getJsonNumber("created_at").longValue())),
                                      id));
    }

    /** The user's live sessions, newest first. Expired ones are gone by themselves. */
    public List<SessionInfo> sessions(UUID userId) {
        List<String> ids = redis.zrangeByScore(indexKey(userId), Long.toString(clock.millis()), "+inf");
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> values = redis.mget(ids.stream().map(TokenStore::sessionKey).toArray(String[]::new)); // one slot
        List<SessionInfo> sessions = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonObject session = live(values.get(i));
            if (session != null) {
                sessions.add(new SessionInfo(ids.get(i),
                                             Instant.ofEpochSecond(session.getJsonNumber("issued_at").longValue()),
                                             Instant.ofEpochSecond(session.getJsonNumber("expires_at").longValue()),
                                             session.getString("user_agent", ""),
                                             session.getString("ip", "")));
            }
        }
        sessions.sort(Comparator.comparing(SessionInfo::createdAt).reversed().thenComparing(SessionInfo::id));
        return sessions;
    }

    /** Ends one session of the user; false when the user has no such session. */
    public boolean revoke(UUID userId, String sessionId) {
        if (!sessionId.startsWith(tag(userId))) {
            return false; // not one of this user's sessions (and a key in another slot)
        }
        return ((Long) redis.eval(REVOKE_ONE, List.of(indexKey(userId), sessionKey(sessionId)), List.of(sessionId))) == 1L;
    }

    /**
     * Ends every session of the user but {@code keepSessionId} (null: all of them), at once for every node, and
     * moves the account to a new session generation (see {@link #generation}).
     */
    public void revokeAll(User user, String keepSessionId) {
        redis.eval(NEXT_GENERATION, List.of(generationKey(user.email())), List.of(Long.toString(ttl.toSeconds())));
        redis.eval(REVOKE_ALL, List.of(indexKey(user.id())),
                   List.of(SESSION_PREFIX, keepSessionId == null ? "" : keepSessionId));
    }

    /** Ends the session of this token at once, for every node; nothing happens when it is not live. */
    public void revoke(String token) {
        String id = sessionId(token);
        String value = redis.getDel(sessionKey(id));
        JsonObject session = value == null ? null : parse(value);
        if (session != null) {
            redis.zrem(indexKey(UUID.fromString(session.getString("user_id"))), id);
        }
    }

    /** The session id of a token: hex SHA-256, which is also its Redis key suffix. */
    static String sessionId(String token) {
        return Sha256.hex(token);
    }

    private static String generationKey(String email) {
        return "px0:session-generation:" + Sha256.hex(email.toLowerCase(java.util.Locale.ROOT));
    }

    static String indexKey(UUID userId) {
        return "px0:user:{" + tag(userId) + "}:" + userId + ":sessions";
    }

    /** Where a session lives: tagged by the first two hex digits of its id, which are its user's tag. */
    static String sessionKey(String sessionId) {
        return SESSION_PREFIX + "{" + sessionId.substring(0, 2) + "}:" + sessionId;
    }

    /** The hash tag of a user's session keys: the first two hex digits of SHA-256 of the user id. */
    static String tag(UUID userId) {
        return Sha256.hex(userId.toString()).substring(0, 2);
    }

    /** The session JSON when present, readable and not past its expiry; else null. */
    private JsonObject live(String value) {
        JsonObject session = value == null ? null : parse(value);
        if (session == null || clock.instant().getEpochSecond() >= session.getJsonNumber("expires_at").longValue()) {
            return null;
        }
        return session;
    }

    private static JsonObject parse(String value) {
        try (JsonReader reader = READERS.createReader(new StringReader(value))) {
            return reader.readObject();
        } catch (JsonException | ClassCastException e) {
            return null;
        }
    }
}
