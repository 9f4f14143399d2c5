package dev.px0.template;

/**
 * A template that px0 refuses: malformed, using a feature px0 does not support, or past a limit. The message is
 * {@code "<what> at line L, column C"} (lines and columns count from 1; a column counts characters, a character
 * outside the Basic Multilingual Plane counting once).
 */
public final class InvalidTemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String what;
    private final int line;
    private final int column;

    public InvalidTemplateException(String what, int line, int column) {
        super(what + " at line " + line + ", column " + column, null, false, false);
        this.what = what;
        this.line = line;
        this.column = column;
    }

    /** What is wrong, without the position. */
    public String what() {
        return what;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
