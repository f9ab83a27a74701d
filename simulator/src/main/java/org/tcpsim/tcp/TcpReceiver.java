package org.tcpsim.tcp;

/**
 * The receive half of a connection: the byte stream and its out-of-order ranges, the receive
 * buffer and the window we advertise, and when to acknowledge (__tcp_ack_snd_check: every second
 * full segment, at once for out-of-order data, a filled hole and in quick-ACK mode, else after
 * the delayed-ACK timeout {@link DelayedAck} keeps).
 *
 * <p>The window is Linux 6.x's: the usable share of the free buffer is tcp_win_from_space with
 * scaling_ratio, measured from the len / truesize of the first full segment (tcp_measure_rcv_mss,
 * 6.6+; 4.9 keeps tcp_adv_win_scale's 50 %); rcv_ssthresh grows from the initial window towards
 * window_clamp by two segments per full segment received (tcp_grow_window); __tcp_select_window
 * rounds it and offers zero when the free space falls under a sixteenth of the buffer; and DRS
 * autotuning (tcp_rcv_space_adjust, tcp_rcvbuf_grow) sizes sk_rcvbuf from the bytes read per
 * receiver-measured RTT.
 */
final class TcpReceiver {
    /** TCP_RMEM_TO_WIN_SCALE: scaling_ratio is a fraction of 256. */
    static final int RMEM_TO_WIN_SCALE = 8;
    /** TCP_DEFAULT_SCALING_RATIO: half the buffer until a full segment's truesize is known. */
    static final int DEFAULT_SCALING_RATIO = 1 << (RMEM_TO_WIN_SCALE - 1);
    /** TCP_INIT_CWND, which bounds rcvq_space's first value. */
    private static final int INIT_CWND = 10;
    /** Segments shorter than this do not grow rcv_ssthresh (tcp_event_data_recv). */
    private static final int GROW_MIN_LEN = 128;

    final ReceiveQueue queue = new ReceiveQueue();
    /** sk_rcvbuf, bytes of truesize. */
    long rcvbuf;
    final long rcvbufMax;
    /** SOCK_RCVBUF_LOCK: the application set SO_RCVBUF, so DRS (tcp_rcvbuf_grow) leaves the buffer alone. */
    boolean locked;
    /** net.ipv4.tcp_rmem[2], which __tcp_grow_window scales by. */
    private final long rmem2;
    private final boolean measureRatio;
    /** 4.9's tcp_fixup_rcvbuf, with tcp_moderate_rcvbuf: the buffer starts large enough for DRS. */
    private final boolean fixupRcvbuf;
    private final boolean moderate;
    int wscale;
    /** Window last advertised, bytes, and rcv_nxt when it was (rcv_wnd, rcv_wup). */
    int rcvWnd;
    int rcvWup;
    /** Estimated size of the peer's full segments (icsk_ack.rcv_mss). */
    int rcvMss;
    /** tp->scaling_ratio: bytes of payload per 256 bytes of receive memory. */
    int scalingRatio = DEFAULT_SCALING_RATIO;
    /** tp->window_clamp: the largest window we will offer; 0 until the first SYN or SYN-ACK. */
    int windowClamp;
    /** tp->rcv_ssthresh: the window offered while the connection "slow starts" our buffer. */
    int rcvSsthresh;
    /** tp->advmss: the MSS we announced, less the timestamp option once agreed. */
    int advmss = TcpSocket.DEFAULT_MSS;
    /** TCP header bytes of the peer's segments (tp->tcp_header_len), for their skb's truesize. */
    int tcpHeaderLen = TcpSegment.HEADER_BYTES;
    final DelayedAck ack;
    final RcvRttEstimator rcvRtt;
    /** Sequence number of a FIN received ahead of a hole, or 0 with finPending false. */
    int finSeq;
    boolean finPending;
    boolean finReceived;
    /** A D-SACK block to report on the next ACK (rx_opt.dsack, duplicate_sack[0]). */
    boolean dsackPending;
    int dsackStart;
    int dsackEnd;

    /** sk_rmem_alloc: truesize of the queued segments, in order and out of order. */
    private long rmemAlloc;

    // rcvq_space (tcp_rcv_space_adjust): bytes copied per receiver RTT
    private int spaceSeq;
    private long spaceTimeNs;
    private int space;

    /**
     * @param measureRatio scaling_ratio is measured (6.x); else tcp_adv_win_scale = 1 fixes it at 50 %
     *                     and the buffer starts as 4.9's tcp_fixup_rcvbuf sizes it
     * @param moderate     net.ipv4.tcp_moderate_rcvbuf
     */
    TcpReceiver(long rcvbuf, long rcvbufMax, boolean locked, long rmem2, boolean measureRatio, boolean moderate,
                DelayedAck ack) {
        this.rcvbuf = rcvbuf;
        this.rcvbufMax = rcvbufMax;
        this.locked = locked;
        this.rmem2 = rmem2;
        this.measureRatio = measureRatio;
        this.fixupRcvbuf = !measureRatio;
        this.moderate = moderate;
        this.ack = ack;
        this.rcvRtt = new RcvRttEstimator(measureRatio);
    }

    void init(int irs, int mss, long now) {
        queue.init(irs);
        // tcp_initialize_rcv_mss: a guess no larger than TCP_MSS_DEFAULT until full segments arrive
        rcvMss = Math.max(88, Math.min(Math.min(mss, rcvWnd > 0 ? rcvWnd / 2 : mss), 536));
        rcvWup = irs;
        spaceSeq = irs;
        spaceTimeNs = now;
    }

    // ---- buffer space and window arithmetic ----

    /** __tcp_win_from_space: the share of {@code space} bytes of memory that may carry payload. */
    int winFromSpace(long space) {
        return (int) ((space * scalingRatio) >> RMEM_TO_WIN_SCALE);
    }

    /** tcp_space_from_win: the memory a window of {@code win} bytes needs. */
    long spaceFromWin(long win) {
        return (win << RMEM_TO_WIN_SCALE) / scalingRatio;
    }

    /** tcp_space: the window the unused part of the buffer could carry (negative when overcommitted). */
    int freeSpace() {
        return winFromSpace(rcvbuf - rmemAlloc);
    }

    /** tcp_full_space. */
    int fullSpace() {
        return winFromSpace(rcvbuf);
    }

    /**
     * The truesize of a received segment of {@code len} payload bytes: a linear skb whose head was
     * kmalloc'd for the whole frame plus headroom and skb_shared_info (power-of-two size classes),
     * plus the sk_buff itself. 2304 for a full 1448-byte segment, as the rig's path measures it
     * (skmem r4608 with two segments queued), so scaling_ratio = 1448 * 256 / 2304 = 160 (62.5 %).
     */
    int skbTruesize(int len) {
        int frame = len + tcpHeaderLen + 20 + 14; // TCP + IPv4 + Ethernet headers
        int data = (frame + 16 + 63) & ~63;      // LL_RESERVED_SPACE headroom, SKB_DATA_ALIGN
        int head = Integer.highestOneBit(data + 320 - 1) << 1; // + skb_shared_info, kmalloc size class
        return head + 256;                          // + SKB_DATA_ALIGN(sizeof(struct sk_buff))
    }

    /** A segment of {@code len} bytes was queued (in order or not): charge its truesize. */
    void charge(int len) {
        rmemAlloc += skbTruesize(len);
    }

    /** read(): up to {@code max} bytes; what they held is uncharged (proportionally, as skbs empty). */
    int read(int max) {
        int queued = queue.unread() + queue.outOfOrderBytes();
        int n = queue.read(max);
        if (n > 0) {
            rmemAlloc = n >= queued ? 0 : rmemAlloc - rmemAlloc * n / queued;
        }
        return n;
    }

    /** sk_rmem_alloc. */
    long rmemAlloc() {
        return rmemAlloc;
    }

    // ---- the window of SYN and SYN-ACK, and at establishment ----

    /**
     * tcp_select_initial_window (from tcp_connect_init or tcp_openreq_init_rwin): the whole buffer
     * at the default ratio, clamped, rounded down to whole segments, at most 65535 (a SYN's window
     * is never scaled); rcv_ssthresh starts there and window_clamp is what the scale can express.
     *
     * @param mss           the segment size to round to
     * @param offeredWscale the window scale of this SYN or SYN-ACK (0 without scaling)
     */
    int initialWindow(int mss, int offeredWscale) {
        long full = fullSpace();
        long clamp = windowClamp != 0 ? windowClamp : locked ? full : 65535L << 14;
        long space = Math.min(clamp, full);
        if (space > mss) {
            space = space / mss * mss;
        }
        rcvWnd = (int) Math.min(space, 65535);
        rcvSsthresh = rcvWnd;
        windowClamp = (int) Math.min(65535L << offeredWscale, clamp);
        return rcvWnd;
    }

    /** The peer did not agree to window scaling: nothing above 65535 can be offered. */
    void noWindowScaling() {
        wscale = 0;
        windowClamp = Math.min(windowClamp, 65535);
    }

    /**
     * tcp_init_buffer_space, as the connection becomes ESTABLISHED: window_clamp to the full
     * space less one segment's reservation (tcp_app_win = 31), rcv_ssthresh under it, and DRS
     * starts from at most ten segments.
     */
    void initBufferSpace(long now) {
        if (fixupRcvbuf && !locked) {
            // tcp_fixup_rcvbuf (4.9; gone since 4.19): two skbs of advmss + MAX_TCP_HEADER for each
            // of tcp_default_init_rwnd's 20 segments, four times that for DRS
            long rcvmem = 2L * (advmss + 320 + 576) * 2 * INIT_CWND;
            if (moderate) {
                rcvmem <<= 2;
            }
            if (rcvbuf < rcvmem) {
                rcvbuf = Math.min(rcvmem, rmem2);
            }
        }
        spaceTimeNs = now;
        spaceSeq = queue.copiedSeq();
        int maxwin = fullSpace();
        if (windowClamp >= maxwin) {
            windowClamp = maxwin; // maxwin - (maxwin >> tcp_app_win) with tcp_app_win = 31
        }
        if (windowClamp > 2 * advmss && windowClamp + advmss > maxwin) {
            windowClamp = Math.max(2 * advmss, maxwin - advmss); // force reservation of one segment
        }
        rcvSsthresh = Math.min(rcvSsthresh, windowClamp);
        space = Math.min(Math.min(rcvSsthresh, rcvWnd), INIT_CWND * advmss);
    }

    // ---- data arriving ----

    /**
     * In-order data of {@code len} bytes was queued (tcp_event_data_recv): the ratio measured from
     * a new full segment size (tcp_measure_rcv_mss; window_clamp follows it, 6.10+), the
     * window-based RTT sample, and rcv_ssthresh's growth.
     *
     * @param priorRcvMss rcv_mss before this segment was measured
     */
    void dataQueued(int len, int priorRcvMss, boolean pressure, long now) {
        if (measureRatio && len >= priorRcvMss && len != priorRcvMss) {
            int ratio = Math.max(1, (len << RMEM_TO_WIN_SCALE) / skbTruesize(len));
            if (ratio != scalingRatio) {
                scalingRatio = ratio;
                windowClamp = fullSpace();
                space = Math.min(space, windowClamp);
            }
        }
        rcvRtt.measure(queue.rcvNxt(), rcvWnd, now);
        if (len >= GROW_MIN_LEN) {
            growWindow(len, pressure);
        }
    }

    /**
     * tcp_grow_window: rcv_ssthresh rises by two segments (at least twice this one) towards the
     * smaller of window_clamp and the free space, when segments of this truesize would fit the
     * buffer ("check #2"), and asks for the next ACK at once (icsk_ack.quick |= 1) so the sender
     * hears of it. Under memory pressure it shrinks to four segments instead.
     */
    void growWindow(int len, boolean pressure) {
        int room = Math.min(windowClamp, freeSpace()) - rcvSsthresh;
        if (!measureRatio) {
            // 4.9: grow while under both window_clamp and the free space, up to window_clamp, and
            // not at all under memory pressure
            room = rcvSsthresh < freeSpace() && !pressure ? windowClamp - rcvSsthresh : 0;
        }
        if (room <= 0) {
            return;
        }
        if (pressure) {
            adjustRcvSsthresh();
            return;
        }
        int truesize = skbTruesize(len);
        int incr = winFromSpace(truesize) <= len ? 2 * advmss : growWindowSlow(len, truesize);
        if (incr > 0) {
            incr = Math.max(incr, 2 * len);
            rcvSsthresh += Math.min(room, incr);
            ack.quickAtLeastOne();
        }
    }

    /** __tcp_grow_window: segments with a poor len / truesize may grow the window only while it is small. */
    private int growWindowSlow(int len, int truesize) {
        int ts = winFromSpace(truesize) >> 1;
        int window = winFromSpace(rmem2) >> 1;
        while (rcvSsthresh <= window) {
            if (ts <= len) {
                return 2 * rcvMss;
            }
            ts >>= 1;
            window >>= 1;
        }
        return 0;
    }

    /** tcp_adjust_rcv_ssthresh: under memory pressure, four segments. */
    private void adjustRcvSsthresh() {
        rcvSsthresh = Math.min(rcvSsthresh, 4 * advmss);
    }

    // ---- the window advertised ----

    /**
     * __tcp_select_window: the free space, capped by rcv_ssthresh; zero when it is below a
     * sixteenth of the buffer or one segment once less than half of window_clamp is free; aligned
     * up to the scale granularity, or without scaling rounded down to whole segments unless the
     * current offer is within a segment of it.
     *
     * @param act whether this is for a segment being sent (it may end quick-ACK mode and, under
     *            pressure, shrink rcv_ssthresh) or only a question asked
     */
    int computeWindow(boolean pressure, boolean act) {
        int mss = rcvMss;
        int free = freeSpace();
        int allowed = fullSpace();
        int full = Math.min(windowClamp, allowed);
        if (mss > full) {
            mss = full;
            if (mss <= 0) {
                return 0;
            }
        }
        if (free < (full >> 1)) {
            if (act) {
                ack.clearQuick();
                if (pressure) {
                    adjustRcvSsthresh();
                }
            }
            free &= ~((1 << wscale) - 1);
            if (free < (allowed >> 4) || free < mss) {
                return 0;
            }
        }
        if (free > rcvSsthresh) {
            free = rcvSsthresh;
        }
        if (wscale != 0) {
            int g = 1 << wscale;
            return (free + g - 1) & -g;
        }
        int window = rcvWnd;
        if (window <= free - mss || window > free) {
            window = free / mss * mss;
        } else if (mss == full && free > window + (full >> 1)) {
            window = free;
        }
        return window;
    }

    /**
     * The 16-bit window field for the next segment (tcp_select_window): never shrinks the offered
     * window (tcp_shrink_window = 0), records rcv_wnd / rcv_wup, and scales it down.
     *
     * @param pressure under tcp_mem pressure
     * @return the field; {@link #wantedZeroWindow} says whether a zero window was wanted but not offered
     */
    int selectWindow(boolean pressure) {
        int rcvNxt = queue.rcvNxt();
        int cur = Math.max(0, rcvWup + rcvWnd - rcvNxt);
        int win = computeWindow(pressure, true);
        wantedZeroWindow = false;
        if (win < cur) {
            if (win == 0) {
                wantedZeroWindow = true; // TCPWantZeroWindowAdv
            }
            int g = 1 << wscale;
            win = (cur + g - 1) & -g;
        }
        rcvWnd = win;
        rcvWup = rcvNxt;
        return (int) (Math.min(win, 65535L << wscale) >> wscale);
    }

    int selectWindow() {
        return selectWindow(false);
    }

    /**
     * Whether the last {@link #selectWindow} wanted a zero window but kept the one offered
     * (TCPWantZeroWindowAdv). A field rather than an out-parameter: every segment sent asks, and a
     * boolean[] per segment was an allocation on the packet path.
     */
    boolean wantedZeroWindow;

    /** Window scale we offer (tcp_select_initial_window): clamp(ilog2(space) - 15, 0, TCP_MAX_WSCALE). */
    static int chooseWscale(long maxSpace) {
        int log2 = 63 - Long.numberOfLeadingZeros(Math.max(1, maxSpace));
        return Math.max(0, Math.min(14, log2 - 15));
    }

    /** The right edge of what we last advertised. */
    int windowEnd() {
        return rcvWup + rcvWnd;
    }

    /**
     * Whether an ACK must go out now whatever else holds (__tcp_ack_snd_check's first test): more
     * than one full segment unacknowledged and the window now at least what was offered, or
     * quick-ACK mode, or an ACK that must go at once.
     */
    boolean ackNow() {
        if (ack.inQuickAckMode() || ack.mustAckNow()) {
            return true;
        }
        return queue.rcvNxt() - rcvWup > rcvMss
                && (queue.unread() == 0 || computeWindow(false, false) >= rcvWnd);
    }

    /**
     * tcp_cleanup_rbuf's second test: the read freed so much that the window could double, and
     * the current one is at most half of window_clamp: worth an ACK now.
     */
    boolean windowOpenedByRead() {
        int now = Math.max(0, rcvWup + rcvWnd - queue.rcvNxt());
        if (2L * now > windowClamp) {
            return false;
        }
        int fresh = computeWindow(false, false);
        return fresh != 0 && fresh >= 2 * now;
    }

    // ---- autotuning ----

    /**
     * tcp_rcv_space_adjust after a read: once per receiver RTT, the bytes the application took in
     * that RTT (less what still waits: 6.16+) beyond the last measure grow the buffer
     * (tcp_rcvbuf_grow).
     *
     * @param moderate tcp_moderate_rcvbuf, and not under memory pressure
     */
    void spaceAdjust(long now, boolean moderate) {
        if (!rcvRtt.hasSample() || (now - spaceTimeNs) / 1000 < rcvRtt.rttUs()) {
            return;
        }
        int copied = queue.copiedSeqDistance(spaceSeq) - queue.unread();
        if (copied > space) {
            rcvbufGrow(copied, moderate);
        }
        spaceSeq = queue.copiedSeq();
        spaceTimeNs = now;
    }

    /**
     * tcp_rcvbuf_grow (6.18): twice the bytes per RTT (DRS is one RTT late), plus twice the growth
     * over the last RTT (the sender may be in slow start), plus what is held out of order; the
     * buffer to carry that window at the current ratio, at most tcp_rmem[2]; window_clamp follows.
     */
    private void rcvbufGrow(int newval, boolean moderate) {
        int oldval = Math.max(1, space);
        space = newval;
        if (!moderate || locked) {
            return;
        }
        long rcvwin = (long) newval << 1;
        long grow = rcvwin * (newval - oldval) / oldval;
        rcvwin += grow << 1;
        if (queue.hasOutOfOrder()) {
            rcvwin += queue.outOfOrderEnd() - queue.rcvNxt();
        }
        long newBuf = Math.min(spaceFromWin(rcvwin), rcvbufMax);
        if (newBuf > rcvbuf) {
            rcvbuf = newBuf;
            windowClamp = winFromSpace(newBuf);
        }
    }
}
