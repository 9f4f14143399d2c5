package dev.px0.telemetry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * px0's OpenTelemetry SDK, configured by the standard {@code OTEL_*} variables (the SDK's autoconfiguration). With
 * nothing set, px0 exports nothing and connects nowhere: every exporter defaults to {@code none}. Whatever the
 * exporters, the SDK's metrics are also served in Prometheus text at {@code /observe/metrics}: one source of truth
 * for each metric, two ways out.
 */
public final class Telemetry implements AutoCloseable {

    /** px0's defaults, below the OTEL_* environment variables and otel.* system properties. */
    static final Map<String, String> DEFAULTS = Map.of(
            "otel.service.name", "px0",
            "otel.traces.exporter", "none",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none",
            // px0 ships the JDK HTTP sender, not gRPC
            "otel.exporter.otlp.protocol", "http/protobuf");

    public static final String PROMETHEUS_CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final OpenTelemetrySdk sdk;
    private final PrometheusMetricReader prometheus;
    private final RuntimeTelemetry runtime;
    private volatile LogBridge logBridge;

    private Telemetry(OpenTelemetrySdk sdk, PrometheusMetricReader prometheus) {
        this.sdk = sdk;
        this.prometheus = prometheus;
        this.runtime = RuntimeTelemetry.create(sdk);
    }

    /** The SDK as the environment configures it. */
    public static Telemetry fromEnvironment() {
        return create(UnaryOperator.identity());
    }

    /**
     * The SDK as the environment configures it, then as {@code customize} changes it (tests add in-memory
     * exporters).
     */
    public static Telemetry create(UnaryOperator<AutoConfiguredOpenTelemetrySdkBuilder> customize) {
        PrometheusMetricReader prometheus = PrometheusMetricReader.builder()
                .setOtelScopeLabelsEnabled(false)
                .setTargetInfoMetricEnabled(false)
                .build();
        AutoConfiguredOpenTelemetrySdkBuilder builder = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> new HashMap<>(DEFAULTS))
                .addMeterProviderCustomizer((meters, config) -> meters.registerMetricReader(prometheus))
                .disableShutdownHook();
        return new Telemetry(customize.apply(builder).build().getOpenTelemetrySdk(), prometheus);
    }

    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    public Meter meter() {
        return sdk.getMeter("dev.px0");
    }

    public Tracer tracer() {
        return sdk.getTracer("dev.px0");
    }

    /**
     * Sends px0's java.util.logging records to the SDK's logs too (what {@code OTEL_LOGS_EXPORTER} exports), until
     * closed. The server does this at start-up; tests that run several nodes in one JVM do not.
     */
    public Telemetry bridgeLogs() {
        if (logBridge == null) {
            logBridge = LogBridge.install(sdk);
        }
        return this;
    }

    /** Every metric now, in the Prometheus text format ({@link #PROMETHEUS_CONTENT_TYPE}). */
    public void writePrometheus(OutputStream out) throws IOException {
        MetricSnapshots metrics = prometheus.collect();
        if (metrics.size() == 0) { // OTEL_SDK_DISABLED=true: the reader was never registered
            out.write("# no metrics: the OpenTelemetry SDK is disabled\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        PrometheusTextFormatWriter.create().write(out, metrics, EscapingScheme.UNDERSCORE_ESCAPING);
    }

    @Override
    public void close() {
        if (logBridge != null) {
            logBridge.uninstall();
        }
        runtime.close();
        // flushes what is left; bounded, so an exporter whose collector is gone cannot hold the shutdown for long
        sdk.shutdown().join(3, TimeUnit.SECONDS);
    }
}
