package org.tcpsim.app.client;

/**
 * Durations in nanoseconds in log-linear buckets: exact below 512 ns, then 256 buckets per power
 * of two (a bucket spans under 0.4 % of its values). Each bucket also keeps the sum of its values,
 * so a percentile is the mean of the values in the bucket holding that rank: exact when they are
 * all equal, within 0.4 % otherwise. Only the buckets between the smallest and the largest value
 * are kept: a few KiB for latencies within a factor of ten, at most 240 KiB however many are recorded.
 */
public final class LatencyHistogram {
    /** Mantissa bits below the leading one. */
    private static final int PRECISION = 8;
    private static final int GROW = 1 << PRECISION;

    /** Buckets first .. first + counts.length - 1. */
    private long[] counts = new long[0];
    private long[] sums = new long[0];
    private int first;
    private long n;
    private long total;
    private long max;

    /** The bucket of a value: the value itself below 2^(P+1), else (octave, top P bits below the leading one). */
    static int index(long v) {
        if (v < 1L << (PRECISION + 1)) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - PRECISION;
        return ((shift + 1) << PRECISION) + (int) ((v >>> shift) - (1L << PRECISION));
    }

    public void record(long valueNs) {
        long v = Math.max(0, valueNs);
        int i = index(v);
        if (counts.length == 0) {
            first = i / GROW * GROW;
        }
        if (i < first || i >= first + counts.length) {
            cover(i);
        }
        counts[i - first]++;
        sums[i - first] += v;
        n++;
        total += v;
        max = Math.max(max, v);
    }

    /** Widens the kept range of buckets to include bucket {@code i}, in steps of GROW. */
    private void cover(int i) {
        int from = Math.min(first, i / GROW * GROW);
        int to = Math.max(first + counts.length, (i / GROW + 1) * GROW);
        long[] c = new long[to - from];
        long[] s = new long[to - from];
        System.arraycopy(counts, 0, c, first - from, counts.length);
        System.arraycopy(sums, 0, s, first - from, sums.length);
        counts = c;
        sums = s;
        first = from;
    }

    public long count() {
        return n;
    }

    /** Mean in nanoseconds, NaN when empty. */
    public double meanNs() {
        return n == 0 ? Double.NaN : (double) total / n;
    }

    /** Largest value recorded, NaN when empty. */
    public double maxNs() {
        return n == 0 ? Double.NaN : max;
    }

    /**
     * Nearest-rank percentile, {@code permille} in 1..1000 (500: median, 990: p99): the mean of the
     * values in the bucket holding rank ceil(permille n / 1000). NaN when empty.
     */
    public double percentileNs(int permille) {
        if (permille < 1 || permille > 1000) {
            throw new IllegalArgumentException("permille must be 1..1000: " + permille);
        }
        if (n == 0) {
            return Double.NaN;
        }
        long rank = (permille * n + 999) / 1000;
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return (double) sums[i] / counts[i];
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + n + " values");
    }
}
