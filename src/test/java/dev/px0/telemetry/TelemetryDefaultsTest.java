package dev.px0.telemetry;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * px0 with none of the OTEL_* variables set (the test run sets none): no trace exporter, so the SDK records no
 * span at all (it hands out non-recording spans, which cost next to nothing), and a log line carries the trace id
 * of a caller that sent one in {@code traceparent}, the only trace there is to lead to.
 */
class TelemetryDefaultsTest {

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier.get(key);
        }
    };

    @Test
    void withoutAnExporterNothingIsRecordedAndLogLinesCarryTheCallersTrace() {
        TraceLogFormatter formatter = new TraceLogFormatter();
        LogRecord record = new LogRecord(Level.INFO, "serving");
        try (Telemetry telemetry = Telemetry.fromEnvironment()) {
            Span own = telemetry.tracer().spanBuilder("request").startSpan();
            assertThat(own.isRecording(), is(false));
            try (Scope ignored = own.makeCurrent()) {
                assertThat(formatter.format(record), not(containsString("trace_id=")));
            }

            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            Context caller = telemetry.openTelemetry().getPropagators().getTextMapPropagator().extract(
                    Context.root(), Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"), MAP);
            Span joined = telemetry.tracer().spanBuilder("request").setParent(caller).startSpan();
            try (Scope ignored = joined.makeCurrent()) {
                assertThat(formatter.format(record), containsString("serving trace_id=" + traceId + " span_id="));
            }
        }
    }
}
