package dev.px0.template.go;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The top-level variables a template reads: {@code .name} where dot is the data itself, and {@code $.name}; through
 * {@code {{template "x" .}}} calls too. A read is guarded when it happens only on some paths (inside an if, with or
 * range, a later argument of and/or) or is an argument of default; a variable is guarded when all its reads are.
 */
final class Variables {

    private final Map<String, Node.ListNode> trees;
    private final Map<String, Boolean> found = new TreeMap<>();
    private final ArrayDeque<Object[]> pending = new ArrayDeque<>();
    private final Set<String> queued = new HashSet<>();

    private Variables(Map<String, Node.ListNode> trees) {
        this.trees = trees;
    }

    static List<GoTemplate.Variable> of(Map<String, Node.ListNode> trees, String main) {
        Variables v = new Variables(trees);
        v.call(main, false);
        while (!v.pending.isEmpty()) {
            Object[] next = v.pending.poll();
            v.list(trees.get((String) next[0]), true, (Boolean) next[1]);
        }
        List<GoTemplate.Variable> out = new ArrayList<>(v.found.size());
        v.found.forEach((name, guarded) -> out.add(new GoTemplate.Variable(name, guarded)));
        return List.copyOf(out);
    }

    private void call(String name, boolean guarded) {
        if (trees.containsKey(name) && queued.add(name + (guarded ? "\u0001" : "\u0000"))) {
            pending.add(new Object[] {name, guarded});
        }
    }

    private void record(String name, boolean guarded) {
        found.merge(name, guarded, Boolean::logicalAnd);
    }

    private void list(Node.ListNode list, boolean dotRoot, boolean guarded) {
        if (list == null) {
            return;
        }
        for (Node n : list.array) {
            switch (n.kind) {
                case Node.ACTION -> pipe(((Node.ActionNode) n).pipe, dotRoot, guarded);
                case Node.IF -> {
                    Node.BranchNode b = (Node.BranchNode) n;
                    boolean condGuarded = guarded;
                    while (true) {
                        pipe(b.pipe, dotRoot, condGuarded);
                        list(b.list, dotRoot, true);
                        Node.ListNode e = b.elseList;
                        if (e != null && e.array.length == 1 && e.array[0].kind == Node.IF) {
                            b = (Node.BranchNode) e.array[0];
                            condGuarded = true;
                            continue;
                        }
                        list(e, dotRoot, true);
                        break;
                    }
                }
                case Node.WITH, Node.RANGE -> {
                    Node.BranchNode b = (Node.BranchNode) n;
                    pipe(b.pipe, dotRoot, guarded);
                    list(b.list, false, true);
                    list(b.elseList, dotRoot, true);
                }
                case Node.TEMPLATE -> {
                    Node.TemplateNode t = (Node.TemplateNode) n;
                    pipe(t.pipe, dotRoot, guarded);
                    if (t.pipe != null && t.pipe.cmdArray.length == 1 && t.pipe.cmdArray[0].argArray.length == 1) {
                        Node arg = t.pipe.cmdArray[0].argArray[0];
                        boolean root = (arg.kind == Node.DOT && dotRoot) || (arg.kind == Node.VARIABLE
                                && ((Node.VariableNode) arg).ident.length == 1
                                && ((Node.VariableNode) arg).ident[0].equals("$"));
                        if (root) {
                            call(t.name, guarded);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    private static boolean isCall(Node.CommandNode c, int function) {
        Node first = c.argArray[0];
        return first.kind == Node.IDENTIFIER && ((Node.IdentifierNode) first).spec.id == function;
    }

    private void pipe(Node.PipeNode p, boolean dotRoot, boolean guarded) {
        if (p == null) {
            return;
        }
        Node.CommandNode[] cmds = p.cmdArray;
        for (int i = 0; i < cmds.length; i++) {
            boolean intoDefault = i == 0 && cmds.length > 1 && isCall(cmds[1], Builtins.DEFAULT)
                                  && cmds[0].argArray.length == 1;
            boolean isDefault = isCall(cmds[i], Builtins.DEFAULT);
            boolean shortCircuit = isCall(cmds[i], Builtins.AND) || isCall(cmds[i], Builtins.OR);
            Node[] args = cmds[i].argArray;
            for (int j = 0; j < args.length; j++) {
                boolean g = guarded || intoDefault || (isDefault && j > 0) || (shortCircuit && j > 1);
                arg(args[j], dotRoot, g);
            }
        }
    }

    private void arg(Node n, boolean dotRoot, boolean guarded) {
        switch (n.kind) {
            case Node.FIELD -> {
                if (dotRoot) {
                    record(((Node.FieldNode) n).ident[0], guarded);
                }
            }
            case Node.VARIABLE -> {
                String[] ident = ((Node.VariableNode) n).ident;
                if (ident.length > 1 && ident[0].equals("$")) {
                    record(ident[1], guarded);
                }
            }
            case Node.CHAIN -> arg(((Node.ChainNode) n).node, dotRoot, guarded);
            case Node.PIPE -> pipe((Node.PipeNode) n, dotRoot, guarded);
            default -> {
            }
        }
    }
}
