package dev.px0.telemetry;

import java.util.List;
import java.util.Map;

import dev.px0.http.HttpErrors;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;

/**
 * One {@code SERVER} span per request, named {@code {method} {route template}} (never the raw path, which holds
 * slugs and ids), joined to the caller's trace when it sends W3C {@code traceparent}/{@code tracestate}; and the
 * {@code http.server.request.duration} histogram with the same attributes. The span is current while the request
 * is handled, so every span and log line of the request belongs to it; it ends when the response has been sent,
 * whatever answered it (a handler or an error handler).
 */
public final class HttpTelemetry implements Filter {

    private static final List<Double> SECONDS = List.of(0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05,
                                                        0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
    private static final Map<String, HeaderName> KNOWN = Map.of(
            "traceparent", HeaderNames.create("traceparent"),
            "tracestate", HeaderNames.create("tracestate"),
            "baggage", HeaderNames.create("baggage"));
    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return headers.stream().map(h -> h.name()).toList();
        }

        @Override
        public String get(Headers headers, String key) {
            HeaderName name = KNOWN.get(key);
            if (name == null) {
                name = HeaderNames.create(key);
            }
            return headers.contains(name) ? headers.get(name).get() : null;
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final DoubleHistogram duration;

    public HttpTelemetry(Telemetry telemetry) {
        this.tracer = telemetry.tracer();
        this.propagator = telemetry.openTelemetry().getPropagators().getTextMapPropagator();
        this.duration = telemetry.meter().histogramBuilder("http.server.request.duration").setUnit("s")
                .setDescription("Duration of HTTP server requests")
                .setExplicitBucketBoundariesAdvice(SECONDS)
                .build();
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        Context parent = propagator.extract(Context.root(), req.headers(), HEADERS);
        String method = req.prologue().method().text();
        int port = req.localPeer().port();
        Span span = tracer.spanBuilder(method).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, method)
                .setAttribute(UrlAttributes.URL_SCHEME, req.isSecure() ? "https" : "http")
                .setAttribute(ServerAttributes.SERVER_PORT, (long) port)
                .startSpan();
        Context context = parent.with(span);
        req.context().register(HttpErrors.TRACE_CONTEXT, context); // for the error handlers, which run outside
        res.whenSent(() -> finish(span, req, res.status().code(), method, port, start));
        try (Scope ignored = context.makeCurrent()) {
            chain.proceed();
        }
    }

    /** The route template as the API documents it: a service's root rule ({@code /v1/health/}) without its slash. */
    static String route(String pattern) {
        return pattern.length() > 1 && pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
    }

    private void finish(Span span, ServerRequest req, int status, String method, int port, long start) {
        String route = req.matchingPattern().map(HttpTelemetry::route).orElse(null);
        AttributesBuilder attributes = Attributes.builder()
                .put(HttpAttributes.HTTP_REQUEST_METHOD, method)
                .put(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status)
                .put(UrlAttributes.URL_SCHEME, req.isSecure() ? "https" : "http")
                .put(ServerAttributes.SERVER_PORT, (long) port);
        if (route != null) {
            attributes.put(HttpAttributes.HTTP_ROUTE, route);
            span.updateName(method + " " + route);
            span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
        }
        span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(ErrorAttributes.ERROR_TYPE, Integer.toString(status));
            attributes.put(ErrorAttributes.ERROR_TYPE, Integer.toString(status));
        }
        span.end();
        duration.record((System.nanoTime() - start) / 1e9, attributes.build());
    }
}
