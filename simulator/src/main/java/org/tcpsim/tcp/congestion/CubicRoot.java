package org.tcpsim.tcp.congestion;

/**
 * Linux: cubic_root() of net/ipv4/tcp_cubic.c: a table lookup on the most significant bits
 * followed by one Newton-Raphson iteration, all in integers. The kernel documents an average
 * error of about 0.195 %.
 */
final class CubicRoot {
    /**
     * cbrt(x) MSB values for x MSB values in [0..63] (precomputed then refined by hand, Willy
     * Tarreau): for x in [0..63], v = cbrt(x &lt;&lt; 18) - 1 and cbrt(x) = (v[x] + 10) &gt;&gt; 6.
     */
    private static final int[] V = {
        /* 0x00 */ 0, 54, 54, 54, 118, 118, 118, 118,
        /* 0x08 */ 123, 129, 134, 138, 143, 147, 151, 156,
        /* 0x10 */ 157, 161, 164, 168, 170, 173, 176, 179,
        /* 0x18 */ 181, 185, 187, 190, 192, 194, 197, 199,
        /* 0x20 */ 200, 202, 204, 206, 209, 211, 213, 215,
        /* 0x28 */ 217, 219, 221, 222, 224, 225, 227, 229,
        /* 0x30 */ 231, 232, 234, 236, 237, 239, 240, 242,
        /* 0x38 */ 244, 245, 246, 248, 250, 251, 252, 254,
    };

    private CubicRoot() {
    }

    /** Linux: cubic_root(u64 a); {@code a} is read as unsigned, the result is a u32. */
    static int cubicRoot(long a) {
        int b = fls64(a);
        if (b < 7) {
            // a in [0..63]
            return (V[(int) a] + 35) >>> 6;
        }
        b = ((b * 84) >>> 8) - 1;
        int shift = (int) (a >>> (b * 3));
        int x = ((V[shift] + 10) << b) >>> 6;
        // Newton-Raphson iteration: x' = (2 * x + a / x^2) / 3, with x * (x - 1) for x^2 and
        // x * 341 >> 10 for the division by 3.
        long divisor = Integer.toUnsignedLong(x) * Integer.toUnsignedLong(x - 1);
        x = 2 * x + (int) Long.divideUnsigned(a, divisor);
        x = (x * 341) >>> 10;
        return x;
    }

    /** Linux: fls64(): position of the most significant set bit, 1-based; 0 for 0. */
    static int fls64(long a) {
        return 64 - Long.numberOfLeadingZeros(a);
    }
}
