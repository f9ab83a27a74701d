package org.tcpsim.example.vegas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tcpsim.api.ParameterException;
import org.tcpsim.api.Parameters;
import org.tcpsim.api.congestion.CaEvent;
import org.tcpsim.api.congestion.CaState;

/**
 * tcp_vegas_cong_avoid() step by step, each expected value worked out by hand from the source:
 * target_cwnd = cwnd * baseRTT / rtt (u64), diff = cwnd * (rtt - baseRTT) / baseRTT (u32), then
 * the once-per-RTT decision, the clamp to [2, snd_cwnd_clamp] and ssthresh = tcp_current_ssthresh().
 * RTTs are vrtt = rtt_us + 1 as tcp_vegas_pkts_acked() stores them.
 */
class VegasTest {
    static final VegasParams DEFAULTS = VegasParams.of(Parameters.defaults(VegasParams.DECLARED));

    /**
     * A connection whose first RTT measured baseRTT (three samples; that RTT's adjustment is not
     * under test, so cwnd and ssthresh are then set to the case's values) and whose second RTT
     * measured {@code rttUs} three times; the next ACK past beg_snd_nxt = 2000 makes the decision.
     */
    static Vegas measured(FakeSock sk, VegasParams params, long baseRttUs, long rttUs, int cwnd, int ssthresh) {
        return measured(sk, params, baseRttUs, rttUs, cwnd, ssthresh, 3);
    }

    /** As above with {@code samples} RTT samples in the second RTT. */
    static Vegas measured(FakeSock sk, VegasParams params, long baseRttUs, long rttUs, int cwnd, int ssthresh,
                          int samples) {
        Vegas v = new Vegas(params);
        sk.sndNxt = 1000;
        v.init(sk); // beg_snd_nxt = 1000
        for (int i = 0; i < 3; i++) {
            v.pktsAcked(sk, FakeSock.ack(1, baseRttUs));
        }
        sk.sndNxt = 2000;
        v.congAvoid(sk, 1001, 1); // end of the first RTT: beg_snd_nxt = 2000, slate wiped
        sk.cwnd = cwnd;
        sk.ssthresh = ssthresh;
        sk.cwndCnt = 0;
        for (int i = 0; i < samples; i++) {
            v.pktsAcked(sk, FakeSock.ack(1, rttUs)); // cntRTT = samples, minRTT = rtt + 1
        }
        sk.sndNxt = 3000;
        return v;
    }

    @Test
    void slow_start_exits_at_the_rate_the_acks_show_once_diff_exceeds_gamma() {
        FakeSock sk = new FakeSock();
        Vegas v = measured(sk, DEFAULTS, 50_000, 70_000, 40, Integer.MAX_VALUE); // slow start
        // baseRTT = 50001, rtt = 70001: target = 40 * 50001 / 70001 = 28 (28.57);
        // diff = 40 * 20000 / 50001 = 15 > gamma = 1 in slow start: cwnd = min(40, 28 + 1) = 29,
        // ssthresh = min(inf, 29) = 29, then tcp_current_ssthresh = max(29, 14 + 7) = 29
        v.congAvoid(sk, 2001, 1);
        assertEquals(29, sk.cwnd);
        assertEquals(29, sk.ssthresh);
    }

    @Test
    void congestion_avoidance_backs_off_one_packet_when_more_than_beta_are_queued() {
        FakeSock sk = new FakeSock();
        Vegas v = measured(sk, DEFAULTS, 100_000, 130_000, 20, 10);
        // diff = 20 * 30000 / 100001 = 5 (5.99) > beta = 4: cwnd 19, ssthresh = min(10, 19) = 10,
        // then tcp_current_ssthresh (Open) = max(10, (19 >> 1) + (19 >> 2)) = max(10, 9 + 4) = 13
        v.congAvoid(sk, 2001, 1);
        assertEquals(19, sk.cwnd);
        assertEquals(13, sk.ssthresh);
    }

    @Test
    void congestion_avoidance_adds_one_packet_when_fewer_than_alpha_are_queued() {
        FakeSock sk = new FakeSock();
        Vegas v = measured(sk, DEFAULTS, 100_000, 105_000, 20, 10);
        // diff = 20 * 5000 / 100001 = 0 < alpha = 2: cwnd 21; ssthresh = max(10, 10 + 5) = 15
        v.congAvoid(sk, 2001, 1);
        assertEquals(21, sk.cwnd);
        assertEquals(15, sk.ssthresh);
    }

    @Test
    void congestion_avoidance_holds_between_alpha_and_beta() {
        FakeSock sk = new FakeSock();
        Vegas v = measured(sk, DEFAULTS, 100_000, 115_000, 20, 10);
        // diff = 20 * 15000 / 100001 = 2 (2.99): alpha <= diff <= beta, cwnd stays; ssthresh = 15
        v.congAvoid(sk, 2001, 1);
        assertEquals(20, sk.cwnd);
        assertEquals(15, sk.ssthresh);
    }

    @Test
    void slow_start_goes_on_while_diff_is_at_most_gamma() {
        FakeSock sk = new FakeSock();
        Vegas v = measured(sk, DEFAULTS, 100_000, 101_000, 10, Integer.MAX_VALUE);
        // tcp_vegas_cong_avoid: diff = 10 * 1000 / 100001 = 0, not > gamma = 1, and tcp_in_slow_start
        // (10 < ssthresh): tcp_slow_start(tp, acked = 2) gives cwnd = min(10 + 2, ssthresh) = 12;
        // tcp_current_ssthresh = max(0x7fffffff, 6 + 3) leaves TCP_INFINITE_SSTHRESH
        v.congAvoid(sk, 2001, 2);
        assertEquals(12, sk.cwnd);
        assertEquals(Integer.MAX_VALUE, sk.ssthresh);
    }

    @Test
    void backing_off_never_goes_below_two_packets() {
        FakeSock sk = new FakeSock();
        Vegas v = measured(sk, DEFAULTS, 10_000, 40_000, 2, 2);
        // tcp_vegas_cong_avoid, congestion avoidance (2 >= ssthresh 2): diff = 2 * 30000 / 10001 = 5
        // > beta: snd_cwnd-- = 1, ssthresh = tcp_vegas_ssthresh = min(2, 1) = 1; "if (snd_cwnd < 2)
        // snd_cwnd = 2"; then tcp_current_ssthresh = max(1, (2 >> 1) + (2 >> 2)) = 1
        v.congAvoid(sk, 2001, 1);
        assertEquals(2, sk.cwnd);
        assertEquals(1, sk.ssthresh);
    }

    @Test
    void speeding_up_stops_at_snd_cwnd_clamp() {
        FakeSock sk = new FakeSock();
        sk.cwndClamp = 20;
        Vegas v = measured(sk, DEFAULTS, 100_000, 105_000, 20, 10);
        // tcp_vegas_cong_avoid: diff 0 < alpha, snd_cwnd++ = 21 > snd_cwnd_clamp = 20: 20;
        // tcp_current_ssthresh = max(10, 10 + 5) = 15
        v.congAvoid(sk, 2001, 1);
        assertEquals(20, sk.cwnd);
        assertEquals(15, sk.ssthresh);
    }

    @Test
    void two_rtt_samples_are_taken_for_delayed_acks_and_reno_grows_the_window() {
        FakeSock sk = new FakeSock();
        Vegas v = measured(sk, DEFAULTS, 100_000, 130_000, 20, 10, 2);
        // tcp_vegas_cong_avoid: cntRTT = 2 <= 2, so tcp_reno_cong_avoid: congestion avoidance,
        // tcp_cong_avoid_ai(tp, 20, 1): snd_cwnd_cnt 1 of 20, cwnd unchanged (Vegas with three
        // samples and diff = 5 > beta would have backed off to 19)
        v.congAvoid(sk, 2001, 1);
        assertEquals(20, sk.cwnd);
        assertEquals(1, sk.cwndCnt);
        assertEquals(10, sk.ssthresh);
    }

    @Test
    void diff_is_computed_in_u32_as_the_kernel_does_and_wraps() {
        FakeSock sk = new FakeSock();
        Vegas v = measured(sk, DEFAULTS, 100_000, 165_537, 65_536, 10);
        // tcp_vegas_cong_avoid: rtt - baseRTT = 165538 - 100001 = 65537; u32 diff = 65536 * 65537
        // = 2^32 + 65536, which wraps to 65536, / 100001 = 0 < alpha: snd_cwnd++ (a u64 product
        // would give 42949 > beta and back off); target_cwnd is u64 and does not wrap.
        // tcp_current_ssthresh = max(10, (65537 >> 1) + (65537 >> 2)) = 32768 + 16384 = 49152
        v.congAvoid(sk, 2001, 1);
        assertEquals(65_537, sk.cwnd);
        assertEquals(49_152, sk.ssthresh);
    }

    @Test
    void outside_open_vegas_steps_aside_for_reno() {
        FakeSock sk = new FakeSock();
        Vegas v = measured(sk, DEFAULTS, 100_000, 130_000, 20, 10);
        // tcp_vegas_state(CA_Disorder) -> vegas_disable; tcp_vegas_cong_avoid: !doing_vegas_now,
        // tcp_reno_cong_avoid: snd_cwnd_cnt 1 of 20 where Vegas would have backed off
        v.setState(sk, CaState.DISORDER);
        v.congAvoid(sk, 2001, 1);
        assertEquals(20, sk.cwnd);
        assertEquals(1, sk.cwndCnt);
    }

    @Test
    void the_parameters_move_the_thresholds() {
        FakeSock sk = new FakeSock();
        VegasParams wide = VegasParams.of(Parameters.of(VegasParams.DECLARED, Map.of("alpha", 6L, "beta", 8L)));
        Vegas v = measured(sk, wide, 100_000, 130_000, 20, 10);
        // diff = 5: with beta = 4 Vegas backed off; with alpha = 6 it speeds up instead
        v.congAvoid(sk, 2001, 1);
        assertEquals(21, sk.cwnd);
    }

    @Test
    void the_adjustment_happens_once_per_rtt_and_needs_three_samples() {
        FakeSock sk = new FakeSock();
        Vegas v = measured(sk, DEFAULTS, 100_000, 105_000, 20, 10);
        v.congAvoid(sk, 1999, 1); // not after beg_snd_nxt = 2000, not slow start: nothing
        assertEquals(20, sk.cwnd);
        v.congAvoid(sk, 2001, 1); // the RTT ended: +1
        assertEquals(21, sk.cwnd);
        // the slate is clean (cntRTT = 0): at the end of the next RTT, Reno: snd_cwnd_cnt 1 of 21
        v.congAvoid(sk, 3001, 1);
        assertEquals(21, sk.cwnd);
        assertEquals(1, sk.cwndCnt);
    }

    @Test
    void vegas_runs_only_in_open_and_restarts_after_idle_with_a_fresh_base_rtt() {
        FakeSock sk = new FakeSock();
        Vegas v = measured(sk, DEFAULTS, 100_000, 105_000, 20, 10);
        assertEquals(100_001, v.baseRtt());
        v.setState(sk, CaState.RECOVERY);
        assertFalse(v.doingVegasNow());
        v.setState(sk, CaState.OPEN);
        assertTrue(v.doingVegasNow());
        v.cwndEvent(sk, CaEvent.TX_START); // tcp_vegas_init: baseRTT forgotten
        assertEquals(0x7fffffff, v.baseRtt());
        v.pktsAcked(sk, FakeSock.ack(1, -1)); // no RTT sample: ignored
        assertEquals(0x7fffffff, v.baseRtt());
    }

    @Test
    void losses_are_handled_as_reno_does() {
        FakeSock sk = new FakeSock();
        sk.cwnd = 31;
        sk.priorCwnd = 40;
        Vegas v = new Vegas(DEFAULTS);
        assertEquals(15, v.ssthresh(sk)); // tcp_reno_ssthresh: max(31 >> 1, 2)
        assertEquals(40, v.undoCwnd(sk)); // tcp_reno_undo_cwnd: max(cwnd, prior_cwnd)
    }

    @Test
    void alpha_above_beta_is_refused_at_the_alpha_parameter() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> VegasParams.of(Parameters.of(VegasParams.DECLARED, Map.of("alpha", 5L))));
        assertEquals("alpha", e.parameter());
    }
}
