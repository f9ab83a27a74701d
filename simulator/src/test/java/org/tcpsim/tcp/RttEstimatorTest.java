package org.tcpsim.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RttEstimatorTest {
    private static final long MIN = 200_000;
    private static final long MAX = 120_000_000;

    @Test
    void before_any_sample_the_rto_is_tcp_timeout_init() {
        assertEquals(1_000_000, new RttEstimator(MIN, MAX).rtoUs());
    }

    @Test
    void first_sample_sets_srtt_and_a_variance_floored_at_rto_min() {
        RttEstimator e = new RttEstimator(MIN, MAX);
        e.sample(20_000, 0, 100); // 20 ms: mdev4 = 40 ms < rto_min, so rttvar = 200 ms
        assertEquals(20_000, e.srttUs());
        assertEquals(200_000, e.rttvarUs());
        assertEquals(220_000, e.rtoUs(), "RTO = srtt + max(2R, rto_min)");
    }

    @Test
    void a_long_rtt_gets_rto_of_three_times_the_sample() {
        RttEstimator e = new RttEstimator(MIN, MAX);
        e.sample(500_000, 0, 100); // mdev4 = 1 s > rto_min
        assertEquals(1_500_000, e.rtoUs());
    }

    @Test
    void steady_samples_converge_to_srtt_plus_rto_min() {
        RttEstimator e = new RttEstimator(MIN, MAX);
        int una = 0;
        for (int i = 0; i < 200; i++) {
            e.sample(50_000, una, una + 10);
            una += 10; // each sample a new round, so the variance floor decays
        }
        assertEquals(50_000, e.srttUs());
        assertEquals(250_000, e.rtoUs(), "minimum RTO is about srtt + 200 ms");
    }

    @Test
    void srtt_moves_an_eighth_of_the_error_per_sample() {
        RttEstimator e = new RttEstimator(MIN, MAX);
        e.sample(80_000, 0, 1);
        e.sample(160_000, 0, 1);
        assertEquals(90_000, e.srttUs()); // 80 + (160-80)/8
    }

    @Test
    void backoff_doubles_up_to_rto_max_and_a_new_sample_clears_it() {
        RttEstimator e = new RttEstimator(MIN, MAX);
        for (int i = 0; i < 10; i++) {
            e.backoff();
        }
        assertEquals(MAX, e.rtoUs());
        e.sample(20_000, 0, 1);
        assertTrue(e.rtoUs() < 1_000_000);
    }

    @Test
    void rto_is_whole_jiffies() {
        RttEstimator e = new RttEstimator(MIN, MAX);
        e.sample(333_333, 0, 1); // srtt 333.333 ms + rttvar 666.666 ms
        assertEquals(0, e.rtoUs() % 1000);
        assertEquals(1_000_000, e.rtoUs());
    }
}
