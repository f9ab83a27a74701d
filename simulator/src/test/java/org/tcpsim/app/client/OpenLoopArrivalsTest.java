package org.tcpsim.app.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OpenLoopArrivalsTest {
    private static final long S = 1_000_000_000L;

    @Test
    void fixedRateGivesExactlyRateTimesWindowEvenlySpaced() {
        OpenLoopArrivals a = new OpenLoopArrivals(3, false, 2 * S, 12 * S, Long.MAX_VALUE, new SplittableRandom(1));
        long n = 0;
        long t;
        while ((t = a.next()) >= 0) {
            assertEquals(2 * S + Math.round(n * S / 3.0), t, "arrival " + n);
            n++;
        }
        assertEquals(30, n, "3/s for 10 s");
    }

    @Test
    void countStopsTheSourceFirst() {
        OpenLoopArrivals a = new OpenLoopArrivals(1000, false, 0, 10 * S, 7, new SplittableRandom(1));
        int n = 0;
        while (a.next() >= 0) {
            n++;
        }
        assertEquals(7, n);
    }

    @Test
    void poissonGapsAverageOneOverTheRateAndStayInTheWindow() {
        OpenLoopArrivals a = new OpenLoopArrivals(1000, true, S, 101 * S, Long.MAX_VALUE, new SplittableRandom(7));
        long n = 0;
        long t;
        long last = S;
        while ((t = a.next()) >= 0) {
            assertTrue(t > last || n == 0 && t >= S, "increasing, after start");
            assertTrue(t < 101 * S);
            last = t;
            n++;
        }
        // 100 000 expected; the standard deviation of a Poisson count is its square root (~316)
        assertTrue(Math.abs(n - 100_000) < 4 * Math.sqrt(100_000), n + " arrivals");
    }
}
