package dev.px0.client;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The prompts a client holds, compiled, by what they were asked by; fetched from px0 the first time, kept in the
 * snapshot file (if any) after every change, revalidated with their entity tags, and changed by the stream's events.
 * Thread-safe: reads are lock-free, changes are made under one lock.
 */
final class HeldPrompts {

    private static final System.Logger LOGGER = System.getLogger(Px0Client.class.getName());

    /** What a prompt was asked by: a label name, or a version number ({@code byVersion}). */
    record Key(String slug, String ref, boolean byVersion) {

        String describe() {
            return byVersion ? "version " + ref : "label " + ref;
        }
    }

    /** A held prompt and the version JSON it was compiled from. */
    record Held(Prompt prompt, JsonNode version) {
    }

    /** A first fetch: the prompt (held, unless it raced changes), or why px0 could not give it. */
    record Fetched(Prompt prompt, Fetcher.Failed failure) {
    }

    private final Fetcher fetcher;
    private final Snapshot snapshot;
    private final Telemetry telemetry;
    private final ConcurrentHashMap<Key, Held> held = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /** Bumped by every reconnect and purge; with {@link #promptChanges}: a fetch that raced a change is done again. */
    private final AtomicLong allChanges = new AtomicLong();
    /** Bumped by every event about one prompt, by slug. */
    private final ConcurrentHashMap<String, AtomicLong> promptChanges = new ConcurrentHashMap<>();
    private volatile boolean closed;

    HeldPrompts(Fetcher fetcher, Snapshot snapshot, Telemetry telemetry) {
        this.fetcher = fetcher;
        this.snapshot = snapshot;
        this.telemetry = telemetry;
    }

    /** What is held for {@code key}, or null. */
    Held held(Key key) {
        return held.get(key);
    }

    /**
     * Fetches {@code key} from px0 and holds it; a fetch that raced a change of its prompt is done again (up to five
     * times, then returned without being held).
     *
     * @throws PromptNotFoundException if px0 has no such prompt, label or version
     */
    Fetched fetch(Key key) {
        Prompt unheld = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = changes(key.slug());
            Fetcher.Result result = fetcher.fetch(key.slug(), key.ref(), null);
            if (result instanceof Fetcher.NotFound) {
                throw new PromptNotFoundException("prompt " + key.slug() + ", " + key.describe() + ": "
                                                  + ((Fetcher.NotFound) result).error());
            }
            if (result instanceof Fetcher.Failed) {
                return new Fetched(null, (Fetcher.Failed) result);
            }
            Fetcher.Found found = (Fetcher.Found) result;
            Prompt prompt = compile(key, found.version(), found.etag(), Prompt.Origin.PX0);
            synchronized (lock) {
                Held current = held.get(key);
                if (current != null) {
                    return new Fetched(current.prompt(), null);
                }
                if (changes(key.slug()) == before) {
                    held.put(key, new Held(prompt, found.version()));
                    saveSnapshot();
                    return new Fetched(prompt, null);
                }
            }
            // the prompt changed while this fetch was under way: fetch again (and do not hold a result that raced)
            unheld = prompt;
        }
        return new Fetched(unheld, null);
    }

    private long changes(String slug) {
        AtomicLong c = promptChanges.get(slug);
        return allChanges.get() + (c == null ? 0 : c.get());
    }

    private Prompt compile(Key key, JsonNode version, String etag, Prompt.Origin origin) {
        return Fetcher.prompt(key.slug(), key.byVersion() ? null : key.ref(), version, etag, origin, telemetry);
    }

    /** Holds what the snapshot file has (as not yet confirmed by px0). */
    void loadSnapshot() {
        if (snapshot == null) {
            return;
        }
        try {
            for (Snapshot.Entry e : snapshot.read()) {
                held.put(e.key(), new Held(compile(e.key(), e.version(), e.etag(), Prompt.Origin.SNAPSHOT), e.version()));
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not read the px0 snapshot " + snapshot.file() + ": " + e);
        }
    }

    /** Rewrites the snapshot file; call holding {@link #lock}. */
    private void saveSnapshot() {
        if (snapshot == null || closed) {
            return;
        }
        try {
            snapshot.write(held);
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Could not write the px0 snapshot " + snapshot.file() + ": " + e);
        }
    }

    /** The stream (re)connected or px0 purged: everything held may have changed; each is revalidated. */
    void revalidateAll() {
        allChanges.incrementAndGet();
        for (Key key : new ArrayList<>(held.keySet())) {
            revalidate(key);
        }
    }

    /** An event about {@code slug} arrived: a first fetch of it under way is done again. */
    void changing(String slug) {
        promptChanges.computeIfAbsent(slug, s -> new AtomicLong()).incrementAndGet();
    }

    /** Fetches what is held for {@code key} again (with its entity tag) and applies the answer. */
    private void revalidate(Key key) {
        Held h = held.get(key);
        if (h == null) {
            return;
        }
        Fetcher.Result result = fetcher.fetch(key.slug(), key.ref(), h.prompt().etag());
        synchronized (lock) {
            if (result instanceof Fetcher.Found) {
                Fetcher.Found found = (Fetcher.Found) result;
                held.put(key, new Held(compile(key, found.version(), found.etag(), Prompt.Origin.PX0), found.version()));
                saveSnapshot();
            } else if (result instanceof Fetcher.NotModified && h.prompt().origin() == Prompt.Origin.SNAPSHOT) {
                held.put(key, new Held(compile(key, h.version(), h.prompt().etag(), Prompt.Origin.PX0), h.version()));
            } else if (result instanceof Fetcher.NotFound) {
                held.remove(key);
                saveSnapshot();
            }
        }
    }

    /** {@code event: prompt}: a deleted prompt is dropped; a changed one is revalidated under each key held. */
    void promptChanged(String slug, boolean deleted) {
        if (deleted) {
            synchronized (lock) {
                if (held.keySet().removeIf(k -> k.slug().equals(slug))) {
                    saveSnapshot();
                }
            }
            return;
        }
        for (Key key : new ArrayList<>(held.keySet())) {
            if (key.slug().equals(slug)) {
                revalidate(key);
            }
        }
    }

    /** {@code event: label}: the label now points at {@code version} (null: deleted). */
    void labelMoved(String slug, String label, JsonNode version) {
        Key key = new Key(slug, label, false);
        Held h = held.get(key);
        if (h == null) {
            return;
        }
        if (version == null || version.isNull()) {
            synchronized (lock) {
                held.remove(key);
                saveSnapshot();
            }
            return;
        }
        if (h.prompt().version() == version.asInt() && h.prompt().origin() == Prompt.Origin.PX0) {
            return;
        }
        Held same = null; // the version held already (asked by number, or under another label): no fetch
        for (Map.Entry<Key, Held> e : held.entrySet()) {
            Held candidate = e.getValue();
            if (e.getKey().slug().equals(slug) && candidate.prompt().version() == version.asInt()
                    && candidate.prompt().origin() == Prompt.Origin.PX0 && candidate.version() != null) {
                same = candidate;
                break;
            }
        }
        if (same != null) {
            synchronized (lock) {
                held.put(key, new Held(same.prompt().as(label), same.version()));
                saveSnapshot();
            }
            return;
        }
        Fetcher.Result result = fetcher.fetch(slug, version.asText(), null);
        synchronized (lock) {
            if (result instanceof Fetcher.Found) {
                Fetcher.Found found = (Fetcher.Found) result;
                held.put(key, new Held(Fetcher.prompt(slug, label, found.version(), found.etag(), Prompt.Origin.PX0,
                                                      telemetry), found.version()));
                saveSnapshot();
            } else if (result instanceof Fetcher.NotFound) {
                held.remove(key);
                saveSnapshot();
            }
            // failed: keep serving what is held; the reconnect revalidates it
        }
    }

    /** Writes the snapshot no more. */
    void close() {
        closed = true;
    }
}
