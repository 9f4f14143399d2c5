package dev.px0.telemetry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.semconv.ExceptionAttributes;

/**
 * Hands every java.util.logging record to the OpenTelemetry SDK's logs, so {@code OTEL_LOGS_EXPORTER} ships px0's
 * log lines (each with the trace and span it was written in). The SDK's own records are left out: an exporter
 * that logs its failures must not feed them back to itself.
 */
final class LogBridge extends Handler {

    private static final AttributeKey<String> LOGGER_NAME = AttributeKey.stringKey("log.logger.name");

    private final io.opentelemetry.api.logs.Logger logs;
    private final SimpleFormatter messages = new SimpleFormatter();

    private LogBridge(OpenTelemetrySdk sdk) {
        this.logs = sdk.getLogsBridge().get("dev.px0.jul");
    }

    /** Adds the bridge to the root logger; {@link #uninstall} removes it. */
    static LogBridge install(OpenTelemetrySdk sdk) {
        LogBridge bridge = new LogBridge(sdk);
        Logger.getLogger("").addHandler(bridge);
        return bridge;
    }

    void uninstall() {
        Logger.getLogger("").removeHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        String logger = record.getLoggerName();
        if (logger != null && logger.startsWith("io.opentelemetry")) {
            return;
        }
        LogRecordBuilder out = logs.logRecordBuilder()
                .setTimestamp(record.getInstant())
                .setSeverity(severity(record.getLevel()))
                .setSeverityText(record.getLevel().getName())
                .setBody(messages.formatMessage(record))
                .setContext(Context.current());
        if (logger != null) {
            out.setAttribute(LOGGER_NAME, logger);
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            out.setAttribute(ExceptionAttributes.EXCEPTION_TYPE, thrown.getClass().getName())
                    .setAttribute(ExceptionAttributes.EXCEPTION_STACKTRACE, trace.toString());
        }
        out.emit();
    }

    private static Severity severity(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return Severity.ERROR;
        }
        if (value >= Level.WARNING.intValue()) {
            return Severity.WARN;
        }
        if (value >= Level.INFO.intValue()) {
            return Severity.INFO;
        }
        return value >= Level.FINE.intValue() ? Severity.DEBUG : Severity.TRACE;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        uninstall();
    }
}
