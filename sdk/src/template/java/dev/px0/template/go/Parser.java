package dev.px0.template.go;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go 1.19's text/template parser (parse.go), one instance per tree as in Go ({@code define} and {@code block}
 * bodies get their own, sharing the lexer), with the same three-token look-ahead, so errors name the same line.
 * Differences: an {@code else if} chain is parsed in a loop rather than by recursion, and nesting past
 * {@link GoTemplate#MAX_NESTING} is refused.
 */
final class Parser extends PipelineParser {

    private Parser(Shared sh, String name) {
        super(sh, name);
    }

    /** Parses the whole template; returns its trees by name (the top one under parseName). */
    static Map<String, Node.ListNode> parse(String name, byte[] text) {
        Shared sh = new Shared(new Lexer(text, true, true), text, name);
        Parser t = new Parser(sh, name);
        t.parseTop();
        t.add();
        return sh.treeSet;
    }

    private void parseTop() {
        root = new Node.ListNode(peek().pos);
        while (peek().type != Token.EOF) {
            if (peek().type == Token.LEFT_DELIM) {
                Token delim = next();
                if (nextNonSpace().type == Token.DEFINE) {
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
        Token nameToken = expectOneOf(Token.STRING, Token.RAW_STRING, context);
        name = unquote(nameToken.val);
        expect(Token.RIGHT_DELIM, context);
        enter();
        Node[] end = new Node[1];
        root = itemList(end);
        leave();
        if (end[0].kind != Node.END) {
            throw errorf("unexpected " + end[0] + " in " + context);
        }
        add();
    }

    /** Parses items up to an {{end}} or {{else}}, which goes into end[0]. */
    private Node.ListNode itemList(Node[] end) {
        Node.ListNode list = new Node.ListNode(peekNonSpace().pos);
        while (peekNonSpace().type != Token.EOF) {
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
        Token t = nextNonSpace();
        switch (t.type) {
            case Token.TEXT:
                return new Node.TextNode(t.pos, t.val);
            case Token.LEFT_DELIM:
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
        Token t = nextNonSpace();
        switch (t.type) {
            case Token.BLOCK:
                return blockControl();
            case Token.BREAK:
                return breakControl(t.pos, "{{break}}");
            case Token.CONTINUE:
                return breakControl(t.pos, "{{continue}}");
            case Token.ELSE:
                return elseControl();
            case Token.END:
                return new Node.EndNode(expect(Token.RIGHT_DELIM, "end").pos);
            case Token.IF:
                return ifControl();
            case Token.RANGE:
                return branchControl(Node.RANGE, "range");
            case Token.TEMPLATE:
                return templateControl();
            case Token.WITH:
                return branchControl(Node.WITH, "with");
            default:
                break;
        }
        backup();
        Token first = peek();
        return new Node.ActionNode(first.pos, pipeline("command", Token.RIGHT_DELIM));
    }

    private Node breakControl(int pos, String what) {
        Token t = nextNonSpace();
        if (t.type != Token.RIGHT_DELIM) {
            unexpected(t, what);
        }
        if (rangeDepth == 0) {
            throw errorf(what + " outside {{range}}");
        }
        return what.equals("{{break}}") ? new Node.BreakNode(pos) : new Node.ContinueNode(pos);
    }

    private Node elseControl() {
        Token p = peekNonSpace();
        if (p.type == Token.IF) {
            return new Node.ElseNode(p.pos);
        }
        return new Node.ElseNode(expect(Token.RIGHT_DELIM, "else").pos);
    }

    /** range or with: {{range pipeline}} itemList [{{else}} itemList] {{end}}. */
    private Node branchControl(int kind, String context) {
        int mark = vars.size();
        Node.PipeNode pipe = pipeline(context, Token.RIGHT_DELIM);
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
            pipes.add(pipeline("if", Token.RIGHT_DELIM));
            Node[] next = new Node[1];
            lists.add(itemList(next));
            if (next[0].kind == Node.END) {
                break;
            }
            if (peek().type == Token.IF) {
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
        Token t = nextNonSpace();
        String blockName = templateName(t, context);
        Node.PipeNode pipe = pipeline(context, Token.RIGHT_DELIM);
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
        Token t = nextNonSpace();
        String templateName = templateName(t, context);
        Node.PipeNode pipe = null;
        if (nextNonSpace().type != Token.RIGHT_DELIM) {
            backup();
            pipe = pipeline(context, Token.RIGHT_DELIM);
        }
        return new Node.TemplateNode(t.pos, templateName, pipe);
    }

    private String templateName(Token t, String context) {
        if (t.type == Token.STRING || t.type == Token.RAW_STRING) {
            return unquote(t.val);
        }
        unexpected(t, context);
        return null;
    }

}
