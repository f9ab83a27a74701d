package org.tcpsim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatRealTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0.1                | 0.1",
            "0.3000000000000001 | 0.3",
            "0.3333333333333333 | 0.333333333333",
            "0.6666666666666666 | 0.666666666667",
            "1e-7               | 1e-07",
            "1.5e-9             | 1.5e-09",
            "123456789.123      | 123456789.123",
            "123456789.1234567  | 123456789.123",
            "-1234.5678         | -1234.5678",
            "3.0                | 3",
            "-3.0               | -3",
            "0.0                | 0",
            "-0.0               | 0",
            "1e-5               | 0.00001",
            "0.000123456789012345 | 0.000123456789012",
            "1e-6               | 0.000001",
            "9.99999999999e-7   | 9.99999999999e-07",
            "9007199254740992   | 9007199254740992",
            "-9007199254740992  | -9007199254740992",
            "9007199254740994   | 9.00719925474e+15",
            "1e15               | 1000000000000000",
            "999999999999999.9  | 1e+15",
            "100000000000000.5  | 100000000000000",
            "1e20               | 1e+20",
            "1.5e300            | 1.5e+300",
            "-2.5e-100          | -2.5e-100",
            "4.9e-324           | 4.94065645841e-324",
            "1.7976931348623157e308 | 1.79769313486e+308",
            "9.223372036854776e18   | 9.22337203685e+18",
            "123456789012.5     | 123456789012",
            "123456789013.5     | 123456789014",
            "1234567890.125     | 1234567890.12",
            "1234567890.375     | 1234567890.38",
            "3.814697265625e-06 | 0.00000381469726562",
            "99999999999.99999  | 100000000000",
            "0.999999999999999  | 1",
    })
    void formats(double x, String expected) {
        assertEquals(expected, CsvWriter.formatReal(x));
    }

    @Test
    void nanIsEmptyAndInfinitiesAreWords() {
        assertEquals("", CsvWriter.formatReal(Double.NaN));
        assertEquals("inf", CsvWriter.formatReal(Double.POSITIVE_INFINITY));
        assertEquals("-inf", CsvWriter.formatReal(Double.NEGATIVE_INFINITY));
        assertEquals("0.333333333333", CsvWriter.formatReal(1.0 / 3));
    }

    /** The allocation-free fast path must agree with the exact BigDecimal reference everywhere. */
    @Test
    void fastPathAgreesWithExactReference() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 300_000; i++) {
            double x;
            switch (i % 4) {
                case 0: x = Double.longBitsToDouble(rnd.nextLong()); break;              // any bits
                case 1: x = rnd.nextDouble() * Math.pow(10, rnd.nextInt(-7, 16)); break; // plain range
                case 2: x = rnd.nextLong(-1_000_000_000_000L, 1_000_000_000_000L) / Math.pow(10, rnd.nextInt(0, 19)); break;
                default: x = tie(rnd); break;
            }
            assertEquals(reference(x), CsvWriter.formatReal(x), () -> "x = " + x);
        }
    }

    /** n + odd/2^j with 13 - j integer digits: exactly 13 significant digits ending in 5, a tie at 12. */
    private static double tie(SplittableRandom rnd) {
        int j = rnd.nextInt(1, 5);
        long lo = (long) Math.pow(10, 12 - j);
        long n = rnd.nextLong(lo, 10 * lo);
        double x = n + (2 * rnd.nextInt(1 << (j - 1)) + 1) / Math.scalb(1.0, j);
        return rnd.nextBoolean() ? x : -x;
    }

    private static String reference(double x) {
        if (Double.isNaN(x)) return "";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (Math.abs(x) <= 0x1p53 && x == Math.rint(x)) return Long.toString((long) x);
        return NumberText.exact(x);
    }
}
