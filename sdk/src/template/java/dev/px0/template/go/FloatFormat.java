package dev.px0.template.go;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Go's strconv.FormatFloat(v, fmt, prec, 64): the shortest digits that read back as v (prec &lt; 0), or v
 * correctly rounded (to nearest, ties to even, on its exact binary value) to prec digits; then laid out as
 * %e, %f, %g, %b or %x. Digits come from BigDecimal, which holds a double's value exactly.
 */
final class FloatFormat {

    private FloatFormat() {
    }

    /** Decimal digits d[0..nd) with the decimal point before d[dp]; no leading or trailing zeros; zero is nd 0. */
    private static final class Digits {
        final String d;
        final int dp;

        Digits(String d, int dp) {
            this.d = d;
            this.dp = dp;
        }

        int nd() {
            return d.length();
        }
    }

    private static Digits digits(BigDecimal v) {
        if (v.signum() == 0) {
            return new Digits("", 0);
        }
        return digits(v.unscaledValue().toString(), -v.scale());
    }

    /** Digits of the integer text q times 10^exp10, trailing zeros dropped. */
    private static Digits digits(String q, int exp10) {
        int end = q.length();
        while (end > 0 && q.charAt(end - 1) == '0') {
            end--;
        }
        if (end == 0) {
            return new Digits("", 0);
        }
        return new Digits(q.substring(0, end), q.length() + exp10);
    }

    private static final double TWO_53 = 9007199254740992.0;

    /** Powers of five, computed once: a double times a power of ten needs up to 5^1100. */
    private static final class Pow5 {
        static final BigInteger[] P = new BigInteger[1101];

        static {
            P[0] = BigInteger.ONE;
            BigInteger five = BigInteger.valueOf(5);
            for (int i = 1; i < P.length; i++) {
                P[i] = P[i - 1].multiply(five);
            }
        }
    }

    /** A finite positive double's exact value as mant × 2^exp2 (mant 53 bits at most). */
    private static long mant(double abs) {
        long bits = Double.doubleToRawLongBits(abs);
        long m = bits & 0xFFFFFFFFFFFFFL;
        return ((bits >>> 52) & 0x7FF) == 0 ? m : m | (1L << 52);
    }

    private static int exp2(double abs) {
        int e = (int) ((Double.doubleToRawLongBits(abs) >>> 52) & 0x7FF);
        return (e == 0 ? 1 : e) - 1075;
    }

    /** num/den for m × 2^e2 × 10^k: num at [0], den at [1]. */
    private static BigInteger[] fraction(BigInteger m, int e2, int k) {
        BigInteger num = m;
        BigInteger den = BigInteger.ONE;
        int twos = e2 + k;
        if (twos >= 0) {
            num = num.shiftLeft(twos);
        } else {
            den = den.shiftLeft(-twos);
        }
        if (k >= 0) {
            num = num.multiply(Pow5.P[k]);
        } else {
            den = den.multiply(Pow5.P[-k]);
        }
        return new BigInteger[] {num, den};
    }

    /** abs × 10^k rounded to an integer, to nearest with ties to even (0 &lt;= k, -k &lt;= 1100). */
    private static BigInteger roundScaled(double abs, int k) {
        BigInteger[] f = fraction(BigInteger.valueOf(mant(abs)), exp2(abs), k);
        BigInteger[] qr = f[0].divideAndRemainder(f[1]);
        int half = qr[1].shiftLeft(1).compareTo(f[1]);
        if (half > 0 || (half == 0 && qr[0].testBit(0))) {
            return qr[0].add(BigInteger.ONE);
        }
        return qr[0];
    }

    /** floor(log10(abs)) for a positive finite double. */
    private static int exp10(double abs) {
        int e = (int) Math.floor(Math.log10(abs));
        BigInteger[] f = fraction(BigInteger.valueOf(mant(abs)), exp2(abs), -e);
        if (f[0].compareTo(f[1]) < 0) {
            return e - 1; // abs < 10^e
        }
        if (f[0].compareTo(f[1].multiply(BigInteger.TEN)) >= 0) {
            return e + 1; // abs >= 10^(e+1)
        }
        return e;
    }

    /** The shortest digits that parse back to abs (abs finite, not negative). */
    private static Digits shortest(double abs) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        if (abs < TWO_53 && abs == Math.rint(abs)) {
            return digits(Long.toString((long) abs), 0);
        }
        boolean normal = abs >= Double.MIN_NORMAL;
        if (normal) {
            // A decimal of at most 15 digits that reads back as abs is the only one (such decimals lie further
            // apart than a double's rounding interval is wide), so it is the shortest and the closest. Java's own
            // Double.toString reads back as abs: when it has at most 15 digits, those are the digits.
            Digits quick = javaDigits(abs);
            if (quick != null) {
                return quick;
            }
        }
        int e10 = exp10(abs);
        if (normal) {
            Digits d15 = significant(abs, 15, e10);
            if (Double.parseDouble("0." + d15.d + "e" + d15.dp) == abs) {
                return d15;
            }
        }
        // Go's rule: the shortest decimal strictly inside the rounding interval (its ends count when the mantissa
        // is even), and of those the closest to abs (ties to even).
        long m = mant(abs);
        boolean even = (m & 1) == 0;
        boolean asymmetric = m == (1L << 52) && exp2(abs) > -1074;
        BigInteger c = BigInteger.valueOf(m).shiftLeft(2);
        BigInteger lo = c.subtract(BigInteger.valueOf(asymmetric ? 1 : 2));
        BigInteger hi = c.add(BigInteger.TWO);
        int e2 = exp2(abs) - 2;
        for (int n = normal ? 16 : 1; n <= 17; n++) {
            int k = n - 1 - e10;
            BigInteger[] fc = fraction(c, e2, k);
            BigInteger den = fc[1];
            BigInteger[] qr = fc[0].divideAndRemainder(den);
            BigInteger down = qr[0];
            BigInteger up = qr[1].signum() == 0 ? down : down.add(BigInteger.ONE);
            int cl = down.multiply(den).compareTo(fraction(lo, e2, k)[0]);
            int cu = up.multiply(den).compareTo(fraction(hi, e2, k)[0]);
            boolean okDown = cl > 0 || (even && cl == 0);
            boolean okUp = cu < 0 || (even && cu == 0);
            BigInteger q;
            if (okDown && okUp) {
                int half = qr[1].shiftLeft(1).compareTo(den);
                q = half > 0 || (half == 0 && down.testBit(0)) ? up : down;
            } else if (okDown) {
                q = down;
            } else if (okUp) {
                q = up;
            } else {
                continue;
            }
            return digits(q.toString(), -k);
        }
        return significant(abs, 17, e10);
    }

    /** Double.toString's digits of abs (positive, normal), if at most 15 and reading back as abs; else null. */
    private static Digits javaDigits(double abs) {
        String js = Double.toString(abs);
        int e = js.indexOf('E');
        String mant = e < 0 ? js : js.substring(0, e);
        int exp10 = e < 0 ? 0 : Integer.parseInt(js.substring(e + 1));
        int dot = mant.indexOf('.');
        String all = mant.substring(0, dot) + mant.substring(dot + 1);
        int dp = dot + exp10;
        int lead = 0;
        while (lead < all.length() - 1 && all.charAt(lead) == '0') {
            lead++;
        }
        int end = all.length();
        while (end > lead + 1 && all.charAt(end - 1) == '0') {
            end--;
        }
        if (end - lead > 15 || Double.parseDouble(js) != abs) {
            return null;
        }
        return new Digits(all.substring(lead, end), dp - lead);
    }

    /** abs correctly rounded to n significant digits (n &gt; 0). */
    private static Digits significant(double abs, int n) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        if (n >= 800) { // more digits than a double has: its exact value
            return digits(new BigDecimal(abs));
        }
        return significant(abs, n, exp10(abs));
    }

    private static Digits significant(double abs, int n, int e10) {
        int k = n - 1 - e10;
        if (k > 1100) {
            return digits(new BigDecimal(abs));
        }
        BigInteger q = roundScaled(abs, k);
        return digits(q.toString(), -k); // a carry (999.5 to 1000) just adds a digit before the trailing zeros go
    }

    /** abs correctly rounded to prec digits after the point. */
    private static Digits fixed(double abs, int prec) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        if (prec >= 1075) { // a double has at most 1074 digits after the point: exact
            return digits(new BigDecimal(abs));
        }
        return digits(roundScaled(abs, prec).toString(), -prec);
    }

    /** strconv.AppendFloat(out, v, fmt, prec, 64). */
    static void append(StringBuilder out, double v, char fmt, int prec) {
        if (Double.isNaN(v)) {
            out.append("NaN");
            return;
        }
        if (Double.isInfinite(v)) {
            out.append(v > 0 ? "+Inf" : "-Inf");
            return;
        }
        boolean neg = (Double.doubleToRawLongBits(v) >>> 63) != 0;
        double abs = Math.abs(v);
        if (fmt == 'b') {
            formatB(out, v);
            return;
        }
        if (fmt == 'x' || fmt == 'X') {
            HexFloat.format(out, v, fmt, prec);
            return;
        }
        boolean shortest = prec < 0;
        Digits digs;
        if (shortest) {
            digs = shortest(abs);
            switch (fmt) {
                case 'e', 'E' -> prec = Math.max(digs.nd() - 1, 0);
                case 'f' -> prec = Math.max(digs.nd() - digs.dp, 0);
                default -> prec = digs.nd();
            }
        } else {
            switch (fmt) {
                case 'e', 'E' -> digs = significant(abs, prec + 1);
                case 'f' -> digs = fixed(abs, prec);
                case 'g', 'G' -> {
                    if (prec == 0) {
                        prec = 1;
                    }
                    digs = significant(abs, prec);
                }
                default -> {
                    out.append('%').append(fmt);
                    return;
                }
            }
        }
        switch (fmt) {
            case 'e', 'E' -> formatE(out, neg, digs, prec, fmt);
            case 'f' -> formatF(out, neg, digs, prec);
            case 'g', 'G' -> {
                int eprec = prec;
                if (eprec > digs.nd() && digs.nd() >= digs.dp) {
                    eprec = digs.nd();
                }
                if (shortest) {
                    eprec = 6;
                }
                int exp = digs.dp - 1;
                if (exp < -4 || exp >= eprec) {
                    if (prec > digs.nd()) {
                        prec = digs.nd();
                    }
                    formatE(out, neg, digs, prec - 1, (char) (fmt + 'e' - 'g'));
                    return;
                }
                if (prec > digs.dp) {
                    prec = digs.nd();
                }
                formatF(out, neg, digs, Math.max(prec - digs.dp, 0));
            }
            default -> out.append('%').append(fmt);
        }
    }

    private static void formatE(StringBuilder out, boolean neg, Digits d, int prec, char fmt) {
        if (neg) {
            out.append('-');
        }
        out.append(d.nd() != 0 ? d.d.charAt(0) : '0');
        if (prec > 0) {
            out.append('.');
            int i = 1;
            int m = Math.min(d.nd(), prec + 1);
            if (i < m) {
                out.append(d.d, i, m);
                i = m;
            }
            for (; i <= prec; i++) {
                out.append('0');
            }
        }
        out.append(fmt);
        int exp = d.nd() == 0 ? 0 : d.dp - 1;
        if (exp < 0) {
            out.append('-');
            exp = -exp;
        } else {
            out.append('+');
        }
        if (exp < 10) {
            out.append('0').append((char) ('0' + exp));
        } else {
            out.append(exp);
        }
    }

    private static void formatF(StringBuilder out, boolean neg, Digits d, int prec) {
        if (neg) {
            out.append('-');
        }
        if (d.dp > 0) {
            int m = Math.min(d.nd(), d.dp);
            out.append(d.d, 0, m);
            for (; m < d.dp; m++) {
                out.append('0');
            }
        } else {
            out.append('0');
        }
        if (prec > 0) {
            out.append('.');
            for (int i = 0; i < prec; i++) {
                int j = d.dp + i;
                out.append(j >= 0 && j < d.nd() ? d.d.charAt(j) : '0');
            }
        }
    }

    /** %b: decimal mantissa, 'p', binary exponent. */
    private static void formatB(StringBuilder out, double v) {
        long bits = Double.doubleToRawLongBits(v);
        boolean neg = bits < 0;
        int exp = (int) ((bits >>> 52) & 0x7FF);
        long mant = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0) {
            exp++;
        } else {
            mant |= 1L << 52;
        }
        exp += -1023 - 52;
        if (neg) {
            out.append('-');
        }
        out.append(mant).append('p');
        if (exp >= 0) {
            out.append('+');
        }
        out.append(exp);
    }

    /** The %v text of a float64: the shortest %g, which switches to an exponent from 1e+06 and below 1e-04. */
    static String shortestG(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            if (v == 0 && (Double.doubleToRawLongBits(v) >>> 63) != 0) {
                return "-0";
            }
            return Long.toString((long) v);
        }
        StringBuilder b = new StringBuilder(24);
        append(b, v, 'g', -1);
        return b.toString();
    }
}
