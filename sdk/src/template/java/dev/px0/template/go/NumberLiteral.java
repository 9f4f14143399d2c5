package dev.px0.template.go;

/**
 * Number literals as Go's parse.newNumber reads them (int64/uint64/float64/complex128 interpretations of the same
 * text), and the value execution gives them (exec.go's idealConstant): int, float64 or complex128.
 */
final class NumberLiteral {

    private NumberLiteral() {
    }

    private static final double TWO_63 = 9.223372036854775808E18;

    /** Go's int64(f) on amd64: out of range (or NaN) gives the minimum int64. */
    private static long goInt64(double f) {
        return (f >= -TWO_63 && f < TWO_63) ? (long) f : Long.MIN_VALUE;
    }

    private static long goUint64(double f) {
        return f < TWO_63 ? goInt64(f) : goInt64(f - TWO_63) ^ Long.MIN_VALUE;
    }

    private static double unsignedToDouble(long x) {
        return x >= 0 ? (double) x : ((double) ((x >>> 1) | (x & 1))) * 2.0;
    }

    /** Reads a NUMBER, COMPLEX or CHAR_CONSTANT token; throws with Go's message when Go refuses it. */
    static Node.NumberNode parse(int pos, String text, int type) throws Strconv.SyntaxError {
        Node.NumberNode n = new Node.NumberNode(pos, text);
        if (type == Token.CHAR_CONSTANT) {
            byte[] b = GoStrings.utf8(text);
            Quoting.UnquotedChar c = Quoting.unquoteChar(b, 1, b.length, (char) b[0]);
            if (!(c.next == b.length - 1 && b[b.length - 1] == '\'')) {
                throw new Strconv.SyntaxError("malformed character constant: " + text);
            }
            n.int64 = c.value;
            n.isInt = true;
            n.uint64 = c.value;
            n.isUint = true;
            n.float64 = c.value;
            n.isFloat = true;
            return n;
        }
        if (type == Token.COMPLEX) {
            double[] c = scanComplex(text);
            n.isComplex = true;
            n.re = c[0];
            n.im = c[1];
            simplifyComplex(n);
            return n;
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) == 'i') {
            Strconv.Parsed f = Strconv.parseFloat(text.substring(0, text.length() - 1));
            if (f.err == 0) {
                n.isComplex = true;
                n.re = 0;
                n.im = f.asDouble();
                simplifyComplex(n);
                return n;
            }
        }
        Strconv.Parsed u = Strconv.parseUint(text);
        if (u.err == 0) {
            n.isUint = true;
            n.uint64 = u.bits;
        }
        Strconv.Parsed i = Strconv.parseInt(text);
        if (i.err == 0) {
            n.isInt = true;
            n.int64 = i.bits;
            if (i.bits == 0) {
                n.isUint = true;
                n.uint64 = u.err == 0 ? u.bits : 0;
            }
        }
        if (n.isInt) {
            n.isFloat = true;
            n.float64 = n.int64;
        } else if (n.isUint) {
            n.isFloat = true;
            n.float64 = unsignedToDouble(n.uint64);
        } else {
            Strconv.Parsed f = Strconv.parseFloat(text);
            if (f.err == 0) {
                if (!containsAny(text, ".eEpP")) {
                    throw new Strconv.SyntaxError("integer overflow: " + Quoting.quote(text));
                }
                n.isFloat = true;
                n.float64 = f.asDouble();
                if (!n.isInt && (double) goInt64(n.float64) == n.float64) {
                    n.isInt = true;
                    n.int64 = goInt64(n.float64);
                }
                if (!n.isUint && unsignedToDouble(goUint64(n.float64)) == n.float64) {
                    n.isUint = true;
                    n.uint64 = goUint64(n.float64);
                }
            }
        }
        if (!n.isInt && !n.isUint && !n.isFloat) {
            throw new Strconv.SyntaxError("illegal number syntax: " + Quoting.quote(text));
        }
        return n;
    }

    private static void simplifyComplex(Node.NumberNode n) {
        n.isFloat = n.im == 0;
        if (n.isFloat) {
            n.float64 = n.re;
            n.isInt = (double) goInt64(n.float64) == n.float64;
            if (n.isInt) {
                n.int64 = goInt64(n.float64);
            }
            n.isUint = unsignedToDouble(goUint64(n.float64)) == n.float64;
            if (n.isUint) {
                n.uint64 = goUint64(n.float64);
            }
        }
    }

    private static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    static boolean isHexInt(String s) {
        return s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')
                && !containsAny(s, "pP");
    }

    /**
     * The value of a number used without a known type (idealConstant): a complex128 ({@link Complex}), a float64
     * (Double) when written as a float, else an int (Long); null with *overflow set when it overflows int.
     */
    static Object idealValue(Node.NumberNode n) {
        if (n.isComplex) {
            return new Complex(n.re, n.im);
        }
        if (n.isFloat && !isHexInt(n.text) && !(n.text.length() > 0 && n.text.charAt(0) == '\'')
                && containsAny(n.text, ".eEpP")) {
            return n.float64;
        }
        if (n.isInt) {
            return n.int64;
        }
        return null;
    }

    /** Whether idealConstant fails ("overflows int"). */
    static boolean overflowsInt(Node.NumberNode n) {
        return idealValue(n) == null && n.isUint;
    }

    // --- fmt.Sscan of a complex128, as newNumber reads a COMPLEX token ("1+2i")

    private static final String COMPLEX_ERROR = "syntax error scanning complex number";

    private static final class Scan {
        final String s;
        int i;
        final StringBuilder buf = new StringBuilder();

        Scan(String s) {
            this.s = s;
        }

        boolean accept(String set) {
            if (i < s.length() && set.indexOf(s.charAt(i)) >= 0) {
                buf.append(s.charAt(i++));
                return true;
            }
            return false;
        }

        String floatToken() {
            buf.setLength(0);
            if (accept("nN") && accept("aA") && accept("nN")) {
                return buf.toString();
            }
            accept("+-");
            if (accept("iI") && accept("nN") && accept("fF")) {
                return buf.toString();
            }
            String digits = "0123456789_";
            String exp = "eEpP";
            if (accept("0") && accept("xX")) {
                digits = "0123456789aAbBcCdDeEfF_";
                exp = "pP";
            }
            while (accept(digits)) {
                // absorb
            }
            if (accept(".")) {
                while (accept(digits)) {
                    // absorb
                }
            }
            if (accept(exp)) {
                accept("+-");
                while (accept("0123456789_")) {
                    // absorb
                }
            }
            return buf.toString();
        }
    }

    private static double[] scanComplex(String text) throws Strconv.SyntaxError {
        Scan s = new Scan(text);
        boolean parens = s.accept("(");
        String real = s.floatToken();
        s.buf.setLength(0);
        if (!s.accept("+-")) {
            throw new Strconv.SyntaxError(COMPLEX_ERROR);
        }
        String imagSign = s.buf.toString();
        String imag = s.floatToken();
        s.buf.setLength(0);
        if (!s.accept("i")) {
            throw new Strconv.SyntaxError(COMPLEX_ERROR);
        }
        if (parens && !s.accept(")")) {
            throw new Strconv.SyntaxError(COMPLEX_ERROR);
        }
        return new double[] {convertFloat(real), convertFloat(imagSign + imag)};
    }

    private static double convertFloat(String str) throws Strconv.SyntaxError {
        int p = str.indexOf('p');
        if (p >= 0 && str.indexOf('x') < 0 && str.indexOf('X') < 0) {
            Strconv.Parsed f = Strconv.parseFloat(str.substring(0, p));
            if (f.err != 0) {
                throw numError("ParseFloat", str, f.err);
            }
            long m;
            try {
                m = Long.parseLong(str.substring(p + 1));
            } catch (NumberFormatException e) {
                throw numError("Atoi", str, 1);
            }
            return Math.scalb(f.asDouble(), (int) Math.max(Math.min(m, 100000), -100000));
        }
        Strconv.Parsed f = Strconv.parseFloat(str);
        if (f.err != 0) {
            throw numError("ParseFloat", str, f.err);
        }
        return f.asDouble();
    }

    private static Strconv.SyntaxError numError(String fn, String num, int err) {
        return new Strconv.SyntaxError("strconv." + fn + ": parsing " + Quoting.quote(num) + ": "
                                       + (err == 2 ? "value out of range" : Strconv.INVALID_SYNTAX));
    }
}
