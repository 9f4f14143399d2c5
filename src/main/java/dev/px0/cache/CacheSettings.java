package dev.px0.cache;

import java.time.Duration;

import dev.px0.config.Section;

import io.helidon.config.Config;

/**
 * The node caches' settings ({@code px0.cache}): {@code ttl}, the longest life of a cached label or API key should an
 * invalidation be lost ({@code PT0S} turns the caches off); {@code heartbeat}, how often the invalidation channel is
 * pinged.
 */
public record CacheSettings(Duration ttl, Duration heartbeat) {

    /** Reads and checks {@code px0.cache}. */
    public static CacheSettings from(Config cache) {
        Section in = new Section(cache);
        return new CacheSettings(
                in.read("ttl", s -> Section.duration(s, Duration.ZERO), "an ISO-8601 duration such as PT60S (PT0S turns the caches off)"),
                in.read("heartbeat", s -> Section.duration(s, Duration.ofMillis(100)),
                        "an ISO-8601 duration of at least PT0.1S, such as PT5S"));
    }
}
