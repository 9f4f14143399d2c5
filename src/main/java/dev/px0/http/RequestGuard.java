package dev.px0.http;

import io.helidon.http.Header;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The edge: before any route runs, the path, the query and the header values are checked once, for every route.
 * A path or query that is not valid percent-encoded UTF-8, or that decodes to a control character (NUL, a line
 * break...), and a header value with a control character other than tab, get {@code 400} naming what is wrong, so
 * no handler, store or log line ever sees such a value. Bodies are checked where they are parsed ({@link JsonBody}).
 */
public final class RequestGuard implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String problem = problem(req.path().rawPath(), req.query().rawValue());
        if (problem == null) {
            for (Header header : req.headers()) {
                if (badHeaderValue(header.get())) {
                    problem = "invalid header " + header.name().toLowerCase(java.util.Locale.ROOT) + ": control characters are not allowed";
                    break;
                }
            }
        }
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

    /** Header values travel as ISO-8859-1 bytes: UTF-8 text shows up as 0x80-0xff, which is allowed; C0 and DEL are not. */
    private static boolean badHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
