package dev.px0.template.go;

import java.util.List;
import java.util.Map;

/**
 * One render: exec.go's state (variables, the node errors blame, the template being executed) and its walk over
 * the tree. The walk keeps its own stack of frames instead of recursing, so {@code {{template}}} calls 1,000 deep
 * inside 64 levels of nesting use heap, not the Java stack; only expressions recurse (as deep as parentheses nest).
 */
final class Exec {

    final Budget budget;
    final Eval eval = new Eval(this);
    private final GoTemplate template;
    private final Output out;
    private Node node;
    private String tmplName;
    private int depth;

    private String[] names = new String[8];
    private Object[] values = new Object[8];
    private boolean[] ifaces = new boolean[8];
    private int top;
    private int base;

    private static final int LIST = 0, POP = 1, RANGE = 2, CALL = 3;

    private static final class Frame {
        int kind;
        Node[] nodes;
        int i;
        Object dot;
        boolean dotIface;
        int mark;
        int mark0;
        Node.BranchNode range;
        Object coll;
        List<?> keys;
        int n;
        boolean broken;
        int savedBase;
        String savedName;
    }

    private Frame[] frames = new Frame[8];
    private int ftop;

    /** A render into out, sharing budget with the renders before it, which wrote bytesBefore bytes. */
    Exec(GoTemplate template, StringBuilder out, Budget budget, long bytesBefore) {
        this.template = template;
        this.out = new Output(out, bytesBefore);
        this.budget = budget;
    }

    // --- errors

    void at(Node n) {
        node = n;
    }

    TemplateExecException error(String message) {
        return new TemplateExecException(message(message), null);
    }

    String message(String what) {
        if (node == null) {
            return GoStrings.toText("template: " + tmplName + ": " + what);
        }
        byte[] text = template.text();
        int pos = Math.min(node.pos, text.length);
        int line = 1;
        int lastNewline = -1;
        for (int i = 0; i < pos; i++) {
            if (text[i] == '\n') {
                line++;
                lastNewline = i;
            }
        }
        int col = lastNewline < 0 ? pos : pos - (lastNewline + 1);
        return GoStrings.toText("template: " + template.name() + ":" + line + ":" + col + ": executing "
                                + Quoting.quote(tmplName) + " at <" + node + ">: " + what);
    }

    // --- running

    /** Renders the template named name with data as dot, appending to the output. */
    void execute(String name, Object data) {
        tmplName = name;
        node = null;
        try {
            Node.ListNode root = template.trees().get(name);
            if (root == null) {
                throw error(Quoting.quote(name) + " is an incomplete or empty template");
            }
            base = top = 0;
            push("$", data, false);
            run(root, data);
        } catch (Budget.Exceeded e) {
            throw new TemplateExecException(message(e.getMessage()), e.limit);
        }
    }

    private void run(Node.ListNode root, Object dot) {
        pushList(root, dot, false);
        while (ftop > 0) {
            Frame f = frames[ftop - 1];
            switch (f.kind) {
                case LIST -> {
                    if (f.i < f.nodes.length) {
                        walk(f.nodes[f.i++], f.dot, f.dotIface);
                    } else {
                        ftop--;
                    }
                }
                case POP -> {
                    top = f.mark;
                    ftop--;
                }
                case RANGE -> rangeNext(f);
                default -> {
                    top = f.mark;
                    base = f.savedBase;
                    tmplName = f.savedName;
                    depth--;
                    ftop--;
                }
            }
        }
    }

    private Frame frame(int kind) {
        if (ftop == frames.length) {
            frames = java.util.Arrays.copyOf(frames, ftop * 2);
        }
        Frame f = frames[ftop];
        if (f == null) {
            f = frames[ftop] = new Frame();
        }
        ftop++;
        f.kind = kind;
        return f;
    }

    private void pushList(Node.ListNode list, Object dot, boolean dotIface) {
        Frame f = frame(LIST);
        f.nodes = list.array;
        f.i = 0;
        f.dot = dot;
        f.dotIface = dotIface;
    }

    private void pushPop(int mark) {
        frame(POP).mark = mark;
    }

    private void walk(Node n, Object dot, boolean dotIface) {
        budget.step();
        at(n);
        switch (n.kind) {
            case Node.TEXT -> out.write(((Node.TextNode) n).text);
            case Node.ACTION -> {
                Node.PipeNode pipe = ((Node.ActionNode) n).pipe;
                Object val = eval.evalPipeline(dot, dotIface, pipe);
                if (pipe.declArray.length == 0) {
                    printValue(n, val);
                }
            }
            case Node.IF, Node.WITH -> {
                Node.BranchNode b = (Node.BranchNode) n;
                int mark = top;
                Object val = eval.evalPipeline(dot, dotIface, b.pipe);
                pushPop(mark);
                if (Values.isTrue(val)) {
                    if (n.kind == Node.WITH) {
                        pushList(b.list, val, false);
                    } else {
                        pushList(b.list, dot, dotIface);
                    }
                } else if (b.elseList != null) {
                    pushList(b.elseList, dot, dotIface);
                }
            }
            case Node.RANGE -> walkRange((Node.BranchNode) n, dot, dotIface);
            case Node.TEMPLATE -> walkTemplate((Node.TemplateNode) n, dot, dotIface);
            case Node.BREAK, Node.CONTINUE -> unwind(n.kind == Node.BREAK);
            default -> throw error("unknown node: " + n);
        }
    }

    private void walkRange(Node.BranchNode r, Object dot, boolean dotIface) {
        int mark0 = top;
        Object val = eval.evalPipeline(dot, dotIface, r.pipe);
        Frame f = frame(RANGE);
        f.range = r;
        f.dot = dot;
        f.dotIface = dotIface;
        f.mark0 = mark0;
        f.mark = top;
        f.i = 0;
        f.broken = false;
        f.keys = null;
        f.coll = val;
        if (Values.isList(val)) {
            f.n = Values.listLen(val);
        } else if (val instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) val;
            f.n = m.size();
            if (f.n > 0) {
                f.keys = Fmt.sortedKeys(m, budget);
            }
        } else if (val == null) {
            f.n = 0;
        } else {
            ftop--;
            Fmt p = new Fmt(budget);
            p.printArg(val, 'v');
            throw error("range can't iterate over " + p.result());
        }
        if (f.n == 0) {
            f.kind = POP;
            f.mark = mark0;
            if (r.elseList != null) {
                pushList(r.elseList, dot, dotIface);
            }
        }
    }

    private void rangeNext(Frame f) {
        if (f.broken || f.i >= f.n) {
            top = f.mark0;
            ftop--;
            return;
        }
        top = f.mark;
        budget.step();
        Object elem;
        Object index;
        if (f.keys != null) {
            Object key = f.keys.get(f.i);
            elem = Values.element(((Map<?, ?>) f.coll).get(key), budget);
            index = Values.key(key);
        } else {
            elem = Values.listGet(f.coll, f.i, budget);
            index = (long) f.i;
        }
        int decls = f.range.pipe.declArray.length;
        if (decls > 0) {
            setTopVar(1, elem, true);
        }
        if (decls > 1) {
            setTopVar(2, index, false);
        }
        f.i++;
        pushList(f.range.list, elem, true);
    }

    private void unwind(boolean isBreak) {
        while (ftop > 0) {
            Frame f = frames[ftop - 1];
            if (f.kind == RANGE) {
                if (isBreak) {
                    f.broken = true;
                }
                return;
            }
            if (f.kind == CALL) {
                break;
            }
            ftop--;
        }
        throw error("internal error: break or continue outside range");
    }

    private void walkTemplate(Node.TemplateNode t, Object dot, boolean dotIface) {
        Node.ListNode tree = template.trees().get(t.name);
        if (tree == null) {
            throw error("template " + Quoting.quote(t.name) + " not defined");
        }
        if (depth == GoTemplate.MAX_TEMPLATE_DEPTH) {
            throw new Budget.Exceeded(GoTemplate.Limit.TEMPLATE_DEPTH, "template calls nested deeper than the limit of "
                                                                       + GoTemplate.MAX_TEMPLATE_DEPTH + " levels");
        }
        Object newDot = eval.evalPipeline(dot, dotIface, t.pipe);
        Frame f = frame(CALL);
        f.mark = top;
        f.savedBase = base;
        f.savedName = tmplName;
        depth++;
        tmplName = t.name;
        base = top;
        push("$", newDot, false);
        pushList(tree, newDot, false);
    }

    // --- variables

    void push(String name, Object value, boolean iface) {
        budget.step();
        if (top == names.length) {
            names = java.util.Arrays.copyOf(names, top * 2);
            values = java.util.Arrays.copyOf(values, top * 2);
            ifaces = java.util.Arrays.copyOf(ifaces, top * 2);
        }
        names[top] = name;
        values[top] = value;
        ifaces[top] = iface;
        top++;
    }

    /** The slot of the innermost variable of that name in this template's scope, or -1. */
    int lookupQuiet(String name) {
        for (int i = top - 1; i >= base; i--) {
            if (names[i].equals(name)) {
                budget.steps((top - i) / 16);
                return i;
            }
        }
        budget.steps((top - base) / 16);
        return -1;
    }

    int lookup(String name) {
        int slot = lookupQuiet(name);
        if (slot < 0) {
            throw error("undefined variable: " + name);
        }
        return slot;
    }

    Object varValue(int slot) {
        return values[slot];
    }

    boolean varIface(int slot) {
        return slot >= 0 && ifaces[slot];
    }

    void setVar(String name, Object value) {
        int slot = lookup(name);
        values[slot] = value;
        ifaces[slot] = false;
    }

    private void setTopVar(int n, Object value, boolean iface) {
        if (top - n < base) {
            throw error("internal error: no variable to set");
        }
        values[top - n] = value;
        ifaces[top - n] = iface;
    }

    // --- output

    private void printValue(Node n, Object v) {
        at(n);
        if (v == null) {
            out.write("<no value>");
        } else if (v instanceof String) {
            out.write((String) v);
        } else if (v instanceof Double) {
            double d = (Double) v;
            if (d != Math.rint(d) || Math.abs(d) >= 1e6) {
                budget.steps(8); // digits by exact arithmetic: a few microseconds
            }
            out.write(FloatFormat.shortestG(d));
        } else if (v instanceof Boolean) {
            out.write((Boolean) v ? "true" : "false");
        } else if (v instanceof Long) {
            out.write(Long.toString((Long) v));
        } else {
            Fmt p = new Fmt(budget);
            p.printArg(v, 'v');
            out.write(p.result());
        }
    }
}
