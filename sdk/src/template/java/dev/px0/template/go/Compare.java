package dev.px0.template.go;

import java.util.Map;

/** eq, lt and le as text/template defines them (funcs.go): by basic kind, int and uint comparable, no others mixed. */
final class Compare {

    private Compare() {
    }

    private static final int INVALID = 0, BOOL = 1, COMPLEX = 2, INT = 3, FLOAT = 4, STRING = 5, UINT = 6;

    private static int basicKind(Object v) {
        if (v instanceof Boolean) {
            return BOOL;
        }
        if (v instanceof Long) {
            return INT;
        }
        if (v instanceof Values.Uint8) {
            return UINT;
        }
        if (v instanceof Double) {
            return FLOAT;
        }
        if (v instanceof Complex) {
            return COMPLEX;
        }
        if (v instanceof String) {
            return STRING;
        }
        return INVALID;
    }

    private static long uint(Object v) {
        return ((Values.Uint8) v).value;
    }

    static boolean eq(Object[] argv, Budget budget) {
        Object arg1 = Values.concrete(argv[0]);
        if (argv.length < 2) {
            throw new Builtins.Failure("missing argument for comparison");
        }
        int k1 = basicKind(arg1);
        for (int i = 1; i < argv.length; i++) {
            Object arg = Values.concrete(argv[i]);
            int k2 = basicKind(arg);
            boolean truth = false;
            if (k1 != k2) {
                if (k1 == INT && k2 == UINT) {
                    truth = (Long) arg1 >= 0 && (Long) arg1 == uint(arg);
                } else if (k1 == UINT && k2 == INT) {
                    truth = (Long) arg >= 0 && uint(arg1) == (Long) arg;
                } else if (arg1 != null && arg != null) {
                    throw new Builtins.Failure("incompatible types for comparison");
                }
            } else {
                switch (k1) {
                    case BOOL -> truth = arg1.equals(arg);
                    case COMPLEX -> truth = ((Complex) arg1).same((Complex) arg);
                    case FLOAT -> truth = (double) (Double) arg1 == (double) (Double) arg;
                    case INT -> truth = (long) (Long) arg1 == (long) (Long) arg;
                    case STRING -> {
                        budget.text(((String) arg1).length());
                        truth = arg1.equals(arg);
                    }
                    case UINT -> truth = uint(arg1) == uint(arg);
                    default -> {
                        boolean nil1 = arg1 == null;
                        boolean nil2 = arg == null;
                        if (!nil1 && !nil2 && (arg1 instanceof Map) != (arg instanceof Map)) {
                            throw new Builtins.Failure(Fmt.sprintf(budget, "non-comparable types %s: %v, %s: %v",
                                    new Object[] {arg1, Values.typeName(arg1), Values.typeName(arg), arg}));
                        }
                        if (nil1 || nil2) {
                            truth = nil1 == nil2;
                        } else {
                            throw new Builtins.Failure(Fmt.sprintf(budget, "non-comparable type %s: %v",
                                    new Object[] {arg, Values.typeName(arg)}));
                        }
                    }
                }
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    static boolean lt(Object a, Object b, Budget budget) {
        Object arg1 = Values.concrete(a);
        int k1 = basicKind(arg1);
        if (k1 == INVALID) {
            throw new Builtins.Failure("invalid type for comparison");
        }
        Object arg2 = Values.concrete(b);
        int k2 = basicKind(arg2);
        if (k2 == INVALID) {
            throw new Builtins.Failure("invalid type for comparison");
        }
        if (k1 != k2) {
            if (k1 == INT && k2 == UINT) {
                return (Long) arg1 < 0 || (Long) arg1 < uint(arg2);
            }
            if (k1 == UINT && k2 == INT) {
                return (Long) arg2 >= 0 && uint(arg1) < (Long) arg2;
            }
            throw new Builtins.Failure("incompatible types for comparison");
        }
        switch (k1) {
            case BOOL, COMPLEX:
                throw new Builtins.Failure("invalid type for comparison");
            case FLOAT:
                return (Double) arg1 < (Double) arg2;
            case INT:
                return (Long) arg1 < (Long) arg2;
            case STRING:
                budget.text(((String) arg1).length());
                return GoStrings.compare((String) arg1, (String) arg2) < 0;
            default:
                return uint(arg1) < uint(arg2);
        }
    }

    static boolean le(Object a, Object b, Budget budget) {
        if (lt(a, b, budget)) {
            return true;
        }
        return eq(new Object[] {a, b}, budget);
    }
}
