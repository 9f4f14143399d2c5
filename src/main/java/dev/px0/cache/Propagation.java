package dev.px0.cache;

import java.time.Duration;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * Whether a change reached the other nodes at once ({@link NodeCaches#changed} returns it). When its publish failed,
 * the answer carries {@code Px0-Propagation-Delay: <seconds>}, the longest time ({@code PX0_CACHE_TTL}) another node
 * may still serve what the change replaced (a deleted API key, a label's old version). The change itself is committed
 * and in effect on the node that answered.
 *
 * @param delayed whether the publish failed
 * @param upTo    how long other nodes may take to see the change, when it did
 */
public record Propagation(boolean delayed, Duration upTo) {

    public static final HeaderName HEADER = HeaderNames.create("Px0-Propagation-Delay");

    /** Published: every node drops what the change names at once. */
    public static final Propagation AT_ONCE = new Propagation(false, Duration.ZERO);

    /** Not published: other nodes see the change within {@code ttl}. */
    static Propagation within(Duration ttl) {
        return new Propagation(true, ttl);
    }

    /** Adds {@link #HEADER} to the answer when the change was not published. */
    public void tell(ServerResponse res) {
        if (delayed) {
            res.header(HEADER, Long.toString(Math.max(0, (upTo.toMillis() + 999) / 1000)));
        }
    }

    /** A service's result, and how the change it made reached the other nodes. */
    public record Changed<T>(T value, Propagation propagation) {
    }
}
