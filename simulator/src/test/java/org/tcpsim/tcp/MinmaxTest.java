package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** lib/win_minmax.c: minmax_running_min, the windowed minimum behind tp->rtt_min (tcp_min_rtt_wlen). */
class MinmaxTest {
    private static final long WIN = 300_000; // ms: tcp_min_rtt_wlen = 300 s

    @Test
    void nothing_measured_reads_zero_and_a_lower_value_takes_over_at_once() {
        Minmax m = new Minmax();
        assertEquals(0, m.get());
        assertEquals(50, m.runningMin(WIN, 0, 50));
        assertEquals(50, m.runningMin(WIN, 10, 70));
        assertEquals(20, m.runningMin(WIN, 20, 20));
    }

    @Test
    void a_minimum_ages_out_once_a_whole_window_passes_without_it() {
        Minmax m = new Minmax();
        m.runningMin(WIN, 0, 20); // the path was shorter once
        for (long t = 1000; t <= WIN; t += 1000) {
            assertEquals(20, m.runningMin(WIN, t, 40), "still inside the window at " + t);
        }
        assertEquals(40, m.runningMin(WIN, WIN + 1000, 40), "the old minimum has left the window");
    }

    @Test
    void the_second_choice_from_a_later_quarter_takes_over() {
        Minmax m = new Minmax();
        m.runningMin(WIN, 0, 10);
        m.runningMin(WIN, WIN / 4 + 1, 30); // past a quarter: becomes the 2nd (and 3rd) choice
        m.runningMin(WIN, WIN / 2 + 1, 50); // past half: the 3rd choice
        assertEquals(30, m.runningMin(WIN, WIN + 1, 60), "10 expired; 30 is still in the window");
    }

    /** Against a brute-force minimum over the window: never below it, and equal whenever the values only go down. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void never_below_the_true_windowed_minimum(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Minmax m = new Minmax();
        int n = 5000;
        long[] t = new long[n];
        long[] v = new long[n];
        long now = 0;
        for (int i = 0; i < n; i++) {
            now += r.nextInt(1, 400);
            t[i] = now;
            v[i] = 10_000 + r.nextInt(0, 5000);
            long got = m.runningMin(20_000, now, v[i]);
            long trueMin = Long.MAX_VALUE;
            for (int j = i; j >= 0 && now - t[j] <= 20_000; j--) {
                trueMin = Math.min(trueMin, v[j]);
            }
            assertTrue(got >= trueMin, "at " + now + ": " + got + " < " + trueMin);
            assertTrue(got <= v[i], "never above the newest measurement");
        }
    }
}
