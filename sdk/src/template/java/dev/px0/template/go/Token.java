package dev.px0.template.go;

import java.nio.charset.StandardCharsets;

/** A lexer item (Go's parse.item): type, byte position, text and line. */
final class Token {

    // item types, in Go's order (keywords after KEYWORD)
    static final int ERROR = 0, BOOL = 1, CHAR = 2, CHAR_CONSTANT = 3, COMMENT = 4, COMPLEX = 5, ASSIGN = 6,
            DECLARE = 7, EOF = 8, FIELD = 9, IDENTIFIER = 10, LEFT_DELIM = 11, LEFT_PAREN = 12, NUMBER = 13,
            PIPE = 14, RAW_STRING = 15, RIGHT_DELIM = 16, RIGHT_PAREN = 17, SPACE = 18, STRING = 19, TEXT = 20,
            VARIABLE = 21, KEYWORD = 22, BLOCK = 23, BREAK = 24, CONTINUE = 25, DOT = 26, DEFINE = 27, ELSE = 28,
            END = 29, IF = 30, NIL = 31, RANGE = 32, TEMPLATE = 33, WITH = 34;

    final int type;
    final int pos;
    final String val;
    final int line;

    Token(int type, int pos, String val, int line) {
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
            Quoting.quote(b, runes > 10 ? val.substring(0, val.offsetByCodePoints(0, 10)) : val, '"', false);
            return b.append("...").toString();
        }
        Quoting.quote(b, val, '"', false);
        return b.toString();
    }

    /** The keyword type of a word, or 0. */
    static int keyword(String word) {
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
}
