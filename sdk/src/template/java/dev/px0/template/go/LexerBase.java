package dev.px0.template.go;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The lexer's machinery (Go's lexer struct and its next, peek, backup, emit, ignore, accept...): the input as UTF-8
 * bytes, positions in bytes, line counting, and the queue of items the states emit.
 */
abstract class LexerBase {

    static final int EOF_RUNE = -1;

    final byte[] input;
    final boolean breakOK;
    final boolean continueOK;
    int pos;
    int start;
    boolean atEOF;
    int parenDepth;
    int line = 1;
    int startLine = 1;
    final ArrayDeque<Token> items = new ArrayDeque<>(4);

    LexerBase(byte[] input, boolean breakOK, boolean continueOK) {
        this.input = input;
        this.breakOK = breakOK;
        this.continueOK = continueOK;
    }

    int next() {
        if (pos >= input.length) {
            atEOF = true;
            return EOF_RUNE;
        }
        int c = input[pos] & 0xFF;
        int w = 1;
        int r = c;
        if (c >= 0x80) {
            w = GoStrings.validLength(input, pos, input.length);
            if (w == 0) {
                w = 1;
                r = 0xFFFD;
            } else {
                r = new String(input, pos, w, StandardCharsets.UTF_8).codePointAt(0);
            }
        }
        pos += w;
        if (r == '\n') {
            line++;
        }
        return r;
    }

    int peek() {
        int r = next();
        backup();
        return r;
    }

    void backup() {
        if (!atEOF && pos > 0) {
            int w = 1;
            int p = pos - 1;
            while (p > 0 && pos - p < 4 && (input[p] & 0xC0) == 0x80) {
                p--;
            }
            if (GoStrings.validLength(input, p, input.length) == pos - p) {
                w = pos - p;
            }
            pos -= w;
            if (w == 1 && input[pos] == '\n') {
                line--;
            }
        }
    }

    void emit(int type) {
        items.add(new Token(type, start, new String(input, start, pos - start, StandardCharsets.UTF_8), startLine));
        start = pos;
        startLine = line;
    }

    void ignore() {
        line += count(start, pos);
        start = pos;
        startLine = line;
    }

    int count(int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (input[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Emits an error item; lexing stops there. */
    void error(String message) {
        items.add(new Token(Token.ERROR, start, message, startLine));
    }

    boolean accept(String valid) {
        int r = next();
        if (r >= 0 && valid.indexOf(r) >= 0) {
            return true;
        }
        backup();
        return false;
    }

    void acceptRun(String valid) {
        int r;
        do {
            r = next();
        } while (r >= 0 && valid.indexOf(r) >= 0);
        backup();
    }

    boolean startsWith(int at, char a, char b) {
        return at + 1 < input.length && input[at] == a && input[at + 1] == b;
    }

    static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\r' || r == '\n';
    }

    static boolean isAlphaNumeric(int r) {
        return r == '_' || GoUnicode.isLetter(r) || GoUnicode.isDigit(r);
    }

    boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length && input[at] == '-' && isSpace(input[at + 1]);
    }

    boolean hasRightTrimMarker(int at) {
        return at + 1 < input.length && isSpace(input[at]) && input[at + 1] == '-';
    }

    /** Whether the input at pos is a right delimiter; trim is whether it has the " -" marker. */
    boolean trimAtRightDelim;

    boolean atRightDelim() {
        if (hasRightTrimMarker(pos) && startsWith(pos + 2, '}', '}')) {
            trimAtRightDelim = true;
            return true;
        }
        trimAtRightDelim = false;
        return startsWith(pos, '}', '}');
    }
}
