package dev.px0.template.go;

import java.nio.charset.StandardCharsets;

/**
 * Go 1.19's text/template lexer on the template's UTF-8 bytes: the same items, positions (byte offsets) and line
 * numbers, produced on demand as the parser asks (Go runs it in lockstep through an unbuffered channel).
 */
final class Lexer extends LexerBase {

    private enum State { TEXT, LEFT_DELIM, COMMENT, RIGHT_DELIM, INSIDE_ACTION, SPACE, IDENTIFIER, FIELD, VARIABLE,
        CHAR, NUMBER, QUOTE, RAW_QUOTE }

    private State state = State.TEXT;

    Lexer(byte[] input, boolean breakOK, boolean continueOK) {
        super(input, breakOK, continueOK);
    }

    /** The next item; after the end (or an error), Go's zero item. */
    Token nextToken() {
        while (items.isEmpty()) {
            if (state == null) {
                return new Token(Token.ERROR, 0, "", 0);
            }
            state = step(state);
        }
        return items.poll();
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
            case FIELD -> lexFieldOrVariable(Token.FIELD);
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
                emit(Token.TEXT);
            }
            pos += trimLength;
            ignore();
            return State.LEFT_DELIM;
        }
        pos = input.length;
        if (pos > start) {
            line += count(start, pos);
            emit(Token.TEXT);
        }
        emit(Token.EOF);
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
        emit(Token.LEFT_DELIM);
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
        emit(Token.RIGHT_DELIM);
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
            emit(Token.ASSIGN);
        } else if (r == ':') {
            if (next() != '=') {
                return errorf("expected :=");
            }
            emit(Token.DECLARE);
        } else if (r == '|') {
            emit(Token.PIPE);
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
            emit(Token.LEFT_PAREN);
            parenDepth++;
        } else if (r == ')') {
            emit(Token.RIGHT_PAREN);
            parenDepth--;
            if (parenDepth < 0) {
                return errorf("unexpected right paren " + Fmt.unicode(r));
            }
        } else if (r < 0x80 && GoUnicode.isPrint(r)) {
            emit(Token.CHAR);
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
        emit(Token.SPACE);
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
                int key = Token.keyword(word);
                if (key > Token.KEYWORD) {
                    if ((key == Token.BREAK && !breakOK) || (key == Token.CONTINUE && !continueOK)) {
                        emit(Token.IDENTIFIER);
                    } else {
                        emit(key);
                    }
                } else if (word.charAt(0) == '.') {
                    emit(Token.FIELD);
                } else if (word.equals("true") || word.equals("false")) {
                    emit(Token.BOOL);
                } else {
                    emit(Token.IDENTIFIER);
                }
                return State.INSIDE_ACTION;
            }
        }
    }

    private State lexVariable() {
        if (atTerminator()) {
            emit(Token.VARIABLE);
            return State.INSIDE_ACTION;
        }
        return lexFieldOrVariable(Token.VARIABLE);
    }

    private State lexFieldOrVariable(int type) {
        if (atTerminator()) {
            emit(type == Token.VARIABLE ? Token.VARIABLE : Token.DOT);
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
        emit(Token.CHAR_CONSTANT);
        return State.INSIDE_ACTION;
    }

    private State lexNumber() {
        if (!scanNumber()) {
            return errorf("bad number syntax: " + Quoting.quote(new String(input, start, pos - start,
                                                                           StandardCharsets.UTF_8)));
        }
        int sign = peek();
        if (sign == '+' || sign == '-') {
            if (!scanNumber() || input[pos - 1] != 'i') {
                return errorf("bad number syntax: " + Quoting.quote(new String(input, start, pos - start,
                                                                               StandardCharsets.UTF_8)));
            }
            emit(Token.COMPLEX);
        } else {
            emit(Token.NUMBER);
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
        emit(Token.STRING);
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
        emit(Token.RAW_STRING);
        return State.INSIDE_ACTION;
    }

    private State errorf(String message) {
        error(message);
        return null;
    }
}
