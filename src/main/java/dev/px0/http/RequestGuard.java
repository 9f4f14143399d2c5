package dev.px0.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The edge: before any route runs, the path and the query are checked once, for every route.
 * A path or query that is not valid percent-encoded UTF-8, or that decodes to a control character (NUL, a line
 * break...) gets {@code 400} naming what is wrong, so no handler, store or log line ever sees such a value. Header
 * values with control characters never get this far: Helidon's parser refuses them ({@code 400 bad request}).
 * Bodies are checked where they are parsed ({@link JsonBody}).
 */
public final class RequestGuard implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String problem = problem(req.path().rawPath(), req.query().rawValue());
        if (problem != null) {
            JsonResponses.error(res, Status.BAD_REQUEST_400, problem);
            return;
        }
        chain.proceed();
    }

    /** What is wrong with a raw path and query, or null. */
    static String problem(String rawPath, String rawQuery) {
        String path = Text.percentDecode(rawPath, false);
        if (path == null) {
            return "invalid path: bad percent-encoding";
        }
        if (Text.hasControl(path)) {
            return "invalid path: control characters are not allowed";
        }
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (String pair : rawQuery.split("&", -1)) {
            String decoded = Text.percentDecode(pair, true);
            if (decoded == null) {
                return "invalid query: bad percent-encoding";
            }
            if (Text.hasControl(decoded)) {
                return "invalid query: control characters are not allowed";
            }
        }
        return null;
    }
}
