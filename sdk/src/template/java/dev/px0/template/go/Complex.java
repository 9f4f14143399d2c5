package dev.px0.template.go;

/** A complex128 value (only number literals such as {@code 1i} or {@code 1+2i} make one). */
final class Complex {

    final double re;
    final double im;

    Complex(double re, double im) {
        this.re = re;
        this.im = im;
    }

    boolean isZero() {
        return re == 0 && im == 0;
    }

    /** Go's == on complex128 (so NaN parts are never equal, and -0 equals 0). */
    boolean same(Complex o) {
        return re == o.re && im == o.im;
    }
}
