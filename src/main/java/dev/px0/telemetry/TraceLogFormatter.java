package dev.px0.telemetry;

import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * {@link SimpleFormatter} (its {@code java.util.logging.SimpleFormatter.format}) with {@code trace_id=… span_id=…}
 * added to the first line of every record written while a span is current, so a log line leads to its trace.
 * Set as the console handler's formatter in {@code logging.properties}.
 */
public final class TraceLogFormatter extends SimpleFormatter {

    @Override
    public String format(LogRecord record) {
        String line = super.format(record);
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return line;
        }
        String ids = " trace_id=" + span.getTraceId() + " span_id=" + span.getSpanId();
        int end = line.indexOf('\n');
        return end < 0 ? line + ids : line.substring(0, end) + ids + line.substring(end);
    }
}
