package dev.px0.http;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads {@code Authorization: Bearer <token>}. px0 tokens are UUIDs, so anything else is refused before any
 * store is asked. The scheme is case-insensitive (RFC 9110); the token is returned in canonical lower case.
 */
public final class Bearer {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Bearer() {
    }

    /** Whether the request carries an Authorization header at all (a bad one included). */
    public static boolean present(ServerRequest req) {
        return req.headers().contains(HeaderNames.AUTHORIZATION);
    }

    /** The well-formed bearer token of the request, if it has one. */
    public static Optional<String> token(ServerRequest req) {
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
        String token = value.substring(space + 1).strip();
        return UUID.matcher(token).matches() ? Optional.of(token.toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
