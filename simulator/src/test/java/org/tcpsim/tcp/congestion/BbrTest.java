package org.tcpsim.tcp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.api.congestion.PacingStatus;
import org.tcpsim.api.congestion.RateSample;
import org.tcpsim.tcp.congestion.Bbr.Mode;

/**
 * The state machine of net/ipv4/tcp_bbr.c, one transition at a time, on a bare socket whose ACKs
 * and rate samples the test writes: STARTUP's gains and pacing, full-pipe detection, DRAIN, the
 * PROBE_BW gain cycle, PROBE_RTT, the long-term (policer) mode, and cwnd through Recovery and Loss.
 * Expected values are worked out by hand with the source's integer arithmetic (BW_SCALE 24,
 * BBR_SCALE 8) on a path of RTT 50 ms and 1448-byte segments: {@code bw(n)} is n packets per
 * 50 ms as BBR stores it, n * 2^24 / 50000.
 */
class BbrTest {
    private static final long RTT_US = 50_000;
    private static final int BBR_UNIT = 256;
    /** The defaults without the ACK-aggregation allowance (bbr_extra_acked_gain = 0): cwnd targets stay put. */
    private static final BbrParams NO_AGGREGATION = new BbrParams(739, 88, 512, 320, 192, 7, 10, 10, 200, 1200000, 1,
            4, 320, 3, 4, 50, 32, 500, 48, 0, 5, 100000);

    /** A rate sample with every field settable. */
    static final class Rs implements RateSample {
        long priorMstampUs = 1;
        int priorDelivered;
        int delivered = -1;
        long intervalUs = -1;
        long rttUs = -1;
        int losses;
        int ackedSacked;
        int priorInFlight;
        boolean appLimited;
        boolean ackDelayed;

        @Override
        public long priorMstampUs() {
            return priorMstampUs;
        }

        @Override
        public int priorDelivered() {
            return priorDelivered;
        }

        @Override
        public int delivered() {
            return delivered;
        }

        @Override
        public long intervalUs() {
            return intervalUs;
        }

        @Override
        public long rttUs() {
            return rttUs;
        }

        @Override
        public int losses() {
            return losses;
        }

        @Override
        public int ackedSacked() {
            return ackedSacked;
        }

        @Override
        public int priorInFlight() {
            return priorInFlight;
        }

        @Override
        public boolean isAppLimited() {
            return appLimited;
        }

        @Override
        public boolean isRetrans() {
            return false;
        }

        @Override
        public boolean isAckDelayed() {
            return ackDelayed;
        }
    }

    /** One BBR socket and the ACKs the test plays to it. */
    static final class Flow {
        final FakeTcp sk = new FakeTcp();
        final Bbr bbr;

        Flow(BbrParams p) {
            sk.nowUs = 10_000_000; // 10 s into the run: jiffies well above 0
            sk.srttUs = RTT_US;
            sk.minRttUs = RTT_US;
            sk.cwnd = 10;
            bbr = new Bbr(p);
            bbr.init(sk);
        }

        Flow() {
            this(BbrParams.DEFAULTS);
        }

        /**
         * An ACK {@code dtUs} after the last one that newly delivers {@code newly} packets and marks
         * {@code losses} lost; its rate sample says {@code sample} packets were delivered over
         * {@code intervalUs} since the newest packet it acknowledges was sent (so prior_delivered
         * is tp->delivered - sample).
         */
        Rs ack(long dtUs, int newly, int sample, long intervalUs, int losses, int priorInFlight, long rttUs) {
            sk.nowUs += dtUs;
            sk.delivered += newly;
            sk.lost += losses;
            if (newly > 0) {
                sk.deliveredMstampUs = sk.nowUs; // tcp_rate_gen
            }
            Rs rs = new Rs();
            rs.priorDelivered = sk.delivered - sample;
            rs.delivered = sample;
            rs.intervalUs = intervalUs;
            rs.ackedSacked = newly;
            rs.losses = losses;
            rs.priorInFlight = priorInFlight;
            rs.rttUs = rttUs;
            bbr.congControl(sk, 0, 0, rs);
            return rs;
        }

        /** The ACK that ends a round trip of {@code n} packets delivered in 50 ms (a round start). */
        Rs round(int n) {
            return ack(RTT_US, n, n, RTT_US, 0, sk.inFlight, RTT_US);
        }

        Rs lossyRound(int n, int lost) {
            return ack(RTT_US, n, n, RTT_US, lost, sk.inFlight, RTT_US);
        }

        /** STARTUP at 20, 40, 80, 160 packets per round, then flat until DRAIN, then drained: PROBE_BW in phase {@code phase}. */
        void toProbeBw(int phase) {
            sk.inFlight = 400;
            for (int n : new int[] {20, 40, 80, 160, 160, 160, 160}) {
                round(n);
            }
            assertEquals(Mode.DRAIN, bbr.mode());
            sk.random.add((Bbr.CYCLE_LEN - phase) % Bbr.CYCLE_LEN); // cycle_idx = 7 - r, then + 1
            sk.inFlight = 100;
            round(160);
            assertEquals(Mode.PROBE_BW, bbr.mode());
            assertEquals(phase, bbr.cycleIdx);
        }
    }

    /** n packets per 50 ms in BBR's unit: pkts/us << BW_SCALE. */
    static int bw(int n) {
        return (int) ((long) n * (1L << 24) / RTT_US);
    }

    /** bbr_rate_bytes_per_sec by hand: bw * mss * gain >> 8 * 990000 >> 24. */
    static long rate(int bw, int gain) {
        return (((long) bw * 1448 * gain) >> 8) * 990_000 >> 24;
    }

    @Test
    void startup_paces_at_high_gain_from_the_initial_window_and_slow_starts_cwnd() {
        Flow f = new Flow();
        assertEquals(PacingStatus.NEEDED, f.sk.pacingStatus, "bbr_init asks for pacing");
        assertEquals(Integer.MAX_VALUE, f.sk.ssthresh);
        // bbr_init_pacing_rate_from_rtt: bw = 10 * 2^24 / 50000 = 3355; 3355 * 1448 * 739 >> 8 = 14023795,
        // * 990000 >> 24 = 827524 bytes/s (2.885 x 10 segments per 50 ms, less 1 %)
        assertEquals(827_524, f.sk.pacingRate);
        assertEquals(Mode.STARTUP, f.bbr.mode());
        f.round(20);
        assertEquals(739, f.bbr.pacingGain, "bbr_high_gain = 256 * 2885 / 1000 + 1");
        assertEquals(739, f.bbr.cwndGain);
        assertEquals(rate(bw(20), 739), f.sk.pacingRate, "1655048: the new estimate, faster");
        assertEquals(1_655_048, f.sk.pacingRate);
        assertEquals(30, f.sk.cwnd, "below the target: cwnd grows by what was acked");
        // before the pipe is full the pacing rate never drops: a slower round keeps the faster rate
        f.bbr.bw.reset(0, 0);
        f.round(10);
        assertEquals(1_655_048, f.sk.pacingRate);
    }

    @Test
    void the_pipe_is_full_after_three_rounds_without_25_percent_growth_then_drain() {
        Flow f = new Flow();
        f.sk.inFlight = 400;
        for (int n : new int[] {20, 40, 80, 160}) {
            f.round(n);
            assertEquals(Mode.STARTUP, f.bbr.mode(), "doubling: " + n);
        }
        assertEquals(bw(160), f.bbr.fullBw);
        f.round(160);
        f.round(160);
        assertEquals(2, f.bbr.fullBwCnt);
        assertEquals(Mode.STARTUP, f.bbr.mode(), "two flat rounds are not enough");
        f.round(160);
        assertTrue(f.bbr.fullBwReached);
        assertEquals(Mode.DRAIN, f.bbr.mode());
        // ssthresh = bbr_inflight(max_bw, 1.0) = BDP + 3 GSO packets: bdp = ceil(53687 * 50000 / 2^24) = 160;
        // the pacing rate then (739 x bw(160)) = 13242118 B/s, >> 10 = 12931 B = 8 segments: 160 + 24 = 184
        assertEquals(184, f.sk.ssthresh);
        assertEquals(88, f.bbr.pacingGain, "bbr_drain_gain = 256 * 1000 / 2885");
        assertEquals(739, f.bbr.cwndGain, "DRAIN keeps STARTUP's cwnd gain");
        assertEquals(rate(bw(160), 88), f.sk.pacingRate, "the pipe is full: the pacing rate may drop");
    }

    @Test
    void bandwidth_25_percent_above_full_bw_restarts_the_count_and_24_percent_does_not() {
        // bw(125) = 41943 >= bw(100) * 320 >> 8 = 41942: growth; bw(124) = 41607 is not
        Flow grows = new Flow();
        grows.sk.inFlight = 400;
        for (int n : new int[] {100, 125, 157, 197, 247}) {
            grows.round(n);
            assertEquals(0, grows.bbr.fullBwCnt, "round of " + n);
        }
        assertFalse(grows.bbr.fullBwReached);
        Flow flat = new Flow();
        flat.sk.inFlight = 400;
        for (int n : new int[] {100, 124, 124, 124}) {
            flat.round(n);
        }
        assertTrue(flat.bbr.fullBwReached, "three rounds below 1.25 x full_bw");
        assertEquals(bw(100), flat.bbr.fullBw, "full_bw is the last bandwidth that grew by 25 %");
    }

    @Test
    void application_limited_rounds_do_not_count_towards_a_full_pipe() {
        Flow f = new Flow();
        f.sk.inFlight = 400;
        f.round(100);
        for (int i = 0; i < 5; i++) {
            Rs rs = new Rs();
            f.sk.nowUs += RTT_US;
            f.sk.delivered += 100;
            f.sk.deliveredMstampUs = f.sk.nowUs;
            rs.priorDelivered = f.sk.delivered - 100;
            rs.delivered = 100;
            rs.intervalUs = RTT_US;
            rs.ackedSacked = 100;
            rs.rttUs = RTT_US;
            rs.appLimited = true;
            f.bbr.congControl(f.sk, 0, 0, rs);
        }
        assertFalse(f.bbr.fullBwReached, "the application, not the path, limited those rounds");
        assertEquals(Mode.STARTUP, f.bbr.mode());
    }

    @Test
    void drain_ends_when_in_flight_is_down_to_the_bdp() {
        Flow f = new Flow();
        f.sk.inFlight = 400;
        for (int n : new int[] {20, 40, 80, 160, 160, 160, 160}) {
            f.round(n);
        }
        assertEquals(Mode.DRAIN, f.bbr.mode());
        // at the drain pacing rate (1576869 B/s, a GSO packet of 2 segments) bbr_inflight(bw, 1.0) = 160 + 6
        f.sk.inFlight = 167;
        f.round(160);
        assertEquals(Mode.DRAIN, f.bbr.mode(), "167 packets in flight: the queue is not drained yet");
        f.sk.random.add(5); // cycle_idx = 7 - 5 = 2, then the next phase: 3
        f.sk.inFlight = 166;
        f.round(160);
        assertEquals(Mode.PROBE_BW, f.bbr.mode());
        assertEquals(3, f.bbr.cycleIdx);
        assertEquals(BBR_UNIT, f.bbr.pacingGain);
        assertEquals(512, f.bbr.cwndGain, "bbr_cwnd_gain = 2");
    }

    @Test
    void probe_bw_never_starts_in_the_draining_phase() {
        for (int r = 0; r < 7; r++) {
            Flow f = new Flow();
            f.sk.random.add(r);
            BbrProbeBw.resetProbeBwMode(f.bbr, f.sk);
            assertNotEquals(1, f.bbr.cycleIdx, "get_random_u32_below(7) = " + r);
            assertEquals((8 - r) % 8, f.bbr.cycleIdx);
        }
        // with bbr_cycle_rand = 8 it could
        BbrParams eight = new BbrParams(739, 88, 512, 320, 192, 8, 10, 10, 200, 1200000, 1, 4, 320, 3, 4, 50, 32, 500,
                48, 256, 5, 100000);
        Flow f = new Flow(eight);
        f.sk.random.add(7);
        BbrProbeBw.resetProbeBwMode(f.bbr, f.sk);
        assertEquals(1, f.bbr.cycleIdx);
    }

    @Test
    void the_probing_phase_lasts_min_rtt_and_until_in_flight_reaches_five_quarters_of_the_bdp() {
        Flow f = new Flow();
        f.toProbeBw(0);
        assertEquals(320, f.bbr.pacingGain, "bbr_pacing_gain[0] = 5/4");
        int target = f.bbr.inflight(f.sk, f.bbr.maxBw(), 320);
        // 20 ms later: the phase is not min_rtt long yet, whatever is in flight
        f.ack(20_000, 32, 160, RTT_US, 0, 1000, RTT_US);
        assertEquals(0, f.bbr.cycleIdx);
        // 60 ms in, but in flight below the 5/4 target: go on probing
        f.ack(40_000, 32, 160, RTT_US, 0, target - 20, RTT_US);
        assertEquals(0, f.bbr.cycleIdx);
        // a loss ends it (the path's buffer may not hold 5/4 BDP)
        f.ack(10_000, 32, 160, RTT_US, 1, target - 20, RTT_US);
        assertEquals(1, f.bbr.cycleIdx);
        assertEquals(192, f.bbr.pacingGain, "bbr_pacing_gain[1] = 3/4");
    }

    @Test
    void the_draining_phase_ends_early_once_in_flight_is_down_to_the_bdp_then_six_phases_of_min_rtt() {
        Flow f = new Flow();
        f.toProbeBw(0);
        f.ack(RTT_US + 1, 32, 160, RTT_US, 1, 0, RTT_US); // the probing phase ends on a loss
        assertEquals(1, f.bbr.cycleIdx);
        int bdp = f.bbr.inflight(f.sk, f.bbr.maxBw(), BBR_UNIT);
        f.ack(10_000, 32, 160, RTT_US, 0, bdp + 5, RTT_US);
        assertEquals(1, f.bbr.cycleIdx, "still above the BDP 10 ms in");
        f.ack(10_000, 32, 160, RTT_US, 0, bdp, RTT_US);
        assertEquals(2, f.bbr.cycleIdx, "drained before min_rtt: next phase at once");
        assertEquals(BBR_UNIT, f.bbr.pacingGain);
        long phaseStart = f.sk.deliveredMstampUs;
        for (int idx = 2; idx < 8; idx++) {
            f.ack(RTT_US, 160, 160, RTT_US, 0, bdp, RTT_US);
            assertEquals(idx, f.bbr.cycleIdx, "exactly min_rtt is not yet longer than min_rtt");
            f.ack(1, 1, 160, RTT_US, 0, bdp, RTT_US);
            assertEquals((idx + 1) % 8, f.bbr.cycleIdx, "a phase of 1.0 lasts min_rtt");
            assertEquals(f.sk.deliveredMstampUs, f.bbr.cycleMstamp);
        }
        assertEquals(320, f.bbr.pacingGain, "round again to the probing phase");
        assertTrue(f.sk.deliveredMstampUs - phaseStart > 6 * RTT_US);
    }

    @Test
    void cwnd_in_probe_bw_is_two_bdp_plus_three_gso_packets() {
        Flow f = new Flow(NO_AGGREGATION);
        f.toProbeBw(3);
        f.sk.cwnd = 100;
        f.ack(1000, 0, 160, RTT_US, 0, 100, RTT_US);
        assertEquals(100, f.sk.cwnd, "an ACK that delivers nothing only applies the caps");
        for (int i = 0; i < 200; i++) {
            f.ack(1000, 10, 160, RTT_US, 0, 100, RTT_US);
        }
        // bdp(bw(160), 2.0) = ceil(53687 * 50000 * 512 / 256 / 2^24) = 320; pacing at 1.0: 4587256 B/s, >> 10 =
        // 4479 B = 3 segments per GSO packet: + 9 = 329, rounded up to even: 330
        assertEquals(4_587_256, f.sk.pacingRate);
        assertEquals(rate(bw(160), 256), f.sk.pacingRate);
        assertEquals(330, f.sk.cwnd, "slow start up to the target, then held there");
    }

    @Test
    void probe_rtt_after_ten_seconds_without_a_lower_rtt_caps_cwnd_at_four_for_200_ms_and_a_round() {
        Flow f = new Flow();
        f.toProbeBw(2);
        int cwndBefore = f.sk.cwnd;
        f.sk.inFlight = 300;
        // RTT samples above min_rtt: 10 s after min_rtt was last seen, the filter expires
        int expires = f.bbr.minRttStamp + 10_000; // jiffies (HZ = 1000)
        while (expires - f.sk.jiffies() > 50) {
            f.ack(RTT_US, 160, 160, RTT_US, 0, 300, 60_000);
            assertEquals(Mode.PROBE_BW, f.bbr.mode(), "at jiffies " + f.sk.jiffies());
        }
        f.ack((expires - f.sk.jiffies()) * 1000L, 160, 160, RTT_US, 0, 300, 60_000);
        assertEquals(expires, f.sk.jiffies());
        assertEquals(Mode.PROBE_BW, f.bbr.mode(), "exactly 10 s: not expired yet");
        assertEquals(50_000, f.bbr.minRttUs);
        f.ack(1000, 3, 160, RTT_US, 0, 300, 60_000);
        assertEquals(Mode.PROBE_RTT, f.bbr.mode());
        assertEquals(60_000, f.bbr.minRttUs, "the expired filter takes the sample");
        assertEquals(4, f.sk.cwnd, "bbr_cwnd_min_target");
        assertEquals(BBR_UNIT, f.bbr.pacingGain);
        assertEquals(BBR_UNIT, f.bbr.cwndGain);
        assertEquals(f.sk.delivered + 300, f.sk.appLimited, "its samples are marked application-limited");
        assertTrue(f.bbr.priorCwnd >= cwndBefore, "cwnd saved to restore");
        // in flight still above 4: the 200 ms have not started
        f.ack(10_000, 2, 4, RTT_US, 0, 10, 50_000);
        assertEquals(0, f.bbr.probeRttDoneStamp);
        f.sk.inFlight = 4;
        f.ack(10_000, 2, 4, RTT_US, 0, 4, 50_000);
        int doneStamp = f.bbr.probeRttDoneStamp;
        assertEquals(f.sk.jiffies() + 200, doneStamp, "200 ms from the first ACK with 4 in flight");
        // a round passes, but 200 ms have not
        f.ack(100_000, 4, 4, RTT_US, 0, 4, 50_000);
        assertTrue(f.bbr.probeRttRoundDone);
        f.ack(100_000, 0, 4, RTT_US, 0, 4, 50_000);
        assertEquals(Mode.PROBE_RTT, f.bbr.mode(), "exactly 200 ms: not after the stamp yet");
        f.ack(1000, 0, 4, RTT_US, 0, 4, 50_000);
        assertEquals(Mode.PROBE_BW, f.bbr.mode(), "200 ms and a round: done");
        assertEquals(f.bbr.priorCwnd, f.sk.cwnd, "cwnd restored");
        assertEquals(f.sk.jiffies(), f.bbr.minRttStamp, "the next PROBE_RTT is 10 s away");
    }

    @Test
    void probe_rtt_waits_for_a_round_trip_as_well_as_200_ms() {
        Flow f = new Flow();
        f.toProbeBw(2);
        f.sk.inFlight = 300;
        long t0 = f.sk.nowUs;
        while (f.sk.nowUs - t0 <= 10_000_000) {
            f.ack(RTT_US, 160, 160, RTT_US, 0, 300, 60_000);
        }
        assertEquals(Mode.PROBE_RTT, f.bbr.mode());
        f.sk.inFlight = 4;
        f.ack(10_000, 2, 4, RTT_US, 0, 4, 50_000);
        // 300 ms later, but every ACK's sample began before the round did: no round trip yet
        for (int i = 0; i < 3; i++) {
            f.ack(100_000, 1, 4, RTT_US, 0, 4, 50_000);
            assertEquals(Mode.PROBE_RTT, f.bbr.mode());
        }
        f.ack(1000, 4, 4, RTT_US, 0, 4, 50_000);
        assertEquals(Mode.PROBE_BW, f.bbr.mode());
    }

    @Test
    void two_lossy_intervals_of_consistent_bandwidth_mean_a_policer_then_48_rounds_at_its_rate() {
        Flow f = new Flow();
        f.toProbeBw(2);
        f.lossyRound(100, 25); // the first loss starts sampling (and counts one round)
        assertTrue(f.bbr.lt.isSampling);
        f.lossyRound(100, 25);
        f.lossyRound(100, 25);
        assertEquals(0, f.bbr.lt.bw, "three rounds are too short an interval");
        f.lossyRound(100, 25);
        // interval 1: 300 delivered, 75 lost (25 % >= 20 %) in 150 ms: 300 * 2^24 / 150000 = 33554
        assertEquals(33_554, f.bbr.lt.bw);
        assertFalse(f.bbr.lt.useBw);
        for (int i = 0; i < 3; i++) {
            f.lossyRound(105, 25);
        }
        f.lossyRound(105, 25);
        // interval 2: 420 in 200 ms = 35232, within 1/8 of 33554: policed; lt_bw = (35232 + 33554) / 2
        assertTrue(f.bbr.lt.useBw);
        assertEquals(34_393, f.bbr.lt.bw);
        assertEquals(34_393, f.bbr.bw());
        assertEquals(BBR_UNIT, f.bbr.pacingGain, "no gain cycling while policed");
        assertEquals(rate(34_393, BBR_UNIT), f.sk.pacingRate, "pace at the policed rate");
        for (int i = 0; i < 47; i++) {
            f.round(160);
            assertTrue(f.bbr.lt.useBw, "round " + (i + 1));
            assertEquals(BBR_UNIT, f.bbr.pacingGain);
        }
        f.sk.random.add(6); // the new cycle starts in phase (8 - 6) % 8 = 2
        f.round(160);
        assertFalse(f.bbr.lt.useBw, "48 rounds later: probe again");
        assertEquals(0, f.bbr.lt.bw);
        assertEquals(f.bbr.maxBw(), f.bbr.bw());
    }

    @Test
    void a_loss_rate_below_20_percent_or_inconsistent_bandwidth_is_no_policer() {
        Flow f = new Flow();
        f.toProbeBw(2);
        for (int i = 0; i < 17; i++) {
            f.lossyRound(100, 19); // 19 %: never "lossy"
        }
        assertEquals(0, f.bbr.lt.bw);
        assertFalse(f.bbr.lt.isSampling, "more than 4 x 4 rounds: the interval was abandoned");
        Flow g = new Flow();
        g.toProbeBw(2);
        for (int i = 0; i < 4; i++) {
            g.lossyRound(100, 25);
        }
        assertEquals(33_554, g.bbr.lt.bw);
        for (int i = 0; i < 4; i++) {
            g.lossyRound(150, 40);
        }
        assertFalse(g.bbr.lt.useBw, "1.5 x the first interval's rate: not consistent");
        assertEquals(bw(150), g.bbr.lt.bw, "it becomes the interval to compare the next with");
    }

    @Test
    void recovery_conserves_packets_for_a_round_then_restores_the_cwnd_of_before() {
        Flow f = new Flow(NO_AGGREGATION);
        f.toProbeBw(3);
        for (int i = 0; i < 200; i++) {
            f.ack(1000, 10, 160, RTT_US, 0, 300, RTT_US);
        }
        int before = f.sk.cwnd;
        assertEquals(330, before);
        // tcp_enter_recovery: ssthresh() saves cwnd, then icsk_ca_state = Recovery
        assertEquals(184, f.bbr.ssthresh(f.sk), "ssthresh is left as DRAIN set it");
        assertEquals(before, f.bbr.priorCwnd);
        f.sk.caState = CaState.RECOVERY;
        f.sk.inFlight = 200;
        f.ack(1000, 3, 3, 40_000, 1, 201, RTT_US); // 3 (s)acked, 1 newly lost: not a round start
        assertTrue(f.bbr.packetConservation);
        assertEquals(203, f.sk.cwnd, "first round of Recovery: in flight + acked");
        f.sk.inFlight = 190;
        f.ack(1000, 2, 5, 40_000, 0, 192, RTT_US); // its sample began before the round: no round start
        assertTrue(f.bbr.packetConservation);
        assertEquals(203, f.sk.cwnd, "max(cwnd, in flight + acked)");
        f.ack(RTT_US, 40, 40, RTT_US, 0, 190, RTT_US); // a round has passed
        assertFalse(f.bbr.packetConservation);
        assertEquals(243, f.sk.cwnd, "then slow start towards the target: + acked");
        f.sk.caState = CaState.OPEN;
        f.ack(1000, 2, 2, 40_000, 0, 190, RTT_US);
        assertEquals(before, f.sk.cwnd, "Recovery over: the cwnd of before");
    }

    @Test
    void an_rto_counts_as_a_loss_and_cwnd_comes_back_when_loss_recovery_ends() {
        Flow f = new Flow(NO_AGGREGATION);
        f.toProbeBw(3);
        for (int i = 0; i < 200; i++) {
            f.ack(1000, 10, 160, RTT_US, 0, 300, RTT_US);
        }
        int before = f.sk.cwnd;
        // tcp_enter_loss: ssthresh(), cwnd = in flight + 1, set_state(Loss)
        f.bbr.ssthresh(f.sk);
        f.sk.cwnd = 1;
        f.sk.inFlight = 0;
        f.sk.caState = CaState.LOSS;
        f.bbr.setState(f.sk, CaState.LOSS);
        assertEquals(CaState.LOSS, f.bbr.prevCaState);
        assertEquals(0, f.bbr.fullBw, "full-pipe detection starts over");
        assertTrue(f.bbr.lt.isSampling, "the long-term sampler counts the RTO as a loss");
        f.ack(1000, 1, 1, 60_000, 0, 1, RTT_US);
        // in Loss: + acked from 1, then bbr_set_cwnd's floor max(cwnd, bbr_cwnd_min_target)
        assertEquals(4, f.sk.cwnd, "in Loss: 1 + acked, at least cwnd_min_target");
        f.sk.caState = CaState.OPEN;
        f.ack(1000, 1, 1, 60_000, 0, 1, RTT_US);
        assertEquals(before, f.sk.cwnd, "the cwnd saved when Loss began");
    }

    @Test
    void undo_resets_full_pipe_detection_and_long_term_sampling_but_keeps_cwnd() {
        Flow f = new Flow();
        f.toProbeBw(2);
        f.lossyRound(100, 25);
        assertTrue(f.bbr.lt.isSampling);
        f.sk.cwnd = 77;
        assertEquals(77, f.bbr.undoCwnd(f.sk));
        assertEquals(0, f.bbr.fullBw);
        assertEquals(0, f.bbr.fullBwCnt);
        assertFalse(f.bbr.lt.isSampling);
        assertTrue(f.bbr.fullBwReached, "the pipe was full and stays so");
    }

    @Test
    void the_bdp_rounds_up_and_invalid_samples_leave_the_model_alone() {
        Flow f = new Flow();
        // bw(160) = 53687: 53687 * 50000 / 2^24 = 159.999..., rounded up to 160
        f.bbr.minRttUs = (int) RTT_US;
        assertEquals(160, f.bbr.bdp(bw(160), BBR_UNIT));
        f.bbr.minRttUs = ~0;
        assertEquals(10, f.bbr.bdp(bw(160), BBR_UNIT), "no RTT sample yet: TCP_INIT_CWND");
        Flow g = new Flow();
        g.ack(RTT_US, 10, -1, -1, 0, 0, -1); // tcp_rate_gen's invalid sample
        assertEquals(0, g.bbr.maxBw());
        assertEquals(0, g.bbr.rttCnt, "no round counted");
    }
}
