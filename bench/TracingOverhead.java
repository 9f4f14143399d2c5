import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.px0.testing.Bench;
import dev.px0.testing.ClosedLoop;
import dev.px0.testing.Node;
import dev.px0.testing.TestStores;
import dev.px0.telemetry.Telemetry;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * What tracing costs the render path: the cached render with an API key on a node that samples every request and
 * hands its spans to a batch processor (an exporter that drops them, so no network is measured), against a node
 * whose sampler is always_off, in alternating rounds of one run. Metrics stay on in both.
 * Usage: bench/run TracingOverhead [seconds per phase] [rounds] [concurrency]
 */
public class TracingOverhead {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        LongAdder exported = new LongAdder();
        SpanExporter dropping = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                exported.add(spans.size());
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        Telemetry tracing = Telemetry.create(b -> b
                .addPropertiesSupplier(() -> Map.of("otel.traces.sampler", "always_on"))
                .addTracerProviderCustomizer((t, c) -> t.addSpanProcessor(BatchSpanProcessor.builder(dropping).build())));
        Telemetry notTracing = Telemetry.create(b -> b.addPropertiesSupplier(() -> Map.of("otel.traces.sampler", "always_off")));
        try (Node on = Node.start(TestStores.get().settings(Map.of()), tracing);
             Node off = Node.start(TestStores.get().settings(Map.of()), notTracing)) {
            Bench.Published published = Bench.publish(on);
            Runnable traced = Bench.render(on.server(), published);
            Runnable untraced = Bench.render(off.server(), published);
            for (int i = 0; i < 3; i++) { // the JIT needs a while on 2 cores
                ClosedLoop.run(concurrency, 5, traced);
                ClosedLoop.run(concurrency, 5, untraced);
            }
            List<ClosedLoop.Result> onRuns = new ArrayList<>();
            List<ClosedLoop.Result> offRuns = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            long before = exported.sum();
            for (int round = 0; round < rounds; round++) {
                // the order alternates, so neither side always runs first
                ClosedLoop.Result a;
                ClosedLoop.Result b;
                if (round % 2 == 0) {
                    a = ClosedLoop.run(concurrency, seconds, untraced);
                    b = ClosedLoop.run(concurrency, seconds, traced);
                } else {
                    b = ClosedLoop.run(concurrency, seconds, traced);
                    a = ClosedLoop.run(concurrency, seconds, untraced);
                }
                offRuns.add(a);
                onRuns.add(b);
                ratios.add(b.rate() / a.rate());
                System.out.printf("round %d: tracing off %.0f/s, tracing on %.0f/s (x%.2f)%n", round + 1, a.rate(), b.rate(),
                                  b.rate() / a.rate());
            }
            System.out.printf("%nconcurrency %d, %d rounds of %d s per phase, %d cores; medians of the rounds:%n",
                              concurrency, rounds, seconds, Runtime.getRuntime().availableProcessors());
            Bench.print("cached render, tracing off", offRuns);
            Bench.print("cached render, tracing on", onRuns);
            double ratio = Bench.median(ratios);
            System.out.printf("tracing on / off: %.3f (median of the per-round ratios): %.1f %% of the throughput%n",
                              ratio, (1 - ratio) * 100);
            long requests = onRuns.stream().mapToLong(ClosedLoop.Result::count).sum();
            System.out.printf("spans exported while measuring: %d for %d traced requests%n", exported.sum() - before, requests);
        }
        System.exit(0);
    }
}
