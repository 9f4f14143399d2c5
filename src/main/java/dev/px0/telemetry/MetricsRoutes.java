package dev.px0.telemetry;

import static dev.px0.http.Routes.get;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import dev.px0.http.Routes;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /observe/metrics}: every metric in Prometheus text, for scrapers. Unauthenticated, like health. */
public final class MetricsRoutes implements HttpService {

    private final Telemetry telemetry;

    public MetricsRoutes(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.on(rules)
                .path("/metrics", get(this::metrics));
    }

    private void metrics(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, Telemetry.PROMETHEUS_CONTENT_TYPE);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        try (OutputStream out = res.outputStream()) {
            telemetry.writePrometheus(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
