package dev.px0.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.px0.testing.Poll;
import dev.px0.testing.Px0Process;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/** px0 as its own process, configured by the standard OTEL_* variables only. */
class TelemetryStartupTest {

    @Test
    void withNothingConfiguredPxZeroStartsCleanly() throws InterruptedException {
        try (Px0Process px0 = Px0Process.start(Map.of())) {
            assertThat(px0.api().json(io.helidon.http.Method.GET, "/v1/health", null, null).status(), is(200));
            px0.terminate();
            assertThat(px0.waitFor(Duration.ofSeconds(30)), is(0));
            List<String> complaints = px0.output().stream()
                    .filter(line -> line.contains("WARNING") || line.contains("SEVERE") || line.contains("Exception")
                            || line.contains("opentelemetry"))
                    .toList();
            assertThat(complaints.toString(), complaints, is(empty()));
        }
    }

    @Test
    void withTheSdkDisabledPxZeroServesAsBefore() {
        try (Px0Process px0 = Px0Process.start(Map.of("OTEL_SDK_DISABLED", "true"))) {
            assertThat(px0.api().json(io.helidon.http.Method.GET, "/v1/health", null, null).status(), is(200));
            assertThat(px0.api().json(io.helidon.http.Method.GET, "/observe/metrics", null, null).status(), is(200));
        }
    }

    @Test
    void theLoggingExporterPrintsEverySpan() {
        try (Px0Process px0 = Px0Process.start(Map.of("OTEL_TRACES_EXPORTER", "logging", "OTEL_SERVICE_NAME", "px0-test"))) {
            assertThat(px0.api().json(io.helidon.http.Method.GET, "/v1/health", null, null).status(), is(200));
            Poll.until("the health span in the log", Duration.ofSeconds(10),
                       () -> px0.output().stream().anyMatch(line -> line.contains("'GET /v1/health'") && line.contains("SERVER")));
        }
    }
}
