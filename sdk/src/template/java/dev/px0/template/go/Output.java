package dev.px0.template.go;

/**
 * A render's output: Go-string characters, held to {@link GoTemplate#MAX_OUTPUT_BYTES} UTF-8 bytes (counted only
 * once it could be near the limit: a character is at most three bytes).
 */
final class Output {

    private final StringBuilder out;
    private final long bytesBefore;
    private long exactBytes;
    private int exactUpTo;

    Output(StringBuilder out, long bytesBefore) {
        this.out = out;
        this.bytesBefore = bytesBefore;
    }

    void write(String s) {
        out.append(s);
        int n = out.length();
        if ((long) n * 3 + bytesBefore <= GoTemplate.MAX_OUTPUT_BYTES) {
            return;
        }
        for (; exactUpTo < n; exactUpTo++) {
            char c = out.charAt(exactUpTo);
            if (c < 0x80) {
                exactBytes += 1;
            } else if (c < 0x800) {
                exactBytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                exactBytes += 4;
            } else if (Character.isLowSurrogate(c)) {
                exactBytes += exactUpTo > 0 && Character.isHighSurrogate(out.charAt(exactUpTo - 1)) ? 0 : 1;
            } else {
                exactBytes += 3;
            }
        }
        if (exactBytes + bytesBefore > GoTemplate.MAX_OUTPUT_BYTES) {
            throw Budget.outputExceeded();
        }
    }
}
