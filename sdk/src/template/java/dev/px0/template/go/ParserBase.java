package dev.px0.template.go;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parser's state and machinery (Go's parse.Tree while parsing): the three-token look-ahead over the shared
 * lexer, errors with the line of the last token read, the nesting limit, variables in scope, and adding a finished
 * tree to the set by Go's rules for redefinition.
 */
abstract class ParserBase {

    /** What all trees of one template share. */
    static final class Shared {
        final Lexer lex;
        final byte[] text;
        final String parseName;
        final Map<String, Node.ListNode> treeSet = new LinkedHashMap<>();
        int depth;

        Shared(Lexer lex, byte[] text, String parseName) {
            this.lex = lex;
            this.text = text;
            this.parseName = parseName;
        }
    }

    final Shared sh;
    String name;
    Node.ListNode root;
    final Token[] token = new Token[3];
    int peekCount;
    final List<String> vars = new ArrayList<>();
    int actionLine;
    int rangeDepth;

    ParserBase(Shared sh, String name) {
        this.sh = sh;
        this.name = name;
        vars.add("$");
    }

    // --- tokens

    Token next() {
        if (peekCount > 0) {
            peekCount--;
        } else {
            token[0] = sh.lex.nextToken();
        }
        return token[peekCount];
    }

    void backup() {
        peekCount++;
    }

    void backup2(Token t1) {
        token[1] = t1;
        peekCount = 2;
    }

    void backup3(Token t2, Token t1) {
        token[1] = t1;
        token[2] = t2;
        peekCount = 3;
    }

    Token peek() {
        if (peekCount > 0) {
            return token[peekCount - 1];
        }
        peekCount = 1;
        token[0] = sh.lex.nextToken();
        return token[0];
    }

    Token nextNonSpace() {
        Token t;
        do {
            t = next();
        } while (t.type == Token.SPACE);
        return t;
    }

    Token peekNonSpace() {
        Token t = nextNonSpace();
        backup();
        return t;
    }

    // --- errors

    TemplateParseException errorf(String message) {
        return errorf(message, null);
    }

    TemplateParseException errorf(String message, GoTemplate.Limit limit) {
        Token at = token[0];
        int line = at == null ? 0 : at.line;
        int column = at == null ? 0 : column(at.pos);
        throw new TemplateParseException("template: " + sh.parseName + ":" + line + ": " + message, line, column,
                                         limit);
    }

    int column(int pos) {
        int p = Math.min(pos, sh.text.length);
        int start = p;
        while (start > 0 && sh.text[start - 1] != '\n') {
            start--;
        }
        return GoStrings.runeCount(GoStrings.fromBytes(sh.text, start, p - start)) + 1;
    }

    Token expect(int expected, String context) {
        Token t = nextNonSpace();
        if (t.type != expected) {
            unexpected(t, context);
        }
        return t;
    }

    Token expectOneOf(int expected1, int expected2, String context) {
        Token t = nextNonSpace();
        if (t.type != expected1 && t.type != expected2) {
            unexpected(t, context);
        }
        return t;
    }

    void unexpected(Token t, String context) {
        if (t.type == Token.ERROR) {
            String extra = "";
            if (actionLine != 0 && actionLine != t.line) {
                extra = " in action started at " + sh.parseName + ":" + actionLine;
                if (t.val.endsWith(" action")) {
                    extra = extra.substring(" in action".length());
                }
            }
            throw errorf(t + extra);
        }
        throw errorf("unexpected " + t + " in " + context);
    }

    void enter() {
        if (++sh.depth > GoTemplate.MAX_NESTING) {
            throw errorf("nesting deeper than the limit of " + GoTemplate.MAX_NESTING + " levels",
                         GoTemplate.Limit.NESTING);
        }
    }

    void leave() {
        sh.depth--;
    }

    // --- trees

    void add() {
        Node.ListNode tree = sh.treeSet.get(name);
        if (tree == null || isEmptyTree(tree)) {
            sh.treeSet.put(name, root);
            return;
        }
        if (!isEmptyTree(root)) {
            throw errorf("template: multiple definition of template " + Quoting.quote(name));
        }
    }

    static boolean isEmptyTree(Node n) {
        if (n == null) {
            return true;
        }
        if (n instanceof Node.ListNode) {
            for (Node c : ((Node.ListNode) n).nodes) {
                if (!isEmptyTree(c)) {
                    return false;
                }
            }
            return true;
        }
        if (n instanceof Node.TextNode) {
            String text = ((Node.TextNode) n).text;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                if (!isGoSpace(cp)) {
                    return false;
                }
                i += Character.charCount(cp);
            }
            return true;
        }
        return false;
    }

    /** Go's unicode.IsSpace. */
    static boolean isGoSpace(int r) {
        switch (r) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                return true;
            default:
                return r >= 0x2000 && r <= 0x200A;
        }
    }

    String unquote(String literal) {
        try {
            return Quoting.unquote(literal);
        } catch (Strconv.SyntaxError e) {
            throw errorf(e.getMessage());
        }
    }

    void popVars(int n) {
        while (vars.size() > n) {
            vars.remove(vars.size() - 1);
        }
    }
}
