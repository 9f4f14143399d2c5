package dev.px0.template.go;

/**
 * What one render may still do: execution steps (every node walked, value looked up, function called, iteration,
 * and a step per 64 characters a function reads or writes), and the length of any text it builds.
 */
final class Budget {

    /** A limit was passed; the executor turns it into a {@link TemplateExecException} naming where. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final GoTemplate.Limit limit;

        Exceeded(GoTemplate.Limit limit, String message) {
            super(message, null, false, false);
            this.limit = limit;
        }
    }

    private long steps;

    /** Whether the render made a string holding bytes outside valid UTF-8 (literal escapes, slice). */
    boolean escapes;

    void step() {
        if (++steps > GoTemplate.MAX_STEPS) {
            throw stepsExceeded();
        }
    }

    void steps(long n) {
        steps += n;
        if (steps > GoTemplate.MAX_STEPS) {
            throw stepsExceeded();
        }
    }

    /** Charges work over text of this many characters. */
    void text(long chars) {
        steps(1 + chars / 64);
    }

    private static Exceeded stepsExceeded() {
        return new Exceeded(GoTemplate.Limit.STEPS,
                            "more than the limit of " + GoTemplate.MAX_STEPS + " execution steps");
    }

    /** Refuses a text (output or a value built on the way) of more characters than the output may have bytes. */
    void checkText(long chars) {
        if (chars > GoTemplate.MAX_OUTPUT_BYTES) {
            throw outputExceeded();
        }
    }

    static Exceeded outputExceeded() {
        return new Exceeded(GoTemplate.Limit.OUTPUT,
                            "output larger than the limit of " + GoTemplate.MAX_OUTPUT_BYTES + " bytes");
    }
}
