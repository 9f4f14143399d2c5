package dev.px0.events;

import java.time.Duration;

import dev.px0.config.Section;

import io.helidon.config.Config;

/**
 * The change streams' settings ({@code px0.events}): how often an idle stream sends a comment, and how many streams
 * may be open at once on a node.
 */
public record EventSettings(Duration heartbeat, int maxConnections) {

    /** Reads and checks {@code px0.events}. */
    public static EventSettings from(Config events) {
        Section in = new Section(events);
        return new EventSettings(
                in.read("heartbeat", s -> Section.duration(s, Duration.ofMillis(100)),
                        "an ISO-8601 duration of at least PT0.1S, such as PT15S"),
                in.read("max.connections", s -> Section.intIn(s, 1, 1_000_000), "a whole number from 1 to 1000000"));
    }
}
