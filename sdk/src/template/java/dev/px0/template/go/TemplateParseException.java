package dev.px0.template.go;

/**
 * A template that does not parse, calls an undefined function, or passes a parse-time limit. The message is Go's
 * own ({@code template: prompt:3: unexpected "}" in operand}); Go gives parse errors a line only, and
 * {@link #column()} adds the column of the token where parsing stopped.
 */
public final class TemplateParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final GoTemplate.Limit limit;

    TemplateParseException(String message, int line, int column, GoTemplate.Limit limit) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
        this.limit = limit;
    }

    /** The line (from 1) Go names; 0 when the message names none. */
    public int line() {
        return line;
    }

    /** The column (from 1, in characters) of the token where parsing stopped; 0 when unknown. */
    public int column() {
        return column;
    }

    /** The limit this template passes, or null when it is simply not a valid template. */
    public GoTemplate.Limit limit() {
        return limit;
    }
}
