package org.tcpsim.api.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * lib/win_minmax.c: minmax_running_min (tp->rtt_min over tcp_min_rtt_wlen, in jiffies) and
 * minmax_running_max (BBR's bandwidth filter over bbr_bw_rtts round trips), with u32 times and values.
 */
class MinmaxTest {
    private static final int WIN = 300_000; // jiffies: tcp_min_rtt_wlen = 300 s at HZ = 1000

    /** tcp_init_sock: minmax_reset(&tp->rtt_min, tcp_jiffies32, ~0U). */
    private static Minmax rttMin() {
        Minmax m = new Minmax();
        m.reset(0, ~0);
        return m;
    }

    @Test
    void a_reset_minimum_reads_all_ones_and_a_lower_value_takes_over_at_once() {
        Minmax m = rttMin();
        assertEquals(~0, m.get());
        assertEquals(50, m.runningMin(WIN, 0, 50));
        assertEquals(50, m.runningMin(WIN, 10, 70));
        assertEquals(20, m.runningMin(WIN, 20, 20));
    }

    @Test
    void a_minimum_ages_out_once_a_whole_window_passes_without_it() {
        Minmax m = rttMin();
        m.runningMin(WIN, 0, 20); // the path was shorter once
        for (int t = 1000; t <= WIN; t += 1000) {
            assertEquals(20, m.runningMin(WIN, t, 40), "still inside the window at " + t);
        }
        assertEquals(40, m.runningMin(WIN, WIN + 1000, 40), "the old minimum has left the window");
    }

    @Test
    void the_second_choice_from_a_later_quarter_takes_over() {
        Minmax m = rttMin();
        m.runningMin(WIN, 0, 10);
        m.runningMin(WIN, WIN / 4 + 1, 30); // past a quarter: becomes the 2nd (and 3rd) choice
        m.runningMin(WIN, WIN / 2 + 1, 50); // past half: the 3rd choice
        assertEquals(30, m.runningMin(WIN, WIN + 1, 60), "10 expired; 30 is still in the window");
    }

    @Test
    void a_maximum_over_ten_rounds_as_bbr_keeps_it() {
        Minmax bw = new Minmax(); // minmax_reset(&bbr->bw, 0, 0) is the zeroed struct
        assertEquals(100, bw.runningMax(10, 1, 100));
        assertEquals(100, bw.runningMax(10, 5, 60));
        assertEquals(100, bw.runningMax(10, 11, 60), "round 11 - round 1 = 10: still in the window");
        assertEquals(60, bw.runningMax(10, 12, 50), "past ten rounds the 2nd choice (60) takes over");
        assertEquals(200, bw.runningMax(10, 13, 200), "a new maximum at once");
    }

    @Test
    void values_and_times_are_u32() {
        Minmax bw = new Minmax();
        bw.runningMax(10, -3, 0x9000_0000); // above 2^31: compared unsigned
        assertEquals(0x9000_0000, bw.runningMax(10, -2, 5), "0x90000000 is the larger u32");
        assertEquals(5, bw.runningMax(10, 8, 5), "time wraps past 2^32: 8 - (-3) = 11 rounds, the old max expired");
    }

    /** Against a brute-force minimum over the window: never below it, never above the newest measurement. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void never_below_the_true_windowed_minimum(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Minmax m = rttMin();
        int n = 5000;
        int[] t = new int[n];
        int[] v = new int[n];
        int now = 0;
        for (int i = 0; i < n; i++) {
            now += r.nextInt(1, 400);
            t[i] = now;
            v[i] = 10_000 + r.nextInt(0, 5000);
            int got = m.runningMin(20_000, now, v[i]);
            int trueMin = Integer.MAX_VALUE;
            for (int j = i; j >= 0 && now - t[j] <= 20_000; j--) {
                trueMin = Math.min(trueMin, v[j]);
            }
            assertTrue(got >= trueMin, "seed " + seed + " at " + now + ": " + got + " < " + trueMin);
            assertTrue(got <= v[i], "never above the newest measurement");
        }
    }

    /** The same for a windowed maximum. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void never_above_the_true_windowed_maximum(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Minmax m = new Minmax();
        int n = 3000;
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(1, 1_000_000);
            int got = m.runningMax(10, i, v[i]);
            int trueMax = 0;
            for (int j = i; j >= 0 && i - j <= 10; j--) {
                trueMax = Math.max(trueMax, v[j]);
            }
            assertTrue(got <= trueMax, "seed " + seed + " at round " + i + ": " + got + " > " + trueMax);
            assertTrue(got >= v[i], "never below the newest measurement");
        }
    }
}
