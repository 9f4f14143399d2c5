package dev.px0.cache;

import java.time.Duration;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Tells the caller when a change could not be announced to the other nodes: the answer then carries
 * {@code Px0-Propagation-Delay: <seconds>}, the longest time ({@code PX0_CACHE_TTL}) another node may still serve
 * what the change replaced (a deleted API key, a label's old version). The change itself is committed and in effect
 * on the node that answered. {@link NodeCaches#changed} marks the request's thread; this filter adds the header
 * just before the answer goes out. A request runs on one (virtual) thread from filter to answer.
 */
public final class Propagation implements Filter {

    public static final HeaderName HEADER = HeaderNames.create("Px0-Propagation-Delay");

    private static final ThreadLocal<Boolean> DELAYED = new ThreadLocal<>();

    private final String seconds;

    public Propagation(Duration cacheTtl) {
        this.seconds = Long.toString(Math.max(0, (cacheTtl.toMillis() + 999) / 1000));
    }

    /** Marks the current request: its change may take up to the cache TTL to reach the other nodes. */
    static void delayed() {
        DELAYED.set(Boolean.TRUE);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        DELAYED.remove();
        res.beforeSend(() -> {
            if (DELAYED.get() != null) {
                res.header(HEADER, seconds);
            }
        });
        try {
            chain.proceed();
        } finally {
            DELAYED.remove();
        }
    }
}
