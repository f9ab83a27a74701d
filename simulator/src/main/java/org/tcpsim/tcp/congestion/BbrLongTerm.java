package org.tcpsim.tcp.congestion;

import org.tcpsim.api.congestion.RateSample;
import org.tcpsim.api.congestion.TcpSock;

/**
 * BBR's long-term ("LT") bandwidth estimator (tcp_bbr.c: bbr_lt_bw_sampling and friends), which
 * detects token-bucket policers: two consecutive sampling intervals, each of 4 to 16 round trips
 * starting and ending with a loss, with consistent throughput (within 1/8 or 4 kbit/s) and a high
 * loss rate (at least 20 %) mean the flow is policed. BBR then uses their average delivery rate
 * (lt_bw) as its bandwidth with a pacing gain of 1 for 48 round trips, then probes again.
 */
final class BbrLongTerm {
    /** bbr_set_state's on-stack {@code struct rate_sample rs = { .losses = 1 }}: an RTO counts as a loss. */
    static final RateSample RTO_SAMPLE = new RateSample() {
        @Override
        public long priorMstampUs() {
            return 0;
        }

        @Override
        public int priorDelivered() {
            return 0;
        }

        @Override
        public int delivered() {
            return 0;
        }

        @Override
        public long intervalUs() {
            return 0;
        }

        @Override
        public long rttUs() {
            return 0;
        }

        @Override
        public int losses() {
            return 1;
        }

        @Override
        public int ackedSacked() {
            return 0;
        }

        @Override
        public int priorInFlight() {
            return 0;
        }

        @Override
        public boolean isAppLimited() {
            return false;
        }

        @Override
        public boolean isRetrans() {
            return false;
        }

        @Override
        public boolean isAckDelayed() {
            return false;
        }
    };

    private final Bbr bbr;
    /** lt_is_sampling: taking long-term samples now? */
    boolean isSampling;
    /** lt_rtt_cnt (7 bits): round trips in the long-term interval. */
    int rttCnt;
    /** lt_use_bw: use lt_bw as our bw estimate? */
    boolean useBw;
    /** lt_bw: long-term estimated delivery rate, pkts/uS << 24. */
    int bw;
    /** lt_last_delivered, lt_last_stamp (ms of tp->delivered_mstamp), lt_last_lost: the interval's start. */
    int lastDelivered;
    int lastStamp;
    int lastLost;

    BbrLongTerm(Bbr bbr) {
        this.bbr = bbr;
    }

    /** bbr_reset_lt_bw_sampling_interval(): start a new long-term sampling interval. */
    private void resetInterval(TcpSock sk) {
        lastStamp = (int) (sk.deliveredMstampUs() / 1000);
        lastDelivered = sk.delivered();
        lastLost = sk.lost();
        rttCnt = 0;
    }

    /** bbr_reset_lt_bw_sampling(): completely reset long-term bandwidth sampling. */
    void reset(TcpSock sk) {
        bw = 0;
        useBw = false;
        isSampling = false;
        resetInterval(sk);
    }

    /**
     * bbr_lt_bw_interval_done(): a lossy interval ended with bandwidth {@code intervalBw}. If the
     * previous one had about the same, we are policed: use their average from now on.
     */
    private void intervalDone(TcpSock sk, int intervalBw) {
        BbrParams p = bbr.p;
        if (bw != 0) { // do we have bw from a previous interval?
            int diff = Math.abs(intervalBw - bw); // abs() of the u32 difference, as a signed int
            if (Integer.compareUnsigned(diff * Bbr.BBR_UNIT, p.ltBwRatio() * bw) <= 0
                    || Long.compareUnsigned(bbr.rateBytesPerSec(sk, Integer.toUnsignedLong(diff), Bbr.BBR_UNIT),
                    p.ltBwDiff()) <= 0) {
                // all criteria are met; estimate we're policed
                bw = (intervalBw + bw) >>> 1; // avg 2 intvls
                useBw = true;
                bbr.pacingGain = Bbr.BBR_UNIT; // try to avoid drops
                rttCnt = 0;
                return;
            }
        }
        bw = intervalBw;
        resetInterval(sk);
    }

    /**
     * bbr_lt_bw_sampling(): while policed, count down lt_bw_max_rtts round trips of PROBE_BW; else
     * sample from the first loss on, over 4 to 16 round trips (reset when application-limited), and
     * end the interval at a loss when at least 20 % of what was delivered in it was lost.
     */
    void sampling(TcpSock sk, RateSample rs) {
        BbrParams p = bbr.p;
        if (useBw) { // already using long-term rate, lt_bw?
            if (bbr.mode == Bbr.Mode.PROBE_BW && bbr.roundStart) {
                rttCnt = (rttCnt + 1) & 0x7F;
                if (rttCnt >= p.ltBwMaxRtts()) {
                    reset(sk); // stop using lt_bw
                    BbrProbeBw.resetProbeBwMode(bbr, sk); // restart gain cycling
                }
            }
            return;
        }
        // Wait for the first loss before sampling, to let the policer exhaust its tokens and estimate
        // the steady-state rate it allows; earlier samples include bursts that over-estimate the bw.
        if (!isSampling) {
            if (rs.losses() == 0) {
                return;
            }
            resetInterval(sk);
            isSampling = true;
        }
        if (rs.isAppLimited()) {
            reset(sk); // to avoid underestimates, reset sampling if we run out of data
            return;
        }
        if (bbr.roundStart) {
            rttCnt = (rttCnt + 1) & 0x7F; // count round trips in this interval
        }
        if (rttCnt < p.ltIntvlMinRtts()) {
            return; // sampling interval needs to be longer
        }
        if (rttCnt > 4 * p.ltIntvlMinRtts()) {
            reset(sk); // interval is too long
            return;
        }
        // End the interval at a loss, so the policer's tokens are exhausted (stopping before
        // under-estimates the policed rate).
        if (rs.losses() == 0) {
            return;
        }
        int lost = sk.lost() - lastLost;
        int delivered = sk.delivered() - lastDelivered;
        // is the loss rate (lost/delivered) >= lt_loss_thresh? If not, wait
        if (delivered == 0 || Integer.compareUnsigned(lost << Bbr.BBR_SCALE, p.ltLossThresh() * delivered) < 0) {
            return;
        }
        // average delivery rate in this sampling interval
        int t = (int) (sk.deliveredMstampUs() / 1000) - lastStamp;
        if (t < 1) {
            return; // interval is less than one ms, so wait
        }
        if (Integer.compareUnsigned(t, Integer.divideUnsigned(~0, 1000)) >= 0) {
            reset(sk); // interval too long; reset (t * USEC_PER_MSEC would overflow)
            return;
        }
        t *= 1000;
        long b = Integer.toUnsignedLong(delivered) * Bbr.BW_UNIT / Integer.toUnsignedLong(t);
        intervalDone(sk, (int) b);
    }
}
