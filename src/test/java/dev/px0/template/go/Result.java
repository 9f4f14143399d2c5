package dev.px0.template.go;

/**
 * What a case gave: rendered text, or a refusal of the variables, the template (parse) or the render (exec); from
 * the Java engine also LIMIT (a px0 limit passed; Go has none of these) and CRASH (any other exception: a bug).
 */
record Result(Kind kind, String out, String msg) {

    enum Kind { OK, DATA, PARSE, EXEC, PANIC, LIMIT, CRASH }

    /** Go's bytes as the engine's text: valid UTF-8 as characters, any other byte as U+FFFD. */
    static String goText(byte[] bytes) {
        return GoStrings.toText(GoStrings.fromBytes(bytes));
    }

    /** Whether this (Java) result is the same as Go's: kind, and text or message. */
    boolean matches(Result go) {
        if (kind != go.kind) {
            return false;
        }
        return switch (kind) {
            case OK -> out.equals(go.out);
            case PARSE, EXEC -> msg.equals(go.msg);
            default -> true;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case OK -> "OK " + GoStringsView.show(out);
            default -> kind + " " + GoStringsView.show(msg);
        };
    }
}
