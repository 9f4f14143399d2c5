package dev.px0.template;

import java.util.List;

/** A render lacked variables the template needs (absent or {@code null}); {@link #missing()} names them, sorted. */
public final class MissingVariablesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // List.copyOf gives a serializable list
    private final List<String> missing;

    public MissingVariablesException(List<String> missing) {
        super("missing variables: " + String.join(", ", missing), null, false, false);
        this.missing = List.copyOf(missing);
    }

    /** The names, sorted and distinct (a dotted name as written in the template, {@code .} for a null item). */
    public List<String> missing() {
        return missing;
    }
}
