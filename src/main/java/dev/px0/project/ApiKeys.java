package dev.px0.project;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import dev.px0.auth.Sha256;
import dev.px0.cache.NodeCache;
import dev.px0.cache.NodeCaches;
import dev.px0.cache.Propagation;
import dev.px0.change.Change;
import dev.px0.http.ApiException;
import dev.px0.store.Rows;

/**
 * API keys: {@code px0_} and 43 base64url characters (256 random bits). Only the SHA-256 of a key is stored; a key
 * is found by its hash through the node's cache, so a known key costs no SQL and no Redis call. Deleting a key
 * publishes an invalidation, and every node forgets it. Uses are recorded off the request path, at most once a
 * minute per key and node (and once a minute per key in the database).
 */
final class ApiKeys implements AutoCloseable {

    public static final String PREFIX = "px0_";
    private static final Pattern FORMAT = Pattern.compile("px0_[A-Za-z0-9_-]{43}");
    private static final int SHOWN = 12;
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final System.Logger LOGGER = System.getLogger(ApiKeys.class.getName());

    private final ApiKeyStore store;
    private final ProjectStore projects;
    private final NodeCaches caches;
    private final NodeCache<String, ApiKeyStore.Found> cache;
    private final SecureRandom random = new SecureRandom();
    private final Map<UUID, Long> lastTouched = new ConcurrentHashMap<>();
    private final ExecutorService toucher = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("px0-api-key-use").factory());

    ApiKeys(ApiKeyStore store, ProjectStore projects, NodeCaches caches) {
        this.store = store;
        this.projects = projects;
        this.caches = caches;
        this.cache = caches.create("api_keys", 100_000, (k, v) -> 1, true,
                                   (change, key, found) -> change instanceof Change.ApiKey k
                                           && k.keyId().equals(found.keyId()));
    }

    /** A new key and its secret, which is never shown again. */
    public record Created(ApiKey key, String secret) {
        @Override
        public String toString() {
            return "Created[key=" + key + ", secret=<hidden>]";
        }
    }

    public Created create(Project.Access access, String name, ApiKey.Scope scope) {
        if (name.isBlank() || name.length() > 200) {
            throw ApiException.badRequest("invalid api key name");
        }
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        UUID projectId = access.project().id();
        ApiKey key = Rows.inTransaction(projects.db(), tx -> {
            ApiKey created = store.insert(tx, projectId, name, scope, secret.substring(0, SHOWN), Sha256.hex(secret),
                                          access.actor());
            projects.audit(tx, access, "api_key.create", "api_key:" + created.id(), null,
                           ProjectService.Json.object("name", name, "scope", scope.text()));
            return created;
        });
        return new Created(key, secret);
    }

    public List<ApiKey> list(Project.Access access) {
        return store.list(access.project().id());
    }

    /** Deletes the key; every node refuses it from the moment this returns (this one) or the event arrives (others). */
    public Propagation delete(Project.Access access, UUID id) {
        ApiKey deleted = Rows.inTransaction(projects.db(), tx -> {
            ApiKey key = store.delete(tx, access.project().id(), id)
                    .orElseThrow(() -> ApiException.notFound("api key not found"));
            projects.audit(tx, access, "api_key.delete", "api_key:" + key.id(),
                           ProjectService.Json.object("name", key.name(), "scope", key.scope().text()), null);
            return key;
        });
        Propagation propagation = caches.changed(new Change.ApiKey(deleted.id()));
        lastTouched.remove(deleted.id());
        return propagation;
    }

    /** Whether the text has the shape of a px0 API key (anything else is refused before any lookup). */
    private static boolean looksLikeKey(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    /** The key's principal, or empty for an unknown or deleted key. */
    public Optional<Principal.Key> authenticate(String secret) {
        if (!looksLikeKey(secret)) {
            return Optional.empty();
        }
        ApiKeyStore.Found found = cache.get(Sha256.hex(secret), sha -> store.find(sha).orElse(null));
        if (found == null) {
            return Optional.empty();
        }
        touch(found.keyId());
        return Optional.of(new Principal.Key(found.keyId(), found.project(), found.scope()));
    }

    private void touch(UUID id) {
        long now = System.nanoTime();
        Long before = lastTouched.get(id);
        if (before != null && now - before < TOUCH_EVERY.toNanos()) {
            return;
        }
        if (before == null ? lastTouched.putIfAbsent(id, now) != null : !lastTouched.replace(id, before, now)) {
            return; // another request of this key records it
        }
        toucher.execute(() -> {
            try {
                store.touch(id);
            } catch (RuntimeException e) {
                LOGGER.log(Level.DEBUG, "Could not record an API key use: " + e);
                lastTouched.remove(id);
            }
        });
    }

    @Override
    public void close() {
        toucher.shutdown();
    }
}
