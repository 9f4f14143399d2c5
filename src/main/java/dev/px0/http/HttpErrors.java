package dev.px0.http;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Every error px0 sends is {@code {"error": "<lower-case message>"}} with {@code Content-Type: application/json}:
 * refusals from handlers and services ({@link ApiException}, px0's one error type), unknown paths (404), wrong methods (405), oversized bodies (413), malformed HTTP and
 * anything unexpected (500), or a store that cannot be reached (503, as the caller of {@link #register} tells). A
 * client never sees HTML, a stack trace or an SQL message; the cause of a 500 is logged instead.
 */
public final class HttpErrors {

    /**
     * Where a filter keeps the request's OpenTelemetry context ({@code req.context()}), for the error handlers, which
     * run after the filter's scope has closed.
     */
    public static final Class<Context> TRACE_CONTEXT = Context.class;

    private static final System.Logger LOGGER = System.getLogger(HttpErrors.class.getName());

    private HttpErrors() {
    }

    /** Error handlers run after the request's span scope has closed: log inside it again, so the line has its ids. */
    private static void inTrace(ServerRequest req, Runnable log) {
        Context context = req.context().get(TRACE_CONTEXT, Context.class).orElse(Context.current());
        try (Scope ignored = context.makeCurrent()) {
            log.run();
        }
    }

    /**
     * Maps exceptions thrown while routing to JSON errors. {@code unavailable} tells a store that cannot be reached
     * in time (503, {@code Retry-After: 1}, a warning) from a bug (500, logged as an error with its stack trace).
     */
    public static void register(HttpRouting.Builder routing, Predicate<Throwable> unavailable) {
        routing.error(ApiException.class, (req, res, e) -> e.send(res))
                .error(HttpException.class, (req, res, e) -> {
                    if (e.status().code() >= 500) {
                        inTrace(req, () -> LOGGER.log(Level.ERROR, "Request failed: " + describe(req), LogSafe.throwable(e)));
                    }
                    JsonResponses.error(res, e.status(), message(e.status()));
                })
                .error(Throwable.class, (req, res, e) -> {
                    String request = describe(req);
                    if (unavailable.test(e)) {
                        inTrace(req, () -> LOGGER.log(Level.WARNING, "Store unavailable during " + request + ": "
                                                      + LogSafe.escape(e.toString())));
                        res.header(HeaderNames.RETRY_AFTER, "1");
                        JsonResponses.error(res, Status.SERVICE_UNAVAILABLE_503, "service unavailable");
                    } else {
                        inTrace(req, () -> LOGGER.log(Level.ERROR, "Request failed: " + request, LogSafe.throwable(e)));
                        JsonResponses.error(res, Status.INTERNAL_SERVER_ERROR_500, "internal error");
                    }
                });
    }

    /** The last route: whatever matched nothing else. */
    public static Handler notFound() {
        return (req, res) -> JsonResponses.error(res, Status.NOT_FOUND_404, "not found");
    }

    /** For a path that exists, after its own methods: any other method gets 405 with {@code Allow} ({@link Routes}). */
    static Handler methodNotAllowed(Method... allowed) {
        String allow = Arrays.stream(allowed).map(Method::text).collect(Collectors.joining(", "));
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, allow);
            JsonResponses.error(res, Status.METHOD_NOT_ALLOWED_405, "method not allowed");
        };
    }

    /** Answers for requests refused before routing (malformed HTTP, bodies over the size limit) in JSON too. */
    public static DirectHandlers directHandlers() {
        DirectHandler json = (request, eventType, status, headers, message) -> {
            headers.set(HeaderValues.CONTENT_TYPE_JSON);
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .entity(JsonResponses.errorBytes(message(status)))
                    .keepAlive(eventType.keepAlive())
                    .build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, json);
        }
        return builder.build();
    }

    /**
     * Method and path for a log line: never the query, headers or body, where secrets travel. Both come from the
     * client, so their control characters are escaped: a decoded {@code %0A} cannot start a forged line.
     */
    private static String describe(ServerRequest req) {
        return LogSafe.escape(req.prologue().method().text() + " " + req.prologue().uriPath().path());
    }

    private static String message(Status status) {
        return switch (status.code()) {
            case 400 -> "bad request";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "payload too large";
            case 500 -> "internal error";
            default -> status.reasonPhrase().toLowerCase(Locale.ROOT);
        };
    }
}
