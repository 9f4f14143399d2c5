package dev.px0.client;

import java.util.function.BooleanSupplier;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;

/** {@link Telemetry} through the OpenTelemetry API (only loaded when the API is on the classpath). */
final class OpenTelemetryReporting implements Telemetry {

    static final AttributeKey<String> PROMPT = AttributeKey.stringKey("px0.prompt");
    static final AttributeKey<Long> VERSION = AttributeKey.longKey("px0.prompt.version");
    static final AttributeKey<String> LABEL = AttributeKey.stringKey("px0.prompt.label");
    private static final AttributeKey<String> RESULT = AttributeKey.stringKey("result");
    private static final AttributeKey<String> SOURCE = AttributeKey.stringKey("source");

    private final LongCounter renders;
    private final LongCounter fetches;
    private final LongCounter stale;

    private OpenTelemetryReporting(Meter meter, BooleanSupplier connected) {
        this.renders = meter.counterBuilder("px0.client.renders").setDescription("Prompts rendered in process").build();
        this.fetches = meter.counterBuilder("px0.client.fetches")
                .setDescription("Versions fetched from px0, by result").build();
        this.stale = meter.counterBuilder("px0.client.stale_serves")
                .setDescription("Prompts served while px0 could not be reached, by source (memory, snapshot, fallback)")
                .build();
        meter.gaugeBuilder("px0.client.stream.connected").ofLongs()
                .setDescription("1 while the change stream from px0 is connected, else 0")
                .buildWithCallback(m -> m.record(connected.getAsBoolean() ? 1 : 0));
    }

    static Telemetry create(BooleanSupplier connected) {
        return new OpenTelemetryReporting(GlobalOpenTelemetry.get().getMeter("dev.px0.client"), connected);
    }

    @Override
    public void rendered(Prompt prompt) {
        renders.add(1);
        Span span = Span.current();
        if (span.getSpanContext().isValid()) {
            span.setAttribute(PROMPT, prompt.slug());
            span.setAttribute(VERSION, (long) prompt.version());
            if (prompt.label() != null) {
                span.setAttribute(LABEL, prompt.label());
            }
        }
    }

    @Override
    public void fetched(String result) {
        fetches.add(1, Attributes.of(RESULT, result));
    }

    @Override
    public void stale(String source) {
        stale.add(1, Attributes.of(SOURCE, source));
    }
}
