package dev.px0.client;

import java.util.Map;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * With OpenTelemetry on the classpath: a render inside a span names the prompt, its version and its label on that
 * span (so the trace of the LLM call says which version produced it), and the client's metrics are recorded.
 */
class TelemetryTest {

    @Test
    void theCurrentSpanNamesThePromptVersionAndLabelAndRendersAreCounted() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        InMemoryMetricReader metrics = InMemoryMetricReader.create();
        GlobalOpenTelemetry.resetForTest();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .buildAndRegisterGlobal();
        Cluster cluster = Cluster.get();
        try (Px0Client client = cluster.client(cluster.a).build()) {
            int v = cluster.published("traced", "hi {{n}}");
            Span span = sdk.getTracer("app").spanBuilder("llm.call").startSpan();
            try (Scope ignored = span.makeCurrent()) {
                client.prompt("traced").render(Map.of("n", 1));
            } finally {
                span.end();
            }
            client.prompt("traced").render(Map.of("n", 2)); // outside any span: no error, still counted

            SpanData data = spans.getFinishedSpanItems().get(0);
            assertThat(data.getAttributes().get(OpenTelemetryReporting.PROMPT), is("traced"));
            assertThat(data.getAttributes().get(OpenTelemetryReporting.VERSION), is((long) v));
            assertThat(data.getAttributes().get(OpenTelemetryReporting.LABEL), is("production"));

            Cluster.until("the gauge says the stream is connected", () -> Long.valueOf(1).equals(collect(metrics).get("px0.client.stream.connected")));
            Map<String, Long> sums = collect(metrics);
            assertThat(sums.get("px0.client.renders"), is(2L));
            assertThat(sums.get("px0.client.fetches"), is(1L));
        } finally {
            sdk.close();
            GlobalOpenTelemetry.resetForTest();
        }
    }

    private static Map<String, Long> collect(InMemoryMetricReader metrics) {
            Map<String, Long> sums = new java.util.HashMap<>();
            for (MetricData m : metrics.collectAllMetrics()) {
                if (m.getName().equals("px0.client.renders") || m.getName().equals("px0.client.fetches")) {
                    sums.put(m.getName(), m.getLongSumData().getPoints().stream().mapToLong(p -> p.getValue()).sum());
                }
                if (m.getName().equals("px0.client.stream.connected")) {
                    sums.put(m.getName(), m.getLongGaugeData().getPoints().iterator().next().getValue());
                }
            }
            return sums;
    }
}
