package dev.px0.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.helidon.dbclient.DbClientService;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.executors.CommandExecutor;

/**
 * {@code CLIENT} spans for the stores, children of whatever span is current: one per PostgreSQL statement (named by
 * its operation, with the parameterised SQL: px0 binds every value, so no value reaches a span) and one per Redis
 * command (its name only: keys and values are never recorded).
 */
public final class StoreSpans {

    private StoreSpans() {
    }

    /** A DbClient service that traces every statement. */
    public static DbClientService postgresql(OpenTelemetry telemetry) {
        Tracer tracer = telemetry.getTracer("dev.px0");
        return statement -> {
            String operation = operation(statement.statement());
            Span span = tracer.spanBuilder(operation).setSpanKind(SpanKind.CLIENT)
                    .setAttribute(DbAttributes.DB_SYSTEM_NAME, DbAttributes.DbSystemNameValues.POSTGRESQL)
                    .setAttribute(DbAttributes.DB_OPERATION_NAME, operation)
                    .setAttribute(DbAttributes.DB_QUERY_TEXT, statement.statement())
                    .startSpan();
            statement.statementFuture().whenComplete((done, failure) -> {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR);
                    span.setAttribute(ErrorAttributes.ERROR_TYPE, failure.getClass().getName());
                }
                span.end();
            });
            return statement;
        };
    }

    /** A Redis command executor that traces every command it runs through {@code delegate}. */
    public static CommandExecutor redis(OpenTelemetry telemetry, CommandExecutor delegate) {
        Tracer tracer = telemetry.getTracer("dev.px0");
        return new CommandExecutor() {
            @Override
            public <T> T executeCommand(CommandObject<T> command) {
                String name = new String(command.getArguments().getCommand().getRaw(), StandardCharsets.US_ASCII);
                Span span = tracer.spanBuilder(name).setSpanKind(SpanKind.CLIENT)
                        .setAttribute(DbAttributes.DB_SYSTEM_NAME, "redis")
                        .setAttribute(DbAttributes.DB_OPERATION_NAME, name)
                        .startSpan();
                try (Scope ignored = span.makeCurrent()) {
                    return delegate.executeCommand(command);
                } catch (RuntimeException e) {
                    span.setStatus(StatusCode.ERROR);
                    span.setAttribute(ErrorAttributes.ERROR_TYPE, e.getClass().getName());
                    throw e;
                } finally {
                    span.end();
                }
            }

            @Override
            public void close() throws Exception {
                delegate.close();
            }
        };
    }

    /** The SQL operation: the statement's first word (SELECT, INSERT, UPDATE, DELETE, WITH, ...). */
    static String operation(String sql) {
        String s = sql.stripLeading();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return end == 0 ? "SQL" : s.substring(0, end).toUpperCase(Locale.ROOT);
    }
}
