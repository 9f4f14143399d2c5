package dev.px0.template.go;

/**
 * A render that failed: Go's execution error, with Go's message naming where and what
 * ({@code template: prompt:1:2: executing "prompt" at <.name>: map has no entry for key "name"}), or a run-time
 * limit passed ({@link #limit()}).
 */
public final class TemplateExecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final GoTemplate.Limit limit;

    TemplateExecException(String message, GoTemplate.Limit limit) {
        super(message, null, false, false);
        this.limit = limit;
    }

    /** The limit this render passed, or null when it failed as Go's would. */
    public GoTemplate.Limit limit() {
        return limit;
    }
}
