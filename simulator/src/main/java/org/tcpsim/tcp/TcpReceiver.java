package org.tcpsim.tcp;

/**
 * The receive half of a connection: the byte stream and its out-of-order ranges, the receive
 * buffer and the window we advertise (tcp_select_window), and when to acknowledge
 * (__tcp_ack_snd_check: every second full segment, at once for out-of-order data, a filled
 * hole and in quick-ACK mode, else after the delayed-ACK timeout {@link DelayedAck} keeps).
 */
final class TcpReceiver {
    /** TCP_DEFAULT_SCALING_RATIO: the window is half the free receive space until truesize is measured. */
    static final int SCALING_RATIO_SHIFT = 1;

    final ReceiveQueue queue = new ReceiveQueue();
    long rcvbuf;
    final long rcvbufMax;
    final boolean locked;
    int wscale;
    /** Window last advertised, bytes, and rcv_nxt when it was (rcv_wnd, rcv_wup). */
    int rcvWnd;
    int rcvWup;
    /** Estimated size of the peer's full segments (icsk_ack.rcv_mss). */
    int rcvMss;
    /** The connection's MSS, for the 4-segment window clamp under memory pressure. */
    private int mss;
    final DelayedAck ack;
    /** Sequence number of a FIN received ahead of a hole, or 0 with finPending false. */
    int finSeq;
    boolean finPending;
    boolean finReceived;
    /** A D-SACK block to report on the next ACK (rx_opt.dsack, duplicate_sack[0]). */
    boolean dsackPending;
    int dsackStart;
    int dsackEnd;

    // receive-buffer autotuning (tcp_rcv_space_adjust): bytes copied per RTT
    private int spaceSeq;
    private long spaceTimeNs;
    private long space;

    TcpReceiver(long rcvbuf, long rcvbufMax, boolean locked, DelayedAck ack) {
        this.rcvbuf = rcvbuf;
        this.rcvbufMax = rcvbufMax;
        this.locked = locked;
        this.ack = ack;
    }

    void init(int irs, int mss, long now) {
        queue.init(irs);
        this.mss = mss;
        // tcp_initialize_rcv_mss: a guess no larger than TCP_MSS_DEFAULT until full segments arrive
        rcvMss = Math.max(88, Math.min(Math.min(mss, rcvWnd > 0 ? rcvWnd / 2 : mss), 536));
        rcvWup = irs;
        spaceSeq = irs;
        spaceTimeNs = now;
        space = rcvbuf >> SCALING_RATIO_SHIFT;
    }

    /** Bytes of window the free receive space allows (tcp_space / tcp_win_from_space). */
    int freeWindow() {
        long used = queue.unread() + queue.outOfOrderBytes();
        return (int) Math.max(0, (rcvbuf - used) >> SCALING_RATIO_SHIFT);
    }

    /**
     * Initial window of a SYN or SYN-ACK (tcp_select_initial_window): the free space, at most
     * 65535 (a SYN's window is never scaled), rounded down to whole segments.
     */
    int initialWindow(int mss) {
        int w = Math.min(freeWindow(), 65535);
        w = Math.max(mss, w / mss * mss);
        rcvWnd = w;
        return w;
    }

    /** Window scale we offer (tcp_select_initial_window): clamp(ilog2(space) - 15, 0, TCP_MAX_WSCALE). */
    static int chooseWscale(long maxSpace) {
        int log2 = 63 - Long.numberOfLeadingZeros(Math.max(1, maxSpace));
        return Math.max(0, Math.min(14, log2 - 15));
    }

    /**
     * The 16-bit window field for the next segment (tcp_select_window): never moves the right edge
     * left, rounds to the scale granularity, and records rcv_wnd / rcv_wup.
     */
    int selectWindow() {
        return selectWindow(false);
    }

    /** @param pressure under tcp_mem pressure the window is clamped to 4 segments (tcp_adjust_rcv_ssthresh) */
    int selectWindow(boolean pressure) {
        int rcvNxt = queue.rcvNxt();
        int current = Math.max(0, rcvWup + rcvWnd - rcvNxt);
        int fresh = freeWindow();
        if (pressure) {
            fresh = Math.min(fresh, 4 * mss);
        }
        int granule = 1 << wscale;
        fresh = fresh / granule * granule;
        int win = Math.max(fresh, current);
        win = Math.min(win, 65535 << wscale);
        rcvWnd = win;
        rcvWup = rcvNxt;
        return win >> wscale;
    }

    /** The right edge of what we last advertised. */
    int windowEnd() {
        return rcvWup + rcvWnd;
    }

    /** Whether an ACK must go out now whatever else holds (__tcp_ack_snd_check's first test). */
    boolean ackNow() {
        if (ack.inQuickAckMode() || ack.mustAckNow()) {
            return true;
        }
        return queue.rcvNxt() - rcvWup > rcvMss && freeWindow() >= rcvWnd;
    }

    /** Grows the receive buffer to twice what the application read in the last RTT (tcp_rcv_space_adjust). */
    void spaceAdjust(long now, long srttNs) {
        if (locked || srttNs <= 0 || now - spaceTimeNs < srttNs) {
            return;
        }
        int copied = queue.copiedSeqDistance(spaceSeq);
        long wanted = 2L * copied;
        if (wanted > space) {
            space = wanted;
            long newBuf = Math.min(rcvbufMax, space << SCALING_RATIO_SHIFT);
            if (newBuf > rcvbuf) {
                rcvbuf = newBuf;
            }
        }
        spaceSeq = queue.copiedSeq();
        spaceTimeNs = now;
    }
}
