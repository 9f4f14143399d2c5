package dev.px0.template.go;

import java.util.Map;

/**
 * Pipelines, commands, fields, variables and calls, as exec.go evaluates them, tracking the node Go would blame in
 * an error ({@link Exec#at}). Recursion here follows the template's nesting of parentheses, which the parser bounds.
 *
 * <p>px0's default: a field, {@code $var.field} or {@code (pipeline).field} written directly as an argument of
 * {@code default} (or as the first command of a pipeline into default) is looked up leniently: a missing key, or a
 * nil met on the way, gives nil instead of an error.
 */
final class Eval {

    private final Exec s;

    Eval(Exec s) {
        this.s = s;
    }

    private static final Node[] NO_ARGS = new Node[0];

    Object evalPipeline(Object dot, boolean dotIface, Node.PipeNode pipe) {
        if (pipe == null) {
            return null;
        }
        s.at(pipe);
        Object value = Values.MISSING;
        Node.CommandNode[] cmds = pipe.cmdArray;
        for (int i = 0; i < cmds.length; i++) {
            if (i == 0 && cmds.length > 1 && cmds[0].argArray.length == 1 && isDefaultCall(cmds[1])
                    && isLenient(cmds[0].argArray[0])) {
                value = lenient(dot, dotIface, cmds[0].argArray[0]);
            } else {
                value = evalCommand(dot, dotIface, cmds[i], value);
            }
            value = Values.concrete(value);
        }
        for (Node.VariableNode v : pipe.declArray) {
            if (pipe.isAssign) {
                s.setVar(v.ident[0], value);
            } else {
                s.push(v.ident[0], value, false);
            }
        }
        return value;
    }

    private static boolean isDefaultCall(Node.CommandNode c) {
        Node first = c.argArray[0];
        return first.kind == Node.IDENTIFIER && ((Node.IdentifierNode) first).spec.id == Builtins.DEFAULT;
    }

    private static boolean isLenient(Node n) {
        return n.kind == Node.FIELD || (n.kind == Node.VARIABLE && ((Node.VariableNode) n).ident.length > 1)
                || (n.kind == Node.CHAIN && ((Node.ChainNode) n).node.kind != Node.NIL);
    }

    /**
     * The lenient lookup of default's arguments; null when a key is missing or a nil is in the way. Errors, and
     * later ones that name the last node evaluated, name the argument itself.
     */
    private Object lenient(Object dot, boolean dotIface, Node n) {
        Object v = lenientLookup(dot, dotIface, n);
        s.at(n);
        return v;
    }

    private Object lenientLookup(Object dot, boolean dotIface, Node n) {
        s.budget.step();
        s.at(n);
        Object receiver;
        boolean iface;
        String[] names;
        int from;
        if (n.kind == Node.FIELD) {
            receiver = dot;
            iface = dotIface;
            names = ((Node.FieldNode) n).ident;
            from = 0;
        } else if (n.kind == Node.VARIABLE) {
            Node.VariableNode v = (Node.VariableNode) n;
            s.at(n);
            int slot = s.lookup(v.ident[0]);
            receiver = s.varValue(slot);
            iface = s.varIface(slot);
            names = v.ident;
            from = 1;
        } else {
            Node.ChainNode c = (Node.ChainNode) n;
            receiver = evalArg(dot, dotIface, Builtins.VALUE, c.node);
            iface = false;
            names = c.fieldArray;
            from = 0;
        }
        for (int i = from; i < names.length; i++) {
            if (receiver == null || receiver == Values.NIL) {
                return null;
            }
            String typ = iface ? "interface {}" : Values.typeName(receiver);
            if (!(receiver instanceof Map)) {
                s.at(n);
                throw s.error("can't evaluate field " + names[i] + " in type " + typ);
            }
            Map<?, ?> m = (Map<?, ?>) receiver;
            Object found = m.get(names[i]);
            if (found == null && !m.containsKey(names[i])) {
                return null;
            }
            receiver = Values.element(found, s.budget);
            iface = true;
        }
        return receiver;
    }

    private void notAFunction(Node[] args, Object fin) {
        if (args.length > 1 || fin != Values.MISSING) {
            throw s.error("can't give argument to non-function " + args[0]);
        }
    }

    Object evalCommand(Object dot, boolean dotIface, Node.CommandNode cmd, Object fin) {
        s.budget.step();
        Node first = cmd.argArray[0];
        switch (first.kind) {
            case Node.FIELD:
                return evalFieldNode(dot, dotIface, (Node.FieldNode) first, cmd.argArray, fin);
            case Node.CHAIN:
                return evalChainNode(dot, dotIface, (Node.ChainNode) first, cmd.argArray, fin);
            case Node.IDENTIFIER:
                return evalFunction(dot, dotIface, (Node.IdentifierNode) first, cmd, cmd.callArgs, fin);
            case Node.PIPE:
                notAFunction(cmd.argArray, fin);
                return evalPipeline(dot, dotIface, (Node.PipeNode) first);
            case Node.VARIABLE:
                return evalVariableNode(dot, dotIface, (Node.VariableNode) first, cmd.argArray, fin);
            default:
                break;
        }
        s.at(first);
        notAFunction(cmd.argArray, fin);
        switch (first.kind) {
            case Node.BOOL:
                return ((Node.BoolNode) first).value;
            case Node.DOT:
                return dot;
            case Node.NIL:
                throw s.error("nil is not a command");
            case Node.NUMBER:
                return idealConstant((Node.NumberNode) first);
            case Node.STRING:
                return stringValue((Node.StringNode) first);
            default:
                throw s.error("can't evaluate command " + Quoting.quote(first.toString()));
        }
    }

    private Object stringValue(Node.StringNode n) {
        if (n.hasEscape) {
            s.budget.escapes = true;
        }
        return n.text;
    }

    private Object idealConstant(Node.NumberNode n) {
        s.at(n);
        Object v = NumberLiteral.idealValue(n);
        if (v == null && n.isUint) {
            throw s.error(n.text + " overflows int");
        }
        return v;
    }

    private Object evalFieldNode(Object dot, boolean dotIface, Node.FieldNode field, Node[] args, Object fin) {
        s.at(field);
        return evalFieldChain(dot, dot, dotIface, field, field.ident, 0, args, fin);
    }

    private Object evalChainNode(Object dot, boolean dotIface, Node.ChainNode chain, Node[] args, Object fin) {
        s.at(chain);
        if (chain.node.kind == Node.NIL) {
            throw s.error("indirection through explicit nil in " + chain);
        }
        Object pipe = evalArg(dot, dotIface, -1, chain.node);
        return evalFieldChain(dot, pipe, false, chain, chain.fieldArray, 0, args, fin);
    }

    private Object evalVariableNode(Object dot, boolean dotIface, Node.VariableNode v, Node[] args, Object fin) {
        s.at(v);
        int slot = s.lookup(v.ident[0]);
        Object value = s.varValue(slot);
        if (v.ident.length == 1) {
            notAFunction(args, fin);
            return value;
        }
        return evalFieldChain(dot, value, s.varIface(slot), v, v.ident, 1, args, fin);
    }

    private Object evalFieldChain(Object dot, Object receiver, boolean iface, Node node, String[] ident, int from,
                                  Node[] args, Object fin) {
        int n = ident.length;
        for (int i = from; i < n - 1; i++) {
            receiver = evalField(ident[i], null, Values.MISSING, receiver, iface);
            iface = true;
        }
        return evalField(ident[n - 1], args, fin, receiver, iface);
    }

    private Object evalField(String fieldName, Node[] args, Object fin, Object receiver, boolean iface) {
        s.budget.step();
        if (receiver == null) {
            throw s.error("nil data; no entry for key " + Quoting.quote(fieldName));
        }
        String typ = iface ? "interface {}" : Values.typeName(receiver);
        if (receiver == Values.NIL) {
            throw s.error("nil pointer evaluating " + typ + "." + fieldName);
        }
        if (receiver instanceof Map) {
            if ((args != null && args.length > 1) || fin != Values.MISSING) {
                throw s.error(fieldName + " is not a method but has arguments");
            }
            Map<?, ?> m = (Map<?, ?>) receiver;
            Object result = m.get(fieldName);
            if (result == null && !m.containsKey(fieldName)) {
                throw s.error("map has no entry for key " + Quoting.quote(fieldName));
            }
            return Values.element(result, s.budget);
        }
        throw s.error("can't evaluate field " + fieldName + " in type " + typ);
    }

    private Object evalFunction(Object dot, boolean dotIface, Node.IdentifierNode node, Node cmd, Node[] args,
                                Object fin) {
        s.at(node);
        return evalCall(dot, dotIface, node.spec, cmd, args, fin);
    }

    /** args are the function's arguments (after the function itself, as Go passes them). */
    private Object evalCall(Object dot, boolean dotIface, Builtins.Spec spec, Node node, Node[] a, Object fin) {
        String name = spec.name;
        boolean hasFinal = fin != Values.MISSING;
        int numIn = a.length + (hasFinal ? 1 : 0);
        int numFixed = a.length;
        if (spec.variadic >= 0) {
            numFixed = spec.fixed.length;
            if (numIn < numFixed) {
                throw s.error("wrong number of args for " + name + ": want at least " + spec.fixed.length + " got "
                              + a.length);
            }
        } else if (numIn != spec.fixed.length) {
            throw s.error("wrong number of args for " + name + ": want " + spec.fixed.length + " got " + numIn);
        }
        if (spec.id == Builtins.AND || spec.id == Builtins.OR) {
            boolean isOr = spec.id == Builtins.OR;
            Object v = null;
            for (Node arg : a) {
                v = evalArg(dot, dotIface, Builtins.VALUE, arg);
                if (Values.isTrue(v) == isOr) {
                    return v;
                }
            }
            if (hasFinal) {
                v = fin;
            }
            return v;
        }
        boolean lenientArgs = spec.id == Builtins.DEFAULT;
        Object[] argv = new Object[numIn];
        boolean[] iface = spec.id == Builtins.SLICE ? new boolean[numIn] : null;
        int i = 0;
        for (; i < numFixed && i < a.length; i++) {
            argv[i] = argument(dot, dotIface, spec.fixed[i], a[i], lenientArgs, iface, i);
        }
        for (; i < a.length; i++) {
            argv[i] = argument(dot, dotIface, spec.variadic, a[i], lenientArgs, iface, i);
        }
        if (hasFinal) {
            int t = spec.variadic >= 0 && numIn - 1 >= numFixed ? spec.variadic : spec.fixed[numIn - 1];
            argv[i] = validateType(fin, t);
        }
        s.budget.step();
        try {
            return Builtins.call(spec.id, argv, iface, s.budget);
        } catch (Builtins.Failure e) {
            s.at(node);
            throw s.error("error calling " + name + ": " + e.getMessage());
        } catch (Budget.Exceeded e) {
            s.at(node); // a limit passed inside the call: blame the call
            throw e;
        }
    }

    private Object argument(Object dot, boolean dotIface, int type, Node arg, boolean lenientArgs, boolean[] iface,
                            int i) {
        if (lenientArgs && isLenient(arg)) {
            return lenient(dot, dotIface, arg);
        }
        if (iface != null) {
            iface[i] = arg.kind == Node.FIELD || arg.kind == Node.CHAIN
                       || (arg.kind == Node.DOT && dotIface)
                       || (arg.kind == Node.VARIABLE && (((Node.VariableNode) arg).ident.length > 1
                                                         || s.varIface(s.lookupQuiet(((Node.VariableNode) arg).ident[0]))));
        }
        return evalArg(dot, dotIface, type, arg);
    }

    /** Go's validateType for the three parameter kinds (-1: no type, a chain's receiver). */
    private Object validateType(Object value, int type) {
        if (value == null) {
            if (type == Builtins.STRING) {
                throw s.error("invalid value; expected string");
            }
            return null;
        }
        switch (type) {
            case Builtins.ANY:
                return value == Values.NIL ? null : value;
            case Builtins.STRING:
                if (value instanceof String) {
                    return value;
                }
                throw s.error("wrong type for value; expected string; got " + Values.typeName(value));
            default:
                return value;
        }
    }

    Object evalArg(Object dot, boolean dotIface, int type, Node n) {
        s.at(n);
        switch (n.kind) {
            case Node.DOT:
                return validateType(dot, type);
            case Node.NIL:
                if (type == Builtins.STRING) {
                    throw s.error("cannot assign nil to string");
                }
                return null;
            case Node.FIELD:
                return validateType(evalFieldNode(dot, dotIface, (Node.FieldNode) n, ((Node.FieldNode) n).self,
                                                  Values.MISSING), type);
            case Node.VARIABLE:
                return validateType(evalVariableNode(dot, dotIface, (Node.VariableNode) n, NO_ARGS, Values.MISSING),
                                    type);
            case Node.PIPE:
                return validateType(evalPipeline(dot, dotIface, (Node.PipeNode) n), type);
            case Node.IDENTIFIER:
                return validateType(evalFunction(dot, dotIface, (Node.IdentifierNode) n, n, NO_ARGS, Values.MISSING),
                                    type);
            case Node.CHAIN:
                return validateType(evalChainNode(dot, dotIface, (Node.ChainNode) n, NO_ARGS, Values.MISSING),
                                    type);
            default:
                break;
        }
        if (type == Builtins.STRING) {
            if (n.kind == Node.STRING) {
                return stringValue((Node.StringNode) n);
            }
            throw s.error("expected string; found " + n);
        }
        switch (n.kind) {
            case Node.BOOL:
                return ((Node.BoolNode) n).value;
            case Node.NUMBER:
                return idealConstant((Node.NumberNode) n);
            case Node.STRING:
                return stringValue((Node.StringNode) n);
            default:
                throw s.error("can't handle assignment of " + n + " to empty interface argument");
        }
    }
}
