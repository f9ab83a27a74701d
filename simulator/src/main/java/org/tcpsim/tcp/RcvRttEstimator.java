package org.tcpsim.tcp;

/**
 * The receiver's own RTT estimate (tp->rcv_rtt_est), which paces receive-buffer autotuning
 * (tcp_rcv_space_adjust). Kept like the kernel's, scaled by 8. Since 6.16 (the receive-side
 * series of commit 2da35e4b4df9) it seeks the minimum: a smaller sample always replaces it, a
 * larger one smooths in only from timestamps and only while the receive queue is empty.
 */
final class RcvRttEstimator {
    /** rcv_rtt_est.rtt_us, microseconds << 3; 0 until the first sample. */
    private long rttUs8;
    /** tcp_rcv_rtt_measure's window: the sample ends when rcv_nxt reaches seq. */
    private int seq;
    private long timeNs = -1;
    private int lastTsecr;
    private final boolean minimumSeeking;

    /** @param minimumSeeking the 6.16+ rule; 4.9 smooths every timestamp sample */
    RcvRttEstimator(boolean minimumSeeking) {
        this.minimumSeeking = minimumSeeking;
    }

    boolean hasSample() {
        return rttUs8 != 0;
    }

    long rttUs() {
        return rttUs8 >> 3;
    }

    /** rcv_rtt_est.rtt_us as the kernel keeps it, microseconds << 3 (SACK compression reads it). */
    long rttUs8() {
        return rttUs8;
    }

    /** tcp_rcv_rtt_update. */
    private void update(long sampleUs, boolean winDep, boolean queueEmpty) {
        long m = Math.max(1, sampleUs) << 3;
        if (rttUs8 == 0 || m < rttUs8) {
            rttUs8 = m;
            return;
        }
        if (winDep || (minimumSeeking && !queueEmpty)) {
            return; // a window sample only lowers it; a big sample behind unread data is skipped
        }
        rttUs8 = rttUs8 - (rttUs8 >> 3) + Math.max(1, sampleUs);
    }

    /**
     * tcp_rcv_rtt_measure (from tcp_event_data_recv): without help from timestamps, the time to
     * receive one window of data, measured from when rcv_nxt + rcv_wnd was noted.
     */
    void measure(int rcvNxt, int rcvWnd, long nowNs) {
        if (timeNs >= 0) {
            if (Seq.lt(rcvNxt, seq)) {
                return;
            }
            update(Math.max(1, (nowNs - timeNs) / 1000), true, true);
        }
        seq = rcvNxt + rcvWnd;
        timeNs = nowNs;
    }

    /**
     * tcp_rcv_rtt_measure_ts: a full segment echoing a TSval not seen before gives now - TSecr
     * (millisecond ticks; a zero difference is no sample since 6.16).
     */
    void measureTs(int tsecr, int tsNow, int segLen, int rcvMss, boolean queueEmpty) {
        if (tsecr == lastTsecr) {
            return;
        }
        lastTsecr = tsecr;
        if (segLen < rcvMss) {
            return;
        }
        int delta = tsNow - tsecr;
        if (delta > 0 || (!minimumSeeking && delta == 0)) {
            update(Math.max(1, delta) * 1000L, false, queueEmpty);
        }
    }
}
