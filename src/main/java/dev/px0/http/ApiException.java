package dev.px0.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * px0's one error type: every refusal, whichever feature makes it, is an {@code ApiException} with a status, the exact
 * lower-case message the client sees as {@code {"error": message}}, and optionally more members of that body (such as
 * {@code "missing": [...]}) and headers (such as {@code Retry-After}). One error handler ({@link HttpErrors#register})
 * answers it. Cheap: no stack trace, since it is control flow, not a bug. Features name their refusals with the
 * factories below, or with factories of their own that return one.
 */
public final class ApiException extends RuntimeException {

    /** 422 as RFC 9110 names it (Helidon's constant says "Unprocessable Entity"). */
    public static final Status UNPROCESSABLE_CONTENT = Status.create(422, "Unprocessable Content");

    private static final Header RETRY_NOW = HeaderValues.createCached(HeaderNames.RETRY_AFTER, "1");

    private final Status status;
    private final Map<String, JsonValue> members;
    private final List<Header> headers;

    public ApiException(Status status, String message) {
        this(status, message, Map.of(), List.of());
    }

    private ApiException(Status status, String message, Map<String, JsonValue> members, List<Header> headers) {
        super(message, null, false, false);
        this.status = status;
        this.members = members;
        this.headers = headers;
    }

    /** This refusal with one more member in its body, after {@code error}. */
    public ApiException with(String name, JsonValue value) {
        Map<String, JsonValue> more = new LinkedHashMap<>(members);
        more.put(name, value);
        return new ApiException(status, getMessage(), Collections.unmodifiableMap(more), headers); // in order
    }

    /** This refusal with one more header. */
    public ApiException withHeader(Header header) {
        List<Header> more = new ArrayList<>(headers);
        more.add(header);
        return new ApiException(status, getMessage(), members, List.copyOf(more));
    }

    public Status status() {
        return status;
    }

    /** The members of the body after {@code error}; usually none. */
    public Map<String, JsonValue> members() {
        return members;
    }

    public List<Header> headers() {
        return headers;
    }

    /** Sends this refusal: its headers, then {@code {"error": message, ...members}} with its status. */
    void send(ServerResponse res) {
        headers.forEach(res::header);
        JsonObjectBuilder body = JsonResponses.object().add("error", getMessage());
        members.forEach(body::add);
        JsonResponses.send(res, status, body.build());
    }

    /** {@code 400 invalid request body}. */
    public static ApiException invalidRequestBody() {
        return badRequest("invalid request body");
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Status.BAD_REQUEST_400, message);
    }

    public static ApiException unauthorized() {
        return new ApiException(Status.UNAUTHORIZED_401, "unauthorized");
    }

    /** {@code 403 forbidden}. */
    public static ApiException forbidden() {
        return new ApiException(Status.FORBIDDEN_403, "forbidden");
    }

    public static ApiException notFound(String message) {
        return new ApiException(Status.NOT_FOUND_404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(Status.CONFLICT_409, message);
    }

    /** 429 with {@code Retry-After}: the wait in whole seconds, rounded up, at least 1. */
    public static ApiException tooManyRequests(String message, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiException(Status.TOO_MANY_REQUESTS_429, message)
                .withHeader(HeaderValues.create(HeaderNames.RETRY_AFTER, Long.toString(seconds)));
    }

    /** 503 with {@code Retry-After: 1}: the node cannot serve this now, and may in a moment. */
    public static ApiException unavailable(String message) {
        return new ApiException(Status.SERVICE_UNAVAILABLE_503, message).withHeader(RETRY_NOW);
    }

}
