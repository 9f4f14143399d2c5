package dev.px0.client;

import java.util.List;

/**
 * A render lacked variables the prompt needs (absent or {@code null}), as the server's {@code 422 missing variables}
 * does: {@link #missing()} names them, sorted.
 */
public final class MissingVariablesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> missing;

    MissingVariablesException(String prompt, List<String> missing) {
        super("missing variables for prompt " + prompt + ": " + String.join(", ", missing));
        this.missing = List.copyOf(missing);
    }

    /** The missing names, sorted and distinct. */
    public List<String> missing() {
        return missing;
    }
}
