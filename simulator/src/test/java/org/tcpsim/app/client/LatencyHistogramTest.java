package org.tcpsim.app.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyHistogramTest {
    @Test
    void emptyHistogramHasNoStatistics() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.count());
        assertTrue(Double.isNaN(h.meanNs()));
        assertTrue(Double.isNaN(h.percentileNs(500)));
        assertTrue(Double.isNaN(h.maxNs()));
    }

    @Test
    void equalValuesAreReportedExactly() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 1000; i++) {
            h.record(2_000_960);
        }
        assertEquals(2_000_960.0, h.percentileNs(500));
        assertEquals(2_000_960.0, h.percentileNs(990));
        assertEquals(2_000_960.0, h.meanNs());
        assertEquals(2_000_960.0, h.maxNs());
    }

    @Test
    void smallValuesHaveOneBucketEachSoPercentilesAreNearestRank() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 100; v >= 1; v--) {
            h.record(v);
        }
        // nearest rank: the ceil(q n)-th smallest of 1..100
        assertEquals(50.0, h.percentileNs(500));
        assertEquals(99.0, h.percentileNs(990));
        assertEquals(100.0, h.percentileNs(1000));
        assertEquals(1.0, h.percentileNs(1));
        assertEquals(50.5, h.meanNs());
    }

    @Test
    void bucketsAreContiguousAndOrdered() {
        int previous = -1;
        for (long v = 0; v < 1 << 20; v++) {
            int i = LatencyHistogram.index(v);
            assertTrue(i == previous || i == previous + 1, "value " + v + " index " + i + " after " + previous);
            previous = i;
        }
        assertTrue(LatencyHistogram.index(Long.MAX_VALUE) < 64 << 8);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void percentilesOfSpreadValuesAreWithinTheBucketWidth(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LatencyHistogram h = new LatencyHistogram();
        long[] values = new long[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.round(Math.exp(r.nextDouble(Math.log(1e3), Math.log(1e10)))); // 1 us .. 10 s
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (int permille : new int[] {10, 500, 900, 990, 999}) {
            long exact = values[(int) ((permille * (long) values.length + 999) / 1000) - 1];
            double got = h.percentileNs(permille);
            assertEquals(exact, got, exact / 256.0, "seed " + seed + " p" + permille / 10.0);
        }
        assertEquals(values[values.length - 1], (long) h.maxNs());
        assertEquals(Arrays.stream(values).average().orElseThrow(), h.meanNs(), 1e-6 * h.meanNs());
    }
}
