package org.tcpsim.output;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Machine-independent number formatting for the CSV outputs, writing straight into a char
 * buffer so the hot path allocates nothing.
 *
 * <p>Reals follow the contract of {@link CsvWriter#formatReal(double)}. The fast path scales
 * the value by an exact power of ten (one correctly rounded IEEE operation, identical on every
 * JVM) and rounds to 12 digits; whenever that could differ from rounding the exact binary
 * value (near a tie, or outside the comfortable range) it falls back to {@link BigDecimal},
 * which is the reference. Both paths therefore give the exactly rounded result.
 */
final class NumberText {
    /** Longest text any writer here produces (sign, digits, point, exponent) with margin. */
    static final int MAX_CHARS = 32;

    static final int SIGNIFICANT_DIGITS = 12;
    private static final MathContext ROUND_12 = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);
    private static final double TWO_POW_53 = 9007199254740992.0;
    private static final double[] POW10 = new double[23];
    static {
        double v = 1;
        for (int i = 0; i < POW10.length; i++) { POW10[i] = v; v *= 10; } // exact up to 1e22
    }
    private static final BigDecimal PLAIN_LOW = new BigDecimal("1e-6");
    private static final BigDecimal PLAIN_HIGH = new BigDecimal("1e15");
    private static final char[] MIN_LONG = "-9223372036854775808".toCharArray();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private NumberText() {}

    /** Writes {@code v} in decimal at {@code p}; returns the new position. */
    static int writeLong(long v, char[] b, int p) {
        if (v == Long.MIN_VALUE) {
            System.arraycopy(MIN_LONG, 0, b, p, MIN_LONG.length);
            return p + MIN_LONG.length;
        }
        if (v < 0) { b[p++] = '-'; v = -v; }
        int end = p + digitCount(v);
        for (int i = end - 1; i >= p; i--) { b[i] = (char) ('0' + (v % 10)); v /= 10; }
        return end;
    }

    /** Writes {@code nanos} as exact decimal seconds; returns the new position. */
    static int writeSeconds(long nanos, char[] b, int p) {
        long whole = nanos / NANOS_PER_SECOND;
        long frac = nanos % NANOS_PER_SECOND; // same sign as nanos; |whole| and |frac| never overflow
        if (nanos < 0) { b[p++] = '-'; whole = -whole; frac = -frac; }
        p = writeLong(whole, b, p);
        if (frac == 0) return p;
        int digits = 9;
        while (frac % 10 == 0) { frac /= 10; digits--; }
        b[p++] = '.';
        for (int i = p + digits - 1; i >= p; i--) { b[i] = (char) ('0' + (frac % 10)); frac /= 10; }
        return p + digits;
    }

    /** Writes {@code x} by the real-number contract; NaN writes nothing. */
    static int writeReal(double x, char[] b, int p) {
        if (Double.isNaN(x)) return p;
        if (x == Double.POSITIVE_INFINITY) return put("inf", b, p);
        if (x == Double.NEGATIVE_INFINITY) return put("-inf", b, p);
        double a = Math.abs(x);
        if (a <= TWO_POW_53 && a == Math.rint(a)) return writeLong((long) x, b, p); // also -0.0 -> 0
        if (a >= 1e-5 && a < 1e14) {
            int end = writeFastPlain(x < 0, a, b, p);
            if (end >= 0) return end;
        }
        return put(exact(x), b, p);
    }

    /** Fast path for 1e-5 <= a < 1e14 (plain notation); returns -1 when unsure. */
    private static int writeFastPlain(boolean negative, double a, char[] b, int p) {
        int e = estimateExponent(a);
        double scaled = scale(a, 11 - e);
        if (scaled < 1e11) scaled = scale(a, 11 - --e);
        else if (scaled >= 1e12) scaled = scale(a, 11 - ++e);
        if (scaled < 1e11 || scaled >= 1e12) return -1;
        double floor = Math.floor(scaled);
        double frac = scaled - floor; // exact: both below 2^40 and within 1 of each other
        // The product carries at most 2^-14 of rounding error: stay clear of ties.
        if (Math.abs(frac - 0.5) < 0x1p-10) return -1;
        long m = (long) floor + (frac > 0.5 ? 1 : 0);
        if (m == 1_000_000_000_000L) { m = 100_000_000_000L; e++; }
        int digits = SIGNIFICANT_DIGITS;
        while (m % 10 == 0) { m /= 10; digits--; }
        if (negative) b[p++] = '-';
        if (e < 0) {
            b[p++] = '0';
            b[p++] = '.';
            for (int i = -1; i > e; i--) b[p++] = '0';
            return writeLong(m, b, p);
        }
        int intDigits = e + 1;
        int end = writeLong(m, b, p);
        if (digits <= intDigits) {
            for (int i = digits; i < intDigits; i++) b[end++] = '0';
            return end;
        }
        System.arraycopy(b, p + intDigits, b, p + intDigits + 1, digits - intDigits);
        b[p + intDigits] = '.';
        return end + 1;
    }

    private static int estimateExponent(double a) {
        if (a >= 1) {
            int e = 0;
            while (e + 1 < POW10.length && POW10[e + 1] <= a) e++;
            return e;
        }
        int e = -1;
        while (a * POW10[-e] < 1) e--;
        return e;
    }

    private static double scale(double a, int k) {
        return k >= 0 ? a * POW10[k] : a / POW10[-k];
    }

    /** Reference formatting from the exact binary value (BigDecimal); x finite, non-integral. */
    static String exact(double x) {
        BigDecimal r = new BigDecimal(x).round(ROUND_12).stripTrailingZeros();
        if (r.signum() == 0) return "0";
        BigDecimal abs = r.abs();
        if (abs.compareTo(PLAIN_LOW) >= 0 && abs.compareTo(PLAIN_HIGH) < 0) return r.toPlainString();
        String digits = r.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - r.scale();
        StringBuilder s = new StringBuilder(MAX_CHARS);
        if (r.signum() < 0) s.append('-');
        s.append(digits.charAt(0));
        if (digits.length() > 1) s.append('.').append(digits, 1, digits.length());
        s.append('e').append(exponent < 0 ? '-' : '+');
        int ae = Math.abs(exponent);
        if (ae < 10) s.append('0');
        return s.append(ae).toString();
    }

    private static int put(String s, char[] b, int p) {
        s.getChars(0, s.length(), b, p);
        return p + s.length();
    }

    private static int digitCount(long v) { // v >= 0
        int n = 1;
        while (v >= 10) { v /= 10; n++; }
        return n;
    }
}
