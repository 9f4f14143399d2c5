package dev.px0.template.go;

/** Pipelines, commands and operands (parse.go's pipeline, command, operand and term). */
abstract class PipelineParser extends ParserBase {

    PipelineParser(Shared sh, String name) {
        super(sh, name);
    }

    // --- pipelines

    Node.PipeNode pipeline(String context, int end) {
        Token first = peekNonSpace();
        Node.PipeNode pipe = new Node.PipeNode(first.pos);
        decls:
        while (true) {
            Token v = peekNonSpace();
            if (v.type == Token.VARIABLE) {
                next();
                Token tokenAfterVariable = peek();
                Token nxt = peekNonSpace();
                if (nxt.type == Token.ASSIGN || nxt.type == Token.DECLARE) {
                    pipe.isAssign = nxt.type == Token.ASSIGN;
                    nextNonSpace();
                    pipe.decl.add(new Node.VariableNode(v.pos, v.val));
                    vars.add(v.val);
                } else if (nxt.type == Token.CHAR && nxt.val.equals(",")) {
                    nextNonSpace();
                    pipe.decl.add(new Node.VariableNode(v.pos, v.val));
                    vars.add(v.val);
                    if (context.equals("range") && pipe.decl.size() < 2) {
                        int p = peekNonSpace().type;
                        if (p == Token.VARIABLE || p == Token.RIGHT_DELIM || p == Token.RIGHT_PAREN) {
                            continue decls;
                        }
                        throw errorf("range can only initialize variables");
                    }
                    throw errorf("too many declarations in " + context);
                } else if (tokenAfterVariable.type == Token.SPACE) {
                    backup3(v, tokenAfterVariable);
                } else {
                    backup2(v);
                }
            }
            break;
        }
        while (true) {
            Token t = nextNonSpace();
            if (t.type == end) {
                checkPipeline(pipe, context);
                pipe.declArray = pipe.decl.toArray(new Node.VariableNode[0]);
                pipe.cmdArray = pipe.cmds.toArray(new Node.CommandNode[0]);
                return pipe;
            }
            switch (t.type) {
                case Token.BOOL, Token.CHAR_CONSTANT, Token.COMPLEX, Token.DOT, Token.FIELD, Token.IDENTIFIER,
                     Token.NUMBER, Token.NIL, Token.RAW_STRING, Token.STRING, Token.VARIABLE, Token.LEFT_PAREN -> {
                    backup();
                    pipe.cmds.add(command());
                }
                default -> unexpected(t, context);
            }
        }
    }

    void checkPipeline(Node.PipeNode pipe, String context) {
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

    Node.CommandNode command() {
        Node.CommandNode cmd = new Node.CommandNode(peekNonSpace().pos);
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                cmd.args.add(operand);
            }
            Token t = next();
            if (t.type == Token.SPACE) {
                continue;
            }
            if (t.type == Token.RIGHT_DELIM || t.type == Token.RIGHT_PAREN) {
                backup();
            } else if (t.type != Token.PIPE) {
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

    Node operand() {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (peek().type == Token.FIELD) {
            Node.ChainNode chain = new Node.ChainNode(peek().pos, node);
            while (peek().type == Token.FIELD) {
                chain.add(next().val);
            }
            chain.fieldArray = chain.field.toArray(new String[0]);
            switch (node.kind) {
                case Node.FIELD:
                    return new Node.FieldNode(chain.pos, chain.toString());
                case Node.VARIABLE:
                    return new Node.VariableNode(chain.pos, chain.toString());
                case Node.BOOL, Node.STRING, Node.NUMBER, Node.NIL, Node.DOT:
                    throw errorf("unexpected . after term " + Quoting.quote(node.toString()));
                default:
                    return chain;
            }
        }
        return node;
    }

    Node term() {
        Token t = nextNonSpace();
        switch (t.type) {
            case Token.IDENTIFIER:
                if (!Builtins.SPECS.containsKey(t.val)) {
                    throw errorf("function " + Quoting.quote(t.val) + " not defined");
                }
                return new Node.IdentifierNode(t.pos, t.val);
            case Token.DOT:
                return new Node.DotNode(t.pos);
            case Token.NIL:
                return new Node.NilNode(t.pos);
            case Token.VARIABLE:
                return useVar(t.pos, t.val);
            case Token.FIELD:
                return new Node.FieldNode(t.pos, t.val);
            case Token.BOOL:
                return new Node.BoolNode(t.pos, t.val.equals("true"));
            case Token.CHAR_CONSTANT, Token.COMPLEX, Token.NUMBER:
                try {
                    return NumberLiteral.parse(t.pos, t.val, t.type);
                } catch (Strconv.SyntaxError e) {
                    throw errorf(e.getMessage());
                }
            case Token.LEFT_PAREN:
                enter();
                Node.PipeNode p = pipeline("parenthesized pipeline", Token.RIGHT_PAREN);
                leave();
                return p;
            case Token.STRING, Token.RAW_STRING:
                return new Node.StringNode(t.pos, t.val, unquote(t.val));
            default:
                backup();
                return null;
        }
    }

    Node useVar(int pos, String varName) {
        Node.VariableNode v = new Node.VariableNode(pos, varName);
        if (vars.contains(v.ident[0])) {
            return v;
        }
        throw errorf("undefined variable " + Quoting.quote(v.ident[0]));
    }
}
