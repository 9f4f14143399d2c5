package dev.px0.project;

import java.util.List;

/** Why a project or prompt request is refused; {@link ProjectRoutes#refusal} gives each kind its status. */
public final class Refusal extends RuntimeException {

    /** The kinds, each with one HTTP status. */
    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, UNPROCESSABLE }

    private final Kind kind;
    private final List<String> missing;

    private Refusal(Kind kind, String message, List<String> missing) {
        super(message, null, false, false);
        this.kind = kind;
        this.missing = missing;
    }

    public static Refusal invalid(String message) {
        return new Refusal(Kind.INVALID, message, List.of());
    }

    public static Refusal forbidden() {
        return new Refusal(Kind.FORBIDDEN, "forbidden", List.of());
    }

    public static Refusal notFound(String message) {
        return new Refusal(Kind.NOT_FOUND, message, List.of());
    }

    public static Refusal conflict(String message) {
        return new Refusal(Kind.CONFLICT, message, List.of());
    }

    public static Refusal missingVariables(List<String> names) {
        return new Refusal(Kind.UNPROCESSABLE, "missing variables", List.copyOf(names));
    }

    public Kind kind() {
        return kind;
    }

    public List<String> missing() {
        return missing;
    }
}
