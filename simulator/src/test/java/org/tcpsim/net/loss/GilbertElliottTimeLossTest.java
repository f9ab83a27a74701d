package org.tcpsim.net.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The time-based Gilbert-Elliott chain against its closed forms, over many seeds. */
class GilbertElliottTimeLossTest {
    private static final long MS = 1_000_000L;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void loses_the_fraction_of_time_spent_bad(long seed) {
        GilbertElliottTimeLoss loss = new GilbertElliottTimeLoss(190 * MS, 10 * MS, 0.0, 1.0);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 2_000_000;
        int lost = 0;
        for (int i = 0; i < n; i++) {
            if (loss.drop(rnd, i * MS)) { // one packet a millisecond
                lost++;
            }
        }
        assertEquals(0.05, loss.expectedLossRate(), 1e-12);
        // ~10 000 bad spells in 2000 s: the fraction is known to a few per cent
        assertEquals(0.05, (double) lost / n, 0.05 * 0.08, "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void bursts_last_as_long_in_time_as_the_bad_spells(long seed) {
        long meanGood = 490 * MS;
        long meanBad = 10 * MS;
        long gap = MS;
        GilbertElliottTimeLoss loss = new GilbertElliottTimeLoss(meanGood, meanBad, 0.0, 1.0);
        SplittableRandom rnd = new SplittableRandom(seed);
        long runs = 0;
        long lostTotal = 0;
        boolean previous = false;
        for (int i = 0; i < 3_000_000; i++) {
            boolean lost = loss.drop(rnd, i * gap);
            if (lost) {
                lostTotal++;
                if (!previous) {
                    runs++;
                }
            }
            previous = lost;
        }
        // runs of losses are geometric: a bad state survives one gap with pi_bad + pi_good e^-(a+b)gap
        double rateSum = 1.0 / meanGood + 1.0 / meanBad;
        double piBad = (double) meanBad / (meanGood + meanBad);
        double stay = piBad + (1 - piBad) * Math.exp(-rateSum * gap);
        double expectedRun = 1 / (1 - stay);
        assertTrue(expectedRun > 9 && expectedRun < 12, "a 10 ms spell covers ~10 packets: " + expectedRun);
        assertEquals(expectedRun, (double) lostTotal / runs, expectedRun * 0.06, "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void a_sparse_flow_meets_independent_states(long seed) {
        // One packet every 5 s against 50 ms bad spells: a loss says nothing about the next packet,
        // unlike a per-packet chain, which would keep this flow in the bad state for ~1/p_bg packets.
        GilbertElliottTimeLoss loss = new GilbertElliottTimeLoss(950 * MS, 50 * MS, 0.0, 1.0);
        SplittableRandom rnd = new SplittableRandom(seed);
        long lost = 0;
        long lostAfterLost = 0;
        boolean previous = false;
        for (int i = 0; i < 400_000; i++) {
            boolean l = loss.drop(rnd, i * 5_000 * MS);
            if (l) {
                lost++;
                if (previous) {
                    lostAfterLost++;
                }
            }
            previous = l;
        }
        assertEquals(0.05, (double) lost / 400_000, 0.003, "seed " + seed);
        assertEquals(0.05, (double) lostAfterLost / lost, 0.01, "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void packets_in_one_instant_share_a_state(long seed) {
        GilbertElliottTimeLoss loss = new GilbertElliottTimeLoss(100 * MS, 100 * MS, 0.0, 1.0);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int t = 0; t < 10_000; t++) {
            boolean first = loss.drop(rnd, t * 37 * MS);
            for (int k = 0; k < 5; k++) {
                assertEquals(first, loss.drop(rnd, t * 37 * MS), "no time passed, no change of state");
            }
        }
    }
}
