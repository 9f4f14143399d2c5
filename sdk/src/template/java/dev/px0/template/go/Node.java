package dev.px0.template.go;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of a parsed template: Go's text/template/parse node types, with the same byte positions and the same
 * {@link #toString()} (error messages quote nodes as Go prints them).
 */
abstract class Node {

    static final int TEXT = 0, ACTION = 1, BOOL = 2, CHAIN = 3, COMMAND = 4, DOT = 5, ELSE = 6, END = 7, FIELD = 8,
            IDENTIFIER = 9, IF = 10, LIST = 11, NIL = 12, NUMBER = 13, PIPE = 14, RANGE = 15, STRING = 16,
            TEMPLATE = 17, VARIABLE = 18, WITH = 19, BREAK = 20, CONTINUE = 21;

    final int kind;
    final int pos;

    Node(int kind, int pos) {
        this.kind = kind;
        this.pos = pos;
    }

    abstract void writeTo(StringBuilder b);

    @Override
    public final String toString() {
        StringBuilder b = new StringBuilder();
        writeTo(b);
        return b.toString();
    }

    static final class ListNode extends Node {
        final List<Node> nodes = new ArrayList<>();
        Node[] array; // the nodes, fixed by freeze() when parsing ends

        ListNode(int pos) {
            super(LIST, pos);
        }

        ListNode freeze() {
            array = nodes.toArray(new Node[0]);
            return this;
        }

        @Override
        void writeTo(StringBuilder b) {
            for (Node n : nodes) {
                n.writeTo(b);
            }
        }
    }

    static final class TextNode extends Node {
        final String text; // valid UTF-8 (from the source)

        TextNode(int pos, String text) {
            super(TEXT, pos);
            this.text = text;
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append(text);
        }
    }

    static final class PipeNode extends Node {
        boolean isAssign;
        final List<VariableNode> decl = new ArrayList<>(1);
        final List<CommandNode> cmds = new ArrayList<>(2);
        VariableNode[] declArray;
        CommandNode[] cmdArray;

        PipeNode(int pos) {
            super(PIPE, pos);
        }

        @Override
        void writeTo(StringBuilder b) {
            if (!decl.isEmpty()) {
                for (int i = 0; i < decl.size(); i++) {
                    if (i > 0) {
                        b.append(", ");
                    }
                    decl.get(i).writeTo(b);
                }
                b.append(" := ");
            }
            for (int i = 0; i < cmds.size(); i++) {
                if (i > 0) {
                    b.append(" | ");
                }
                cmds.get(i).writeTo(b);
            }
        }
    }

    static final class ActionNode extends Node {
        final PipeNode pipe;

        ActionNode(int pos, PipeNode pipe) {
            super(ACTION, pos);
            this.pipe = pipe;
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append("{{");
            pipe.writeTo(b);
            b.append("}}");
        }
    }

    static final class CommandNode extends Node {
        final List<Node> args = new ArrayList<>(3);
        Node[] argArray;
        Node[] callArgs; // argArray without its first element: a function's arguments

        CommandNode(int pos) {
            super(COMMAND, pos);
        }

        @Override
        void writeTo(StringBuilder b) {
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    b.append(' ');
                }
                Node arg = args.get(i);
                if (arg instanceof PipeNode) {
                    b.append('(');
                    arg.writeTo(b);
                    b.append(')');
                } else {
                    arg.writeTo(b);
                }
            }
        }
    }

    static final class IdentifierNode extends Node {
        final String ident;
        final Builtins.Spec spec;

        IdentifierNode(int pos, String ident) {
            super(IDENTIFIER, pos);
            this.ident = ident;
            this.spec = Builtins.SPECS.get(ident);
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append(ident);
        }
    }

    /** A $variable, possibly followed by fields: ident[0] is the name ("$x"), the rest field names. */
    static final class VariableNode extends Node {
        final String[] ident;

        VariableNode(int pos, String ident) {
            super(VARIABLE, pos);
            this.ident = ident.split("\\.", -1);
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append(String.join(".", ident));
        }
    }

    static final class DotNode extends Node {
        DotNode(int pos) {
            super(DOT, pos);
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append('.');
        }
    }

    static final class NilNode extends Node {
        NilNode(int pos) {
            super(NIL, pos);
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append("nil");
        }
    }

    /** .a.b.c: ident is {"a", "b", "c"}. */
    static final class FieldNode extends Node {
        final String[] ident;
        final Node[] self = {this}; // the arguments Go passes when a field is a function's argument

        FieldNode(int pos, String ident) {
            super(FIELD, pos);
            this.ident = ident.substring(1).split("\\.", -1);
        }

        @Override
        void writeTo(StringBuilder b) {
            for (String id : ident) {
                b.append('.').append(id);
            }
        }
    }

    /** (pipeline).a.b, or another term followed by fields. */
    static final class ChainNode extends Node {
        final Node node;
        final List<String> field = new ArrayList<>(2);
        String[] fieldArray;

        ChainNode(int pos, Node node) {
            super(CHAIN, pos);
            this.node = node;
        }

        void add(String f) {
            field.add(f.substring(1));
        }

        @Override
        void writeTo(StringBuilder b) {
            if (node instanceof PipeNode) {
                b.append('(');
                node.writeTo(b);
                b.append(')');
            } else {
                node.writeTo(b);
            }
            for (String f : field) {
                b.append('.').append(f);
            }
        }
    }

    static final class BoolNode extends Node {
        final boolean value;

        BoolNode(int pos, boolean value) {
            super(BOOL, pos);
            this.value = value;
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append(value);
        }
    }

    static final class NumberNode extends Node {
        boolean isInt;
        boolean isUint;
        boolean isFloat;
        boolean isComplex;
        long int64;
        long uint64;
        double float64;
        double re;
        double im;
        final String text;

        NumberNode(int pos, String text) {
            super(NUMBER, pos);
            this.text = text;
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append(text);
        }
    }

    static final class StringNode extends Node {
        final String quoted;
        final String text; // a Go string (may hold escapes)
        final boolean hasEscape;

        StringNode(int pos, String quoted, String text) {
            super(STRING, pos);
            this.quoted = quoted;
            this.text = text;
            this.hasEscape = GoStrings.hasEscape(text);
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append(quoted);
        }
    }

    static final class EndNode extends Node {
        EndNode(int pos) {
            super(END, pos);
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append("{{end}}");
        }
    }

    static final class ElseNode extends Node {
        ElseNode(int pos) {
            super(ELSE, pos);
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append("{{else}}");
        }
    }

    /** if, range or with (by kind). */
    static final class BranchNode extends Node {
        final PipeNode pipe;
        final ListNode list;
        final ListNode elseList;

        BranchNode(int kind, int pos, PipeNode pipe, ListNode list, ListNode elseList) {
            super(kind, pos);
            this.pipe = pipe;
            this.list = list;
            this.elseList = elseList;
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append("{{").append(kind == IF ? "if" : kind == RANGE ? "range" : "with").append(' ');
            pipe.writeTo(b);
            b.append("}}");
            list.writeTo(b);
            if (elseList != null) {
                b.append("{{else}}");
                elseList.writeTo(b);
            }
            b.append("{{end}}");
        }
    }

    static final class TemplateNode extends Node {
        final String name;
        final PipeNode pipe; // may be null

        TemplateNode(int pos, String name, PipeNode pipe) {
            super(TEMPLATE, pos);
            this.name = name;
            this.pipe = pipe;
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append("{{template ");
            Quoting.quote(b, name, '"', false);
            if (pipe != null) {
                b.append(' ');
                pipe.writeTo(b);
            }
            b.append("}}");
        }
    }

    static final class BreakNode extends Node {
        BreakNode(int pos) {
            super(BREAK, pos);
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append("{{break}}");
        }
    }

    static final class ContinueNode extends Node {
        ContinueNode(int pos) {
            super(CONTINUE, pos);
        }

        @Override
        void writeTo(StringBuilder b) {
            b.append("{{continue}}");
        }
    }
}
