package org.tcpsim.tcp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** HyStart of net/ipv4/tcp_cubic.c (hystart_update, called from cubictcp_acked). */
class HyStartTest {
    private static final long T0_US = 10_000_000;

    private static FakeTcp socket() {
        FakeTcp tp = new FakeTcp();
        tp.nowUs = T0_US;
        tp.sndNxt = tp.sndUna + tp.cwnd;
        return tp;
    }

    /**
     * Min RTT 100 ms; the RTT rises to 120 ms from the round that starts at cwnd 40. ACKs are
     * 100/cwnd ms apart, over 2 ms, so the ACK-train detector never runs.
     * <pre>
     *  round  cwnd   RTT     HyStart
     *    0    10     100 ms  cwnd &lt; 16: rounds only          -> 20
     *    1    20     100 ms  8 samples, curr_rtt 100 ms         -> 40
     *    2    40     120 ms  ACK 1 starts the round; ACKs 1-8 are samples (cwnd 40..47);
     *                        ACK 9: 120 &gt; 100 + clamp(100/8, 4, 16) = 112.5 ms
     *                        -> ssthresh = cwnd = 48, slow start over
     * </pre>
     */
    @Test
    void delay_increase_exits_slow_start_after_eight_samples_of_the_round() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic();
        cubic.init(tp);
        AckClock clock = new AckClock(tp, cubic, t -> tp.cwnd >= 40 ? 120_000 : 100_000);
        clock.round();
        clock.round();
        assertEquals(Integer.MAX_VALUE, tp.ssthresh);
        assertEquals(40, tp.cwnd);
        clock.round();
        assertEquals(48, tp.ssthresh);
        assertTrue(cubic.hystartFound());
        assertEquals(1, tp.mib(HyStart.MIB_DELAY_DETECT));
        assertEquals(48, tp.mib(HyStart.MIB_DELAY_CWND));
        assertEquals(0, tp.mib(HyStart.MIB_TRAIN_DETECT));
        assertFalse(tp.inSlowStart());
    }

    @Test
    void a_delay_rise_below_the_threshold_keeps_slow_start() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic();
        cubic.init(tp);
        // +12 ms < clamp(100 / 8, 4, 16) = 12.5 ms
        AckClock clock = new AckClock(tp, cubic, t -> tp.cwnd >= 40 ? 112_000 : 100_000);
        for (int r = 0; r < 3; r++) {
            clock.round();
        }
        assertEquals(80, tp.cwnd);
        assertEquals(Integer.MAX_VALUE, tp.ssthresh);
        assertFalse(cubic.hystartFound());
    }

    @Test
    void delay_threshold_is_min_rtt_over_8_clamped_to_4_and_16_ms() {
        assertEquals(4000, HyStart.delayThresh(1000 >>> 3));
        assertEquals(12_500, HyStart.delayThresh(100_000 >>> 3));
        assertEquals(16_000, HyStart.delayThresh(400_000 >>> 3));
    }

    /**
     * Min RTT 40 ms, ACKs 40/cwnd ms apart. A train is ACKs at most 2 ms apart; it ends slow
     * start once it lasts longer than delay_min / 2 = 20 ms (no pacing: threshold halved).
     * <pre>
     *  round 0: cwnd 10, ACKs 4 ms apart: no train (and cwnd &lt; 16)           -> 20
     *  round 1: cwnd 20, ACKs 2 ms apart: ACK 1 starts the round at t1;
     *           ACK k at t1 + 2(k-1) ms; ACK 12 is 22 ms &gt; 20 ms past t1:
     *           ssthresh = cwnd = 20 + 11 = 31
     * </pre>
     */
    @Test
    void ack_train_longer_than_half_the_min_rtt_exits_slow_start() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic();
        cubic.init(tp);
        AckClock clock = new AckClock(tp, cubic, 40_000);
        clock.round();
        assertEquals(Integer.MAX_VALUE, tp.ssthresh);
        clock.round();
        assertEquals(31, tp.ssthresh);
        assertEquals(1, tp.mib(HyStart.MIB_TRAIN_DETECT));
        assertEquals(31, tp.mib(HyStart.MIB_TRAIN_CWND));
        assertEquals(0, tp.mib(HyStart.MIB_DELAY_DETECT));
    }

    @Test
    void hystart_off_keeps_slow_start_until_ssthresh_or_loss() {
        FakeTcp tp = socket();
        Cubic cubic = new Cubic(CubicParams.DEFAULTS.withHystart(false));
        cubic.init(tp);
        AckClock clock = new AckClock(tp, cubic, t -> tp.cwnd >= 40 ? 200_000 : 40_000);
        for (int r = 0; r < 4; r++) {
            clock.round();
        }
        assertEquals(160, tp.cwnd);
        assertEquals(Integer.MAX_VALUE, tp.ssthresh);
    }

    /**
     * Linux 6.14 (commit 25c1a9ca, "tcp_cubic: fix incorrect HyStart round start detection"):
     * a round starts when snd_una passes end_seq even while cwnd &lt; hystart_low_window. Here
     * the round starts at ACK A (cwnd 15); ACKs follow 1 ms apart, cwnd +1 each. With delay_min
     * 20 ms the train must outlast 10 ms past A: the ACK at A + 11 ms (cwnd 15 + 11 = 26).
     * Before the fix the round started one ACK later (the first with cwnd 16), giving 27.
     */
    @Test
    void a_round_starts_at_snd_una_past_end_seq_even_below_the_low_window() {
        FakeTcp tp = socket();
        tp.cwnd = 15;
        tp.sndNxt = 100;
        Cubic cubic = new Cubic();
        cubic.init(tp); // end_seq = 100
        tp.sndUna = 50;
        cubic.pktsAcked(tp, FakeTcp.ack(1, 20_000)); // delay_min = 20 ms
        tp.nowUs += 1_000;
        tp.sndUna = 101; // ACK A: past end_seq, cwnd 15
        tp.sndNxt = 130;
        cubic.pktsAcked(tp, FakeTcp.ack(1, 20_000));
        cubic.congAvoid(tp, tp.sndUna, 1);
        for (int k = 1; k <= 11; k++) {
            tp.nowUs += 1_000;
            tp.sndUna++;
            cubic.pktsAcked(tp, FakeTcp.ack(1, 20_000));
            assertEquals(k == 11, cubic.hystartFound(), "ACK A + " + k + " ms");
            cubic.congAvoid(tp, tp.sndUna, 1);
        }
        assertEquals(26, tp.ssthresh);
    }

    @Test
    void ack_delay_cushion_is_four_gso_packets_at_the_pacing_rate_capped_at_1_ms() {
        FakeTcp tp = socket();
        assertEquals(0, HyStart.hystartAckDelay(tp)); // no pacing rate yet
        tp.pacingRate = 1_250_000_000L; // 10 Gbit/s: 4 * 65536 B take 209 us
        assertEquals(209, HyStart.hystartAckDelay(tp));
        tp.pacingRate = 12_500_000L; // 100 Mbit/s: 20 ms, capped
        assertEquals(1000, HyStart.hystartAckDelay(tp));
    }
}
