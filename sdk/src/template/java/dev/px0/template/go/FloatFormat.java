package dev.px0.template.go;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

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
        String unscaled = v.unscaledValue().toString();
        int dp = unscaled.length() - v.scale();
        int end = unscaled.length();
        while (end > 0 && unscaled.charAt(end - 1) == '0') {
            end--;
        }
        return new Digits(unscaled.substring(0, end), dp);
    }

    private static final double TWO_53 = 9007199254740992.0;

    /** The shortest digits that parse back to abs (abs finite, not negative). */
    private static Digits shortest(double abs) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        if (abs < TWO_53 && abs == Math.rint(abs)) {
            String s = Long.toString((long) abs);
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == '0') {
                end--;
            }
            return new Digits(s.substring(0, end), s.length());
        }
        BigDecimal exact = new BigDecimal(abs);
        if (abs >= Double.MIN_NORMAL) {
            // A decimal of at most 15 digits that reads back as abs is the only one (such decimals lie further
            // apart than a double's rounding interval is wide), so it is the shortest and the closest.
            BigDecimal r15 = exact.round(new MathContext(15, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            if (Double.parseDouble(r15.toString()) == abs) {
                return digits(r15);
            }
        }
        long bits = Double.doubleToRawLongBits(abs);
        boolean even = (bits & 1) == 0;
        BigDecimal ulp = new BigDecimal(Math.ulp(abs));
        BigDecimal half = ulp.multiply(BigDecimal.valueOf(5, 1));
        BigDecimal upper = exact.add(half);
        boolean powerOfTwo = (bits & 0xFFFFFFFFFFFFFL) == 0 && (bits >>> 52) > 1;
        BigDecimal lower = exact.subtract(powerOfTwo ? half.multiply(BigDecimal.valueOf(5, 1)) : half);
        for (int n = 1; n <= 17; n++) {
            BigDecimal down = exact.round(new MathContext(n, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(n, RoundingMode.UP));
            int cl = down.compareTo(lower);
            int cu = up.compareTo(upper);
            boolean okDown = cl > 0 || (even && cl == 0);
            boolean okUp = cu < 0 || (even && cu == 0);
            if (okDown && okUp) {
                return digits(exact.round(new MathContext(n, RoundingMode.HALF_EVEN)));
            }
            if (okDown) {
                return digits(down);
            }
            if (okUp) {
                return digits(up);
            }
        }
        return digits(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    /** abs correctly rounded to n significant digits (n &gt; 0). */
    private static Digits significant(double abs, int n) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        BigDecimal exact = new BigDecimal(abs);
        if (n >= exact.precision()) {
            return digits(exact);
        }
        return digits(exact.round(new MathContext(n, RoundingMode.HALF_EVEN)));
    }

    /** abs correctly rounded to prec digits after the point. */
    private static Digits fixed(double abs, int prec) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        BigDecimal exact = new BigDecimal(abs);
        if (prec >= exact.scale()) {
            return digits(exact);
        }
        return digits(exact.setScale(prec, RoundingMode.HALF_EVEN));
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
