package dev.px0.template.go;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go 1.19's text/template parser (parse.go), one instance per tree as in Go ({@code define} and {@code block}
 * bodies get their own, sharing the lexer), with the same three-token look-ahead, so errors name the same line.
 * Differences: an {@code else if} chain is parsed in a loop rather than by recursion, and nesting past
 * {@link GoTemplate#MAX_NESTING} is refused.
 */
final class Parser {

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

    private final Shared sh;
    private String name;
    private Node.ListNode root;
    private final Lexer.Item[] token = new Lexer.Item[3];
    private int peekCount;
    private final List<String> vars = new ArrayList<>();
    private int actionLine;
    private int rangeDepth;

    private Parser(Shared sh, String name) {
        this.sh = sh;
        this.name = name;
        vars.add("$");
    }

    /** Parses the whole template; returns its trees by name (the top one under parseName). */
    static Map<String, Node.ListNode> parse(String name, byte[] text) {
        Shared sh = new Shared(new Lexer(text, true, true), text, name);
        Parser t = new Parser(sh, name);
        t.parseTop();
        t.add();
        return sh.treeSet;
    }

    // --- tokens

    private Lexer.Item next() {
        if (peekCount > 0) {
            peekCount--;
        } else {
            token[0] = sh.lex.nextItem();
        }
        return token[peekCount];
    }

    private void backup() {
        peekCount++;
    }

    private void backup2(Lexer.Item t1) {
        token[1] = t1;
        peekCount = 2;
    }

    private void backup3(Lexer.Item t2, Lexer.Item t1) {
        token[1] = t1;
        token[2] = t2;
        peekCount = 3;
    }

    private Lexer.Item peek() {
        if (peekCount > 0) {
            return token[peekCount - 1];
        }
        peekCount = 1;
        token[0] = sh.lex.nextItem();
        return token[0];
    }

    private Lexer.Item nextNonSpace() {
        Lexer.Item t;
        do {
            t = next();
        } while (t.type == Lexer.SPACE);
        return t;
    }

    private Lexer.Item peekNonSpace() {
        Lexer.Item t = nextNonSpace();
        backup();
        return t;
    }

    // --- errors

    private TemplateParseException errorf(String message) {
        return errorf(message, null);
    }

    private TemplateParseException errorf(String message, GoTemplate.Limit limit) {
        Lexer.Item at = token[0];
        int line = at == null ? 0 : at.line;
        int column = at == null ? 0 : column(at.pos);
        throw new TemplateParseException("template: " + sh.parseName + ":" + line + ": " + message, line, column,
                                         limit);
    }

    private int column(int pos) {
        int p = Math.min(pos, sh.text.length);
        int start = p;
        while (start > 0 && sh.text[start - 1] != '\n') {
            start--;
        }
        return GoStrings.runeCount(GoStrings.fromBytes(sh.text, start, p - start)) + 1;
    }

    private Lexer.Item expect(int expected, String context) {
        Lexer.Item t = nextNonSpace();
        if (t.type != expected) {
            unexpected(t, context);
        }
        return t;
    }

    private Lexer.Item expectOneOf(int expected1, int expected2, String context) {
        Lexer.Item t = nextNonSpace();
        if (t.type != expected1 && t.type != expected2) {
            unexpected(t, context);
        }
        return t;
    }

    private void unexpected(Lexer.Item t, String context) {
        if (t.type == Lexer.ERROR) {
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

    private void enter() {
        if (++sh.depth > GoTemplate.MAX_NESTING) {
            throw errorf("nesting deeper than the limit of " + GoTemplate.MAX_NESTING + " levels",
                         GoTemplate.Limit.NESTING);
        }
    }

    private void leave() {
        sh.depth--;
    }

    // --- trees

    private void add() {
        Node.ListNode tree = sh.treeSet.get(name);
        if (tree == null || isEmptyTree(tree)) {
            sh.treeSet.put(name, root);
            return;
        }
        if (!isEmptyTree(root)) {
            throw errorf("template: multiple definition of template " + Strconv.quote(name));
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

    private void parseTop() {
        root = new Node.ListNode(peek().pos);
        while (peek().type != Lexer.EOF) {
            if (peek().type == Lexer.LEFT_DELIM) {
                Lexer.Item delim = next();
                if (nextNonSpace().type == Lexer.DEFINE) {
                    Parser newT = new Parser(sh, "definition");
                    newT.parseDefinition();
                    continue;
                }
                backup2(delim);
            }
            Node n = textOrAction();
            if (n.kind == Node.END || n.kind == Node.ELSE) {
                throw errorf("unexpected " + n);
            }
            root.nodes.add(n);
        }
        root.freeze();
    }

    private void parseDefinition() {
        String context = "define clause";
        Lexer.Item nameToken = expectOneOf(Lexer.STRING, Lexer.RAW_STRING, context);
        name = unquote(nameToken.val);
        expect(Lexer.RIGHT_DELIM, context);
        enter();
        Node[] end = new Node[1];
        root = itemList(end);
        leave();
        if (end[0].kind != Node.END) {
            throw errorf("unexpected " + end[0] + " in " + context);
        }
        add();
    }

    private String unquote(String literal) {
        try {
            return Strconv.unquote(literal);
        } catch (Strconv.SyntaxError e) {
            throw errorf(e.getMessage());
        }
    }

    /** Parses items up to an {{end}} or {{else}}, which goes into end[0]. */
    private Node.ListNode itemList(Node[] end) {
        Node.ListNode list = new Node.ListNode(peekNonSpace().pos);
        while (peekNonSpace().type != Lexer.EOF) {
            Node n = textOrAction();
            if (n.kind == Node.END || n.kind == Node.ELSE) {
                end[0] = n;
                return list.freeze();
            }
            list.nodes.add(n);
        }
        throw errorf("unexpected EOF");
    }

    private Node textOrAction() {
        Lexer.Item t = nextNonSpace();
        switch (t.type) {
            case Lexer.TEXT:
                return new Node.TextNode(t.pos, t.val);
            case Lexer.LEFT_DELIM:
                actionLine = t.line;
                try {
                    return action();
                } finally {
                    actionLine = 0;
                }
            default:
                unexpected(t, "input");
                return null;
        }
    }

    private Node action() {
        Lexer.Item t = nextNonSpace();
        switch (t.type) {
            case Lexer.BLOCK:
                return blockControl();
            case Lexer.BREAK:
                return breakControl(t.pos, "{{break}}");
            case Lexer.CONTINUE:
                return breakControl(t.pos, "{{continue}}");
            case Lexer.ELSE:
                return elseControl();
            case Lexer.END:
                return new Node.EndNode(expect(Lexer.RIGHT_DELIM, "end").pos);
            case Lexer.IF:
                return ifControl();
            case Lexer.RANGE:
                return branchControl(Node.RANGE, "range");
            case Lexer.TEMPLATE:
                return templateControl();
            case Lexer.WITH:
                return branchControl(Node.WITH, "with");
            default:
                break;
        }
        backup();
        Lexer.Item first = peek();
        return new Node.ActionNode(first.pos, pipeline("command", Lexer.RIGHT_DELIM));
    }

    private Node breakControl(int pos, String what) {
        Lexer.Item t = nextNonSpace();
        if (t.type != Lexer.RIGHT_DELIM) {
            unexpected(t, what);
        }
        if (rangeDepth == 0) {
            throw errorf(what + " outside {{range}}");
        }
        return what.equals("{{break}}") ? new Node.BreakNode(pos) : new Node.ContinueNode(pos);
    }

    private Node elseControl() {
        Lexer.Item p = peekNonSpace();
        if (p.type == Lexer.IF) {
            return new Node.ElseNode(p.pos);
        }
        return new Node.ElseNode(expect(Lexer.RIGHT_DELIM, "else").pos);
    }

    /** range or with: {{range pipeline}} itemList [{{else}} itemList] {{end}}. */
    private Node branchControl(int kind, String context) {
        int mark = vars.size();
        Node.PipeNode pipe = pipeline(context, Lexer.RIGHT_DELIM);
        enter();
        if (kind == Node.RANGE) {
            rangeDepth++;
        }
        Node[] next = new Node[1];
        Node.ListNode list = itemList(next);
        if (kind == Node.RANGE) {
            rangeDepth--;
        }
        Node.ListNode elseList = null;
        if (next[0].kind == Node.ELSE) {
            elseList = itemList(next);
            if (next[0].kind != Node.END) {
                throw errorf("expected end; found " + next[0]);
            }
        }
        leave();
        popVars(mark);
        return new Node.BranchNode(kind, pipe.pos, pipe, list, elseList);
    }

    /** if, with its else-if chain in a loop: {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}. */
    private Node ifControl() {
        int mark = vars.size();
        List<Node.PipeNode> pipes = new ArrayList<>(1);
        List<Node.ListNode> lists = new ArrayList<>(1);
        List<Integer> elsePositions = new ArrayList<>(1);
        Node.ListNode lastElse = null;
        enter();
        while (true) {
            pipes.add(pipeline("if", Lexer.RIGHT_DELIM));
            Node[] next = new Node[1];
            lists.add(itemList(next));
            if (next[0].kind == Node.END) {
                break;
            }
            if (peek().type == Lexer.IF) {
                next();
                elsePositions.add(next[0].pos);
                continue;
            }
            lastElse = itemList(next);
            if (next[0].kind != Node.END) {
                throw errorf("expected end; found " + next[0]);
            }
            break;
        }
        leave();
        popVars(mark);
        Node.BranchNode node = null;
        for (int k = pipes.size() - 1; k >= 0; k--) {
            Node.ListNode elseList = lastElse;
            if (node != null) {
                elseList = new Node.ListNode(elsePositions.get(k));
                elseList.nodes.add(node);
                elseList.freeze();
            }
            node = new Node.BranchNode(Node.IF, pipes.get(k).pos, pipes.get(k), lists.get(k), elseList);
            lastElse = null;
        }
        return node;
    }

    private Node blockControl() {
        String context = "block clause";
        Lexer.Item t = nextNonSpace();
        String blockName = templateName(t, context);
        Node.PipeNode pipe = pipeline(context, Lexer.RIGHT_DELIM);
        Parser block = new Parser(sh, blockName);
        enter();
        Node[] end = new Node[1];
        block.root = block.itemList(end);
        leave();
        if (end[0].kind != Node.END) {
            throw errorf("unexpected " + end[0] + " in " + context);
        }
        block.add();
        return new Node.TemplateNode(t.pos, blockName, pipe);
    }

    private Node templateControl() {
        String context = "template clause";
        Lexer.Item t = nextNonSpace();
        String templateName = templateName(t, context);
        Node.PipeNode pipe = null;
        if (nextNonSpace().type != Lexer.RIGHT_DELIM) {
            backup();
            pipe = pipeline(context, Lexer.RIGHT_DELIM);
        }
        return new Node.TemplateNode(t.pos, templateName, pipe);
    }

    private String templateName(Lexer.Item t, String context) {
        if (t.type == Lexer.STRING || t.type == Lexer.RAW_STRING) {
            return unquote(t.val);
        }
        unexpected(t, context);
        return null;
    }

    private void popVars(int n) {
        while (vars.size() > n) {
            vars.remove(vars.size() - 1);
        }
    }

    // --- pipelines

    private Node.PipeNode pipeline(String context, int end) {
        Lexer.Item first = peekNonSpace();
        Node.PipeNode pipe = new Node.PipeNode(first.pos);
        decls:
        while (true) {
            Lexer.Item v = peekNonSpace();
            if (v.type == Lexer.VARIABLE) {
                next();
                Lexer.Item tokenAfterVariable = peek();
                Lexer.Item nxt = peekNonSpace();
                if (nxt.type == Lexer.ASSIGN || nxt.type == Lexer.DECLARE) {
                    pipe.isAssign = nxt.type == Lexer.ASSIGN;
                    nextNonSpace();
                    pipe.decl.add(new Node.VariableNode(v.pos, v.val));
                    vars.add(v.val);
                } else if (nxt.type == Lexer.CHAR && nxt.val.equals(",")) {
                    nextNonSpace();
                    pipe.decl.add(new Node.VariableNode(v.pos, v.val));
                    vars.add(v.val);
                    if (context.equals("range") && pipe.decl.size() < 2) {
                        int p = peekNonSpace().type;
                        if (p == Lexer.VARIABLE || p == Lexer.RIGHT_DELIM || p == Lexer.RIGHT_PAREN) {
                            continue decls;
                        }
                        throw errorf("range can only initialize variables");
                    }
                    throw errorf("too many declarations in " + context);
                } else if (tokenAfterVariable.type == Lexer.SPACE) {
                    backup3(v, tokenAfterVariable);
                } else {
                    backup2(v);
                }
            }
            break;
        }
        while (true) {
            Lexer.Item t = nextNonSpace();
            if (t.type == end) {
                checkPipeline(pipe, context);
                pipe.declArray = pipe.decl.toArray(new Node.VariableNode[0]);
                pipe.cmdArray = pipe.cmds.toArray(new Node.CommandNode[0]);
                return pipe;
            }
            switch (t.type) {
                case Lexer.BOOL, Lexer.CHAR_CONSTANT, Lexer.COMPLEX, Lexer.DOT, Lexer.FIELD, Lexer.IDENTIFIER,
                     Lexer.NUMBER, Lexer.NIL, Lexer.RAW_STRING, Lexer.STRING, Lexer.VARIABLE, Lexer.LEFT_PAREN -> {
                    backup();
                    pipe.cmds.add(command());
                }
                default -> unexpected(t, context);
            }
        }
    }

    private void checkPipeline(Node.PipeNode pipe, String context) {
        if (pipe.cmds.isEmpty()) {
            throw errorf("missing value for " + context);
        }
        for (int i = 1; i < pipe.cmds.size(); i++) {
            switch (pipe.cmds.get(i).args.get(0).kind) {
                case Node.BOOL, Node.DOT, Node.NIL, Node.NUMBER, Node.STRING ->
                        throw errorf("non executable command in pipeline stage " + (i + 1));
                default -> {
                }
            }
        }
    }

    private Node.CommandNode command() {
        Node.CommandNode cmd = new Node.CommandNode(peekNonSpace().pos);
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                cmd.args.add(operand);
            }
            Lexer.Item t = next();
            if (t.type == Lexer.SPACE) {
                continue;
            }
            if (t.type == Lexer.RIGHT_DELIM || t.type == Lexer.RIGHT_PAREN) {
                backup();
            } else if (t.type != Lexer.PIPE) {
                unexpected(t, "operand");
            }
            break;
        }
        if (cmd.args.isEmpty()) {
            throw errorf("empty command");
        }
        cmd.argArray = cmd.args.toArray(new Node[0]);
        cmd.callArgs = java.util.Arrays.copyOfRange(cmd.argArray, 1, cmd.argArray.length);
        return cmd;
    }

    private Node operand() {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (peek().type == Lexer.FIELD) {
            Node.ChainNode chain = new Node.ChainNode(peek().pos, node);
            while (peek().type == Lexer.FIELD) {
                chain.add(next().val);
            }
            chain.fieldArray = chain.field.toArray(new String[0]);
            switch (node.kind) {
                case Node.FIELD:
                    return new Node.FieldNode(chain.pos, chain.toString());
                case Node.VARIABLE:
                    return new Node.VariableNode(chain.pos, chain.toString());
                case Node.BOOL, Node.STRING, Node.NUMBER, Node.NIL, Node.DOT:
                    throw errorf("unexpected . after term " + Strconv.quote(node.toString()));
                default:
                    return chain;
            }
        }
        return node;
    }

    private Node term() {
        Lexer.Item t = nextNonSpace();
        switch (t.type) {
            case Lexer.IDENTIFIER:
                if (!Builtins.SPECS.containsKey(t.val)) {
                    throw errorf("function " + Strconv.quote(t.val) + " not defined");
                }
                return new Node.IdentifierNode(t.pos, t.val);
            case Lexer.DOT:
                return new Node.DotNode(t.pos);
            case Lexer.NIL:
                return new Node.NilNode(t.pos);
            case Lexer.VARIABLE:
                return useVar(t.pos, t.val);
            case Lexer.FIELD:
                return new Node.FieldNode(t.pos, t.val);
            case Lexer.BOOL:
                return new Node.BoolNode(t.pos, t.val.equals("true"));
            case Lexer.CHAR_CONSTANT, Lexer.COMPLEX, Lexer.NUMBER:
                try {
                    return NumberLiteral.parse(t.pos, t.val, t.type);
                } catch (Strconv.SyntaxError e) {
                    throw errorf(e.getMessage());
                }
            case Lexer.LEFT_PAREN:
                enter();
                Node.PipeNode p = pipeline("parenthesized pipeline", Lexer.RIGHT_PAREN);
                leave();
                return p;
            case Lexer.STRING, Lexer.RAW_STRING:
                return new Node.StringNode(t.pos, t.val, unquote(t.val));
            default:
                backup();
                return null;
        }
    }

    private Node useVar(int pos, String varName) {
        Node.VariableNode v = new Node.VariableNode(pos, varName);
        if (vars.contains(v.ident[0])) {
            return v;
        }
        throw errorf("undefined variable " + Strconv.quote(v.ident[0]));
    }
}
