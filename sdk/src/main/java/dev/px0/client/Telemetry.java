package dev.px0.client;

import java.util.function.BooleanSupplier;

/**
 * What the client reports: through the OpenTelemetry API when the application has it on its classpath, else
 * nowhere. Only {@link OpenTelemetryReporting} touches OpenTelemetry classes, and it is loaded only when they exist.
 */
interface Telemetry {

    /** A render: counted, and the current span (if any) gets the prompt's slug, version and label. */
    void rendered(Prompt prompt);

    /** A fetch of a version from px0: {@code result} is ok, not_modified, not_found or failed. */
    void fetched(String result);

    /** A prompt served although px0 cannot be reached: {@code source} is memory, snapshot or fallback. */
    void stale(String source);

    Telemetry NONE = new Telemetry() {
        @Override
        public void rendered(Prompt prompt) {
        }

        @Override
        public void fetched(String result) {
        }

        @Override
        public void stale(String source) {
        }
    };

    /** OpenTelemetry's global instance when the API is on the classpath, else {@link #NONE}. */
    static Telemetry detect(BooleanSupplier connected) {
        try {
            Class.forName("io.opentelemetry.api.GlobalOpenTelemetry", false, Telemetry.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        return OpenTelemetryReporting.create(connected);
    }
}
