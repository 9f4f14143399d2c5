package dev.px0.client;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Where a prompt is served from: memory (what px0 gave, or the snapshot's prompts until px0 confirms them), else px0,
 * else the fallback. While the change stream is down, px0 is known to be unreachable and a prompt that only its fallback knows
 * is served from it at once, with no network wait; once the stream is back, such prompts are fetched again.
 * Every serve while px0 is away counts in the metric {@code px0.client.stale_serves} and logs one WARN per source and
 * episode (an episode ends when the stream is connected again).
 */
final class Availability {

    private static final System.Logger LOGGER = System.getLogger(Px0Client.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");

    private final HeldPrompts store;
    private final Map<String, Prompt> fallbacks;
    private final Telemetry telemetry;
    /** The sources already warned about in this episode. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    /** The keys served from their fallback: fetched again when the stream is back. */
    private final Set<HeldPrompts.Key> fellBack = ConcurrentHashMap.newKeySet();
    /** Since the stream was lost (or failed to open) and until it is ready again. */
    private volatile boolean away;

    Availability(HeldPrompts store, Map<String, Prompt> fallbacks, Telemetry telemetry) {
        this.store = store;
        this.fallbacks = Map.copyOf(fallbacks);
        this.telemetry = telemetry;
    }

    /** The prompt for {@code key}, from the first source that knows it. */
    Prompt serve(HeldPrompts.Key key) {
        HeldPrompts.Held h = store.held(key);
        if (h != null) {
            if (h.prompt().origin() == Prompt.Origin.SNAPSHOT) {
                served("snapshot", key); // not confirmed by px0 yet
            } else if (away) {
                served("memory", key);
            }
            return h.prompt();
        }
        if (!NAME.matcher(key.slug()).matches() || !NAME.matcher(key.ref()).matches()
                || key.byVersion() && !key.ref().matches("[1-9][0-9]{0,8}")) {
            throw new PromptNotFoundException("prompt " + key.slug() + " has no " + key.describe());
        }
        Prompt fallback = fallbacks.get(key.slug());
        if (fallback != null && away) {
            return fallback(key, fallback); // px0 is known to be unreachable: no network wait
        }
        HeldPrompts.Fetched fetched = store.fetch(key);
        if (fetched.prompt() != null) {
            return fetched.prompt();
        }
        if (fallback != null) {
            return fallback(key, fallback);
        }
        Fetcher.Failed failure = fetched.failure();
        if (failure.keyRefused()) {
            throw new Px0UnavailableException(failure.reason() + ": prompt " + key.slug() + " cannot be fetched with"
                                              + " this API key, and no snapshot or fallback knows it");
        }
        throw new Px0UnavailableException("px0 could not be reached for prompt " + key.slug() + " (" + failure.reason()
                                          + ") and no snapshot or fallback knows it");
    }

    private Prompt fallback(HeldPrompts.Key key, Prompt fallback) {
        fellBack.add(key);
        served("fallback", key);
        return key.byVersion() ? fallback : fallback.as(key.ref());
    }

    /** A prompt served while px0 is away: counted, and logged once per episode for each source. */
    private void served(String source, HeldPrompts.Key key) {
        telemetry.stale(source);
        if (warned.add(source)) {
            LOGGER.log(Level.WARNING, (source.equals("snapshot") ? "px0 has not confirmed the snapshot yet" : "px0 cannot be reached")
                    + ": serving " + key.slug() + " (" + key.describe() + ") from " + source
                    + "; further prompts are served the same way until px0 is back");
        }
    }

    /** The stream is lost (or could not be opened): px0 is away until it is ready again. */
    void lost(String reason, boolean closed) {
        away = true;
        if (!closed && warned.add("stream")) {
            LOGGER.log(Level.WARNING, "px0 change stream lost (" + reason + "); serving the prompts held in memory"
                    + " until it reconnects");
        }
    }

    /**
     * The stream is ready again: the episode ends. Returns the keys served from their fallback meanwhile, which the
     * caller fetches again (if that fails, the next {@code prompt(...)} asks px0 itself).
     */
    List<HeldPrompts.Key> back() {
        away = false;
        boolean episode = !warned.isEmpty();
        warned.clear();
        if (episode) {
            LOGGER.log(Level.INFO, "px0 change stream connected again; prompts are current");
        }
        List<HeldPrompts.Key> keys = new ArrayList<>(fellBack);
        fellBack.removeAll(keys);
        return keys;
    }
}
