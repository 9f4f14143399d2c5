package dev.px0.http;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads credentials: {@code Authorization: Bearer <token>} for sessions (UUIDs: anything else is refused before any
 * store is asked; returned in canonical lower case), and API keys, sent as {@code X-API-Key: px0_…} or
 * {@code Authorization: Bearer px0_…}. The scheme is case-insensitive (RFC 9110).
 */
public final class Bearer {

    public static final HeaderName X_API_KEY = HeaderNames.create("X-API-Key");
    private static final String KEY_PREFIX = "px0_";
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Bearer() {
    }

    /** Whether the request carries an Authorization header at all (a bad one included). */
    public static boolean present(ServerRequest req) {
        return req.headers().contains(HeaderNames.AUTHORIZATION);
    }

    /** The well-formed session token of the request, if it has one. */
    public static Optional<String> token(ServerRequest req) {
        return credential(req).filter(token -> UUID.matcher(token).matches()).map(token -> token.toLowerCase(Locale.ROOT));
    }

    /**
     * The API key of the request, if it presents one (unchecked: the caller verifies it). A request with both
     * {@code X-API-Key} and {@code Authorization}, or with several keys, presents an empty one, which no key matches.
     */
    public static Optional<String> apiKey(ServerRequest req) {
        if (req.headers().contains(X_API_KEY)) {
            var values = req.headers().get(X_API_KEY).allValues();
            return Optional.of(values.size() == 1 && !present(req) ? values.getFirst().strip() : "");
        }
        return credential(req).filter(token -> token.startsWith(KEY_PREFIX));
    }

    private static Optional<String> credential(ServerRequest req) {
        if (!req.headers().contains(HeaderNames.AUTHORIZATION)) {
            return Optional.empty();
        }
        var values = req.headers().get(HeaderNames.AUTHORIZATION).allValues();
        if (values.size() != 1) {
            return Optional.empty();
        }
        String value = values.getFirst().strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Optional.empty();
        }
        return Optional.of(value.substring(space + 1).strip());
    }
}
