package dev.px0.template;

/**
 * A render stopped before it finished: its output passed {@link PromptTemplate#MAX_OUTPUT_CHARS}, it took more than
 * {@link PromptTemplate#MAX_RENDER_STEPS} steps (sections over large lists inside each other), or the engine failed
 * in a way the compile-time limits should have made impossible. The message says which, in lowercase.
 */
public final class RenderLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RenderLimitException(String message) {
        super(message, null, false, false);
    }
}
