package dev.px0.template.go;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Go 1.19's text/template lexer on the template's UTF-8 bytes: the same items, positions (byte offsets) and line
 * numbers, produced on demand as the parser asks (Go runs it in lockstep through an unbuffered channel).
 */
final class Lexer {

    // item types, in Go's order (keywords after KEYWORD)
    static final int ERROR = 0, BOOL = 1, CHAR = 2, CHAR_CONSTANT = 3, COMMENT = 4, COMPLEX = 5, ASSIGN = 6,
            DECLARE = 7, EOF = 8, FIELD = 9, IDENTIFIER = 10, LEFT_DELIM = 11, LEFT_PAREN = 12, NUMBER = 13,
            PIPE = 14, RAW_STRING = 15, RIGHT_DELIM = 16, RIGHT_PAREN = 17, SPACE = 18, STRING = 19, TEXT = 20,
            VARIABLE = 21, KEYWORD = 22, BLOCK = 23, BREAK = 24, CONTINUE = 25, DOT = 26, DEFINE = 27, ELSE = 28,
            END = 29, IF = 30, NIL = 31, RANGE = 32, TEMPLATE = 33, WITH = 34;

    static final class Item {
        final int type;
        final int pos;
        final String val;
        final int line;

        Item(int type, int pos, String val, int line) {
            this.type = type;
            this.pos = pos;
            this.val = val;
            this.line = line;
        }

        /** Go's item.String(), as parse errors quote it. */
        @Override
        public String toString() {
            if (type == EOF) {
                return "EOF";
            }
            if (type == ERROR) {
                return val;
            }
            if (type > KEYWORD) {
                return "<" + val + ">";
            }
            StringBuilder b = new StringBuilder();
            if (val.getBytes(StandardCharsets.UTF_8).length > 10) { // Go: %.10q... (ten runes, quoted)
                int runes = val.codePointCount(0, val.length());
                Strconv.quote(b, runes > 10 ? val.substring(0, val.offsetByCodePoints(0, 10)) : val, '"', false);
                return b.append("...").toString();
            }
            Strconv.quote(b, val, '"', false);
            return b.toString();
        }
    }

    private static final int EOF_RUNE = -1;

    private enum State { TEXT, LEFT_DELIM, COMMENT, RIGHT_DELIM, INSIDE_ACTION, SPACE, IDENTIFIER, FIELD, VARIABLE,
        CHAR, NUMBER, QUOTE, RAW_QUOTE }

    private final byte[] input;
    private final boolean breakOK;
    private final boolean continueOK;
    private int pos;
    private int start;
    private boolean atEOF;
    private int parenDepth;
    private int line = 1;
    private int startLine = 1;
    private State state = State.TEXT;
    private final ArrayDeque<Item> items = new ArrayDeque<>(4);

    Lexer(byte[] input, boolean breakOK, boolean continueOK) {
        this.input = input;
        this.breakOK = breakOK;
        this.continueOK = continueOK;
    }

    /** The next item; after the end (or an error), Go's zero item. */
    Item nextItem() {
        while (items.isEmpty()) {
            if (state == null) {
                return new Item(ERROR, 0, "", 0);
            }
            state = step(state);
        }
        return items.poll();
    }

    private int next() {
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

    private int peek() {
        int r = next();
        backup();
        return r;
    }

    private void backup() {
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

    private void emit(int type) {
        items.add(new Item(type, start, new String(input, start, pos - start, StandardCharsets.UTF_8), startLine));
        start = pos;
        startLine = line;
    }

    private void ignore() {
        line += count(start, pos);
        start = pos;
        startLine = line;
    }

    private int count(int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (input[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private State errorf(String message) {
        items.add(new Item(ERROR, start, message, startLine));
        return null;
    }

    private boolean accept(String valid) {
        int r = next();
        if (r >= 0 && valid.indexOf(r) >= 0) {
            return true;
        }
        backup();
        return false;
    }

    private void acceptRun(String valid) {
        int r;
        do {
            r = next();
        } while (r >= 0 && valid.indexOf(r) >= 0);
        backup();
    }

    private boolean startsWith(int at, char a, char b) {
        return at + 1 < input.length && input[at] == a && input[at + 1] == b;
    }

    private static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\r' || r == '\n';
    }

    static boolean isAlphaNumeric(int r) {
        return r == '_' || GoUnicode.isLetter(r) || GoUnicode.isDigit(r);
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length && input[at] == '-' && isSpace(input[at + 1]);
    }

    private boolean hasRightTrimMarker(int at) {
        return at + 1 < input.length && isSpace(input[at]) && input[at + 1] == '-';
    }

    /** Whether the input at pos is a right delimiter; trim is whether it has the " -" marker. */
    private boolean trimAtRightDelim;

    private boolean atRightDelim() {
        if (hasRightTrimMarker(pos) && startsWith(pos + 2, '}', '}')) {
            trimAtRightDelim = true;
            return true;
        }
        trimAtRightDelim = false;
        return startsWith(pos, '}', '}');
    }

    private State step(State s) {
        return switch (s) {
            case TEXT -> lexText();
            case LEFT_DELIM -> lexLeftDelim();
            case COMMENT -> lexComment();
            case RIGHT_DELIM -> lexRightDelim();
            case INSIDE_ACTION -> lexInsideAction();
            case SPACE -> lexSpace();
            case IDENTIFIER -> lexIdentifier();
            case FIELD -> lexFieldOrVariable(FIELD);
            case VARIABLE -> lexVariable();
            case CHAR -> lexChar();
            case NUMBER -> lexNumber();
            case QUOTE -> lexQuote();
            case RAW_QUOTE -> lexRawQuote();
        };
    }

    private int indexOfLeftDelim(int from) {
        for (int i = from; i + 1 < input.length; i++) {
            if (input[i] == '{' && input[i + 1] == '{') {
                return i;
            }
        }
        return -1;
    }

    private State lexText() {
        int x = indexOfLeftDelim(pos);
        if (x >= 0) {
            pos = x;
            int trimLength = 0;
            if (hasLeftTrimMarker(pos + 2)) {
                int k = pos;
                while (k > start && isSpace(input[k - 1])) {
                    k--;
                }
                trimLength = pos - k;
            }
            pos -= trimLength;
            if (pos > start) {
                line += count(start, pos);
                emit(TEXT);
            }
            pos += trimLength;
            ignore();
            return State.LEFT_DELIM;
        }
        pos = input.length;
        if (pos > start) {
            line += count(start, pos);
            emit(TEXT);
        }
        emit(EOF);
        return null;
    }

    private State lexLeftDelim() {
        pos += 2;
        boolean trimSpace = hasLeftTrimMarker(pos);
        int afterMarker = trimSpace ? 2 : 0;
        if (startsWith(pos + afterMarker, '/', '*')) {
            pos += afterMarker;
            ignore();
            return State.COMMENT;
        }
        emit(LEFT_DELIM);
        pos += afterMarker;
        ignore();
        parenDepth = 0;
        return State.INSIDE_ACTION;
    }

    private State lexComment() {
        pos += 2;
        int i = -1;
        for (int k = pos; k + 1 < input.length; k++) {
            if (input[k] == '*' && input[k + 1] == '/') {
                i = k - pos;
                break;
            }
        }
        if (i < 0) {
            return errorf("unclosed comment");
        }
        pos += i + 2;
        if (!atRightDelim()) {
            return errorf("comment ends before closing delimiter");
        }
        boolean trimSpace = trimAtRightDelim;
        if (trimSpace) {
            pos += 2;
        }
        pos += 2;
        if (trimSpace) {
            while (pos < input.length && isSpace(input[pos])) {
                pos++;
            }
        }
        ignore();
        return State.TEXT;
    }

    private State lexRightDelim() {
        boolean trimSpace = hasRightTrimMarker(pos);
        if (trimSpace) {
            pos += 2;
            ignore();
        }
        pos += 2;
        emit(RIGHT_DELIM);
        if (trimSpace) {
            while (pos < input.length && isSpace(input[pos])) {
                pos++;
            }
            ignore();
        }
        return State.TEXT;
    }

    private State lexInsideAction() {
        if (atRightDelim()) {
            if (parenDepth == 0) {
                return State.RIGHT_DELIM;
            }
            return errorf("unclosed left paren");
        }
        int r = next();
        if (r == EOF_RUNE) {
            return errorf("unclosed action");
        } else if (isSpace(r)) {
            backup();
            return State.SPACE;
        } else if (r == '=') {
            emit(ASSIGN);
        } else if (r == ':') {
            if (next() != '=') {
                return errorf("expected :=");
            }
            emit(DECLARE);
        } else if (r == '|') {
            emit(PIPE);
        } else if (r == '"') {
            return State.QUOTE;
        } else if (r == '`') {
            return State.RAW_QUOTE;
        } else if (r == '$') {
            return State.VARIABLE;
        } else if (r == '\'') {
            return State.CHAR;
        } else if (r == '.' && pos < input.length && (input[pos] < '0' || input[pos] > '9')) {
            return State.FIELD;
        } else if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
            backup();
            return State.NUMBER;
        } else if (isAlphaNumeric(r)) {
            backup();
            return State.IDENTIFIER;
        } else if (r == '(') {
            emit(LEFT_PAREN);
            parenDepth++;
        } else if (r == ')') {
            emit(RIGHT_PAREN);
            parenDepth--;
            if (parenDepth < 0) {
                return errorf("unexpected right paren " + Fmt.unicode(r));
            }
        } else if (r < 0x80 && GoUnicode.isPrint(r)) {
            emit(CHAR);
        } else {
            return errorf("unrecognized character in action: " + Fmt.unicode(r));
        }
        return State.INSIDE_ACTION;
    }

    private State lexSpace() {
        int numSpaces = 0;
        while (isSpace(peek())) {
            next();
            numSpaces++;
        }
        if (hasRightTrimMarker(pos - 1) && startsWith(pos - 1 + 2, '}', '}')) {
            backup();
            if (numSpaces == 1) {
                return State.RIGHT_DELIM;
            }
        }
        emit(SPACE);
        return State.INSIDE_ACTION;
    }

    private State lexIdentifier() {
        while (true) {
            int r = next();
            if (!isAlphaNumeric(r)) {
                backup();
                String word = new String(input, start, pos - start, StandardCharsets.UTF_8);
                if (!atTerminator()) {
                    return errorf("bad character " + Fmt.unicode(r));
                }
                int key = keyword(word);
                if (key > KEYWORD) {
                    if ((key == BREAK && !breakOK) || (key == CONTINUE && !continueOK)) {
                        emit(IDENTIFIER);
                    } else {
                        emit(key);
                    }
                } else if (word.charAt(0) == '.') {
                    emit(FIELD);
                } else if (word.equals("true") || word.equals("false")) {
                    emit(BOOL);
                } else {
                    emit(IDENTIFIER);
                }
                return State.INSIDE_ACTION;
            }
        }
    }

    private static int keyword(String word) {
        return switch (word) {
            case "." -> DOT;
            case "block" -> BLOCK;
            case "break" -> BREAK;
            case "continue" -> CONTINUE;
            case "define" -> DEFINE;
            case "else" -> ELSE;
            case "end" -> END;
            case "if" -> IF;
            case "range" -> RANGE;
            case "nil" -> NIL;
            case "template" -> TEMPLATE;
            case "with" -> WITH;
            default -> 0;
        };
    }

    private State lexVariable() {
        if (atTerminator()) {
            emit(VARIABLE);
            return State.INSIDE_ACTION;
        }
        return lexFieldOrVariable(VARIABLE);
    }

    private State lexFieldOrVariable(int type) {
        if (atTerminator()) {
            emit(type == VARIABLE ? VARIABLE : DOT);
            return State.INSIDE_ACTION;
        }
        int r;
        while (true) {
            r = next();
            if (!isAlphaNumeric(r)) {
                backup();
                break;
            }
        }
        if (!atTerminator()) {
            return errorf("bad character " + Fmt.unicode(r));
        }
        emit(type);
        return State.INSIDE_ACTION;
    }

    private boolean atTerminator() {
        int r = peek();
        if (isSpace(r)) {
            return true;
        }
        switch (r) {
            case EOF_RUNE, '.', ',', '|', ':', ')', '(':
                return true;
            default:
                return startsWith(pos, '}', '}');
        }
    }

    private State lexChar() {
        while (true) {
            int r = next();
            if (r == '\\') {
                int r2 = next();
                if (r2 != EOF_RUNE && r2 != '\n') {
                    continue;
                }
                return errorf("unterminated character constant");
            } else if (r == EOF_RUNE || r == '\n') {
                return errorf("unterminated character constant");
            } else if (r == '\'') {
                break;
            }
        }
        emit(CHAR_CONSTANT);
        return State.INSIDE_ACTION;
    }

    private State lexNumber() {
        if (!scanNumber()) {
            return errorf("bad number syntax: " + Strconv.quote(new String(input, start, pos - start,
                                                                           StandardCharsets.UTF_8)));
        }
        int sign = peek();
        if (sign == '+' || sign == '-') {
            if (!scanNumber() || input[pos - 1] != 'i') {
                return errorf("bad number syntax: " + Strconv.quote(new String(input, start, pos - start,
                                                                               StandardCharsets.UTF_8)));
            }
            emit(COMPLEX);
        } else {
            emit(NUMBER);
        }
        return State.INSIDE_ACTION;
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (isAlphaNumeric(peek())) {
            next();
            return false;
        }
        return true;
    }

    private State lexQuote() {
        while (true) {
            int r = next();
            if (r == '\\') {
                int r2 = next();
                if (r2 != EOF_RUNE && r2 != '\n') {
                    continue;
                }
                return errorf("unterminated quoted string");
            } else if (r == EOF_RUNE || r == '\n') {
                return errorf("unterminated quoted string");
            } else if (r == '"') {
                break;
            }
        }
        emit(STRING);
        return State.INSIDE_ACTION;
    }

    private State lexRawQuote() {
        while (true) {
            int r = next();
            if (r == EOF_RUNE) {
                return errorf("unterminated raw quoted string");
            } else if (r == '`') {
                break;
            }
        }
        emit(RAW_STRING);
        return State.INSIDE_ACTION;
    }
}
