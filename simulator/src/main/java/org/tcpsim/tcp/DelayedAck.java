package org.tcpsim.tcp;

/**
 * When the receiver acknowledges (Linux: icsk_ack and the functions around it): the adaptive
 * delayed-ACK timeout ato (tcp_event_data_recv), quick-ACK mode (tcp_incr_quickack,
 * tcp_dec_quickack_mode), interactive "pingpong" mode, entered when we send data within ato of
 * the last data received (tcp_event_data_sent) and left when a delayed ACK had to go out alone
 * (tcp_delack_timer_handler), and the ACK a read sends at once (tcp_cleanup_rbuf). Times in ns.
 */
final class DelayedAck {
    /**
     * One jiffy: icsk_ack.ato, lrcvtime and the delayed-ACK timer count whole jiffies (tcp_jiffies32,
     * HZ {@value org.tcpsim.api.congestion.Jiffies#HZ}), so ato's halvings truncate and a gap is
     * measured in ticks.
     */
    static final long JIFFY_NS = 1_000_000_000L / org.tcpsim.api.congestion.Jiffies.HZ;
    /** TCP_ATO_MIN and TCP_DELACK_MIN: 40 ms (HZ / 25). */
    static final long ATO_MIN_NS = 40_000_000L;
    /** TCP_DELACK_MAX: 200 ms (HZ / 5), the default per-socket icsk_delack_max. */
    static final long DELACK_MAX_NS = 200_000_000L;
    /** tcp_send_delayed_ack's cap on ato outside interactive mode: HZ / 2. */
    private static final long MAX_ATO_BULK_NS = 500_000_000L;
    /** TCP_MAX_QUICKACKS. */
    static final int MAX_QUICKACKS = 16;
    /** net.ipv4.tcp_pingpong_thresh (default 1). */
    private static final int PINGPONG_THRESH = 1;
    /** TCP_MSS_DEFAULT and TCP_MIN_MSS: the sizes tcp_measure_rcv_mss trusts as a peer's MSS. */
    private static final int MSS_DEFAULT = 536;
    private static final int MIN_MSS = 88;
    /** TCP_REMNANT: FIN, URG, SYN, RST, PSH (a segment with one of them may be short on purpose). */
    private static final int REMNANT = TcpSegment.FIN | TcpSegment.SYN | TcpSegment.RST | TcpSegment.PSH | TcpSegment.URG;

    /** 4.9 counts every segment that carries an ACK against quick-ACK mode; 6.x only ACKs of new data. */
    private final boolean quickAckCountsEverySegment;
    /** 6.x (commit 4720852ed9af): a full-sized segment with PSH ends a write, so a read ACKs it at once. */
    private final boolean pushOnFullSegment;
    /** 5.10+: tcp_delack_max caps every wait at 200 ms; 4.9 only caps it by srtt and 500 ms. */
    private final boolean capAtDelackMax;

    /** icsk_ack.ato; 0 until the first in-order data. */
    private long ato;
    /** icsk_ack.lrcvtime: when in-order data last arrived (or the connection was established). */
    private long lastReceived;

    /** icsk_ack.lrcvtime, for tcpi_last_data_recv. */
    long lastReceivedNs() {
        return lastReceived;
    }

    /** tcp_finish_connect / tcp_create_openreq_child set lrcvtime when the connection is established. */
    void established(long now) {
        lastReceived = now;
    }
    /** icsk_ack.quick: ACKs still to send at once. */
    private int quick;
    /** icsk_ack.pingpong. */
    private int pingpong;
    /** icsk_ack.last_seg_size. */
    private int lastSegSize;
    // icsk_ack.pending: ICSK_ACK_SCHED, ICSK_ACK_PUSHED, ICSK_ACK_PUSHED2, ICSK_ACK_NOW
    private boolean scheduled;
    private boolean pushed;
    private boolean pushed2;
    private boolean now;
    // SACK compression (tp->compressed_ack, compressed_ack_rcv_nxt, dup_ack_counter)
    private int compressed;
    private int compressedRcvNxt;
    private int dupAckCounter;

    DelayedAck(boolean quickAckCountsEverySegment, boolean pushOnFullSegment, boolean capAtDelackMax) {
        this.quickAckCountsEverySegment = quickAckCountsEverySegment;
        this.pushOnFullSegment = pushOnFullSegment;
        this.capAtDelackMax = capAtDelackMax;
    }

    /** The profile of a kernel version. */
    static DelayedAck of(org.tcpsim.kernel.KernelVersion k) {
        return new DelayedAck(!k.countsQuickAcksOfNewDataOnly(), k.acksPushedFullSegments(), k.capsDelayedAckAtDelackMax());
    }

    long ato() {
        return ato;
    }

    int quick() {
        return quick;
    }

    boolean pingpongMode() {
        return pingpong >= PINGPONG_THRESH;
    }

    /** inet_csk_ack_scheduled: data arrived that no ACK has covered yet. */
    boolean scheduled() {
        return scheduled;
    }

    /** inet_csk_schedule_ack. */
    void schedule() {
        scheduled = true;
    }

    /** ICSK_ACK_NOW: this ACK may not wait (a hole in the sequence space was just filled). */
    void ackNow() {
        scheduled = true;
        now = true;
    }

    boolean mustAckNow() {
        return now;
    }

    /**
     * __tcp_ack_snd_check with out-of-order data: the first three duplicate ACKs for a given
     * rcv_nxt go at once (the sender's dupthresh may need them), later ones are folded together
     * (returns true: wait for the compressed-ACK timer), up to {@code nr} of them.
     */
    boolean compressSack(int rcvNxt, int nr) {
        if (compressed >= nr) {
            return false;
        }
        if (compressedRcvNxt != rcvNxt) {
            compressedRcvNxt = rcvNxt;
            dupAckCounter = 0;
        }
        if (dupAckCounter < 3) { // TCP_FASTRETRANS_THRESH
            dupAckCounter++;
            return false;
        }
        compressed++;
        return true;
    }

    /** ACKs are being folded into one the compressed-ACK timer will send (tp->compressed_ack). */
    boolean compressedPending() {
        return compressed > 0;
    }

    /** tcp_compressed_ack_kick: the timer fired; whether an ACK is owed (one of them is sent, not counted). */
    boolean compressedTimerExpired() {
        if (compressed == 0) {
            return false;
        }
        compressed--;
        return true;
    }

    /** tcp_event_ack_sent: the ACKs folded into the one now leaving (TCPAckCompressed); resets the count. */
    int takeCompressed() {
        int c = compressed;
        compressed = 0;
        return c;
    }

    /** tcp_in_quickack_mode: quick ACKs left, and the connection is not interactive. */
    boolean inQuickAckMode() {
        return quick > 0 && !pingpongMode();
    }

    /**
     * In-order data of {@code len} bytes arrived (tcp_event_data_recv, with tcp_measure_rcv_mss's
     * ICSK_ACK_PUSHED): the first data starts quick-ACK mode; later, ato follows the gap since
     * the previous data; a gap longer than the RTO means the sender restarted, so ACK quickly.
     *
     * @return the receive MSS estimate, which a run of equal sub-MSS segments may lower
     */
    int dataReceived(long t, int len, int flags, int rcvMss, int advmss, int rcvWnd, long rtoNs) {
        scheduled = true;
        rcvMss = measureRcvMss(len, flags, rcvMss, advmss);
        if (ato == 0) {
            incrQuickAck(rcvWnd, rcvMss);
            ato = ATO_MIN_NS;
        } else {
            // in jiffies, as the kernel computes it: m = tcp_jiffies32 - lrcvtime, ato >> 1 truncates
            long m = t / JIFFY_NS - lastReceived / JIFFY_NS;
            long atoJ = ato / JIFFY_NS;
            long rtoJ = jiffiesUp(rtoNs);
            if (m <= ATO_MIN_NS / 2 / JIFFY_NS) {
                ato = ((atoJ >> 1) + ATO_MIN_NS / 2 / JIFFY_NS) * JIFFY_NS;
            } else if (m < atoJ) {
                ato = Math.min((atoJ >> 1) + m, rtoJ) * JIFFY_NS;
            } else if (m > rtoJ) {
                incrQuickAck(rcvWnd, rcvMss);
            }
        }
        lastReceived = t;
        return rcvMss;
    }

    /** tcp_measure_rcv_mss: a segment shorter than the estimate, or a full one with PSH, was pushed. */
    private int measureRcvMss(int len, int flags, int rcvMss, int advmss) {
        int lss = lastSegSize;
        lastSegSize = 0;
        if (len >= rcvMss) {
            if (pushOnFullSegment && (flags & TcpSegment.PSH) != 0) {
                pushed = true;
            }
            return Math.min(len, advmss);
        }
        if (len >= MSS_DEFAULT || len >= MIN_MSS && (flags & REMNANT) == 0) {
            lastSegSize = len;
            if (len == lss) {
                return len; // two equal segments: the peer's MSS is smaller than we thought
            }
        }
        if (pushed) {
            pushed2 = true;
        }
        pushed = true;
        return rcvMss;
    }

    /** tcp_incr_quickack: as many quick ACKs as would open half the window, 2 to 16. */
    void incrQuickAck(int rcvWnd, int rcvMss) {
        int q = rcvWnd / (2 * Math.max(1, rcvMss));
        if (q == 0) {
            q = 2;
        }
        quick = Math.max(quick, Math.min(q, MAX_QUICKACKS));
    }

    /** tcp_grow_window: the window grew, so the next ACK goes at once (icsk_ack.quick |= 1). */
    void quickAtLeastOne() {
        quick |= 1;
    }

    /** __tcp_select_window with less than half the window free: quick-ACK mode ends (icsk_ack.quick = 0). */
    void clearQuick() {
        quick = 0;
    }

    /** tcp_enter_quickack_mode: ACK the next segments at once (our ACKs seem to be lost). */
    void enterQuickAckMode(int rcvWnd, int rcvMss) {
        incrQuickAck(rcvWnd, rcvMss);
        pingpong = 0;
        ato = ATO_MIN_NS;
    }

    /** tcp_fin in ESTABLISHED: the application will answer the FIN with its own, so delay the ACK. */
    void enterPingpongMode() {
        scheduled = true;
        pingpong = PINGPONG_THRESH;
    }

    /**
     * tcp_send_delayed_ack: how long the ACK may wait. Above TCP_DELACK_MIN, ato is capped by the
     * smoothed RTT (at least 40 ms) and by 500 ms, or 200 ms once interactive or pushed; and
     * (since 5.10) always by TCP_DELACK_MAX (tcp_delack_max).
     *
     * @param srttNs 0 before the first RTT sample
     */
    long delay(long srttNs) {
        long a = ato;
        if (a > ATO_MIN_NS) {
            long maxAto = pingpongMode() || pushed ? DELACK_MAX_NS : MAX_ATO_BULK_NS;
            if (srttNs > 0) {
                // usecs_to_jiffies(tp->srtt_us >> 3) rounds up to a whole jiffy
                maxAto = Math.min(maxAto, Math.max(jiffiesUp(srttNs) * JIFFY_NS, ATO_MIN_NS));
            }
            a = Math.min(a, maxAto);
        }
        return capAtDelackMax ? Math.min(a, DELACK_MAX_NS) : a;
    }

    /**
     * When the delayed-ACK timer of tcp_send_delayed_ack fires: icsk_ack.timeout = jiffies + ato, and
     * the timer wheel runs a timer due within 64 jiffies on the tick after that (calc_index rounds the
     * expiry up one jiffy so that no timer fires early): {@code ato} after the segment or up to one
     * jiffy more. An earlier timeout already armed stands, and if it is due within ato / 4 the ACK
     * goes now. Linux 6.18 (packetdrill, HZ 250): ato 40 ms -> 43 ms, the srtt cap of 13 jiffies -> 55.6-56 ms.
     *
     * @param ato   {@link #delay}
     * @param armed the armed timer's deadline, or -1
     * @return the time the timer fires, or -1: send the ACK now
     */
    static long timerDeadline(long now, long ato, long armed) {
        long jiffies = now / JIFFY_NS;
        long atoJ = ato / JIFFY_NS;
        long timeout = jiffies + atoJ;
        if (armed >= 0) {
            long pending = armed / JIFFY_NS - 1; // icsk_ack.timeout
            if (pending <= jiffies + (atoJ >> 2)) {
                return -1;
            }
            timeout = Math.min(timeout, pending);
        }
        return (timeout + 1) * JIFFY_NS;
    }

    /** usecs_to_jiffies for a time in ns: whole jiffies, rounded up. */
    private static long jiffiesUp(long ns) {
        return (ns + JIFFY_NS - 1) / JIFFY_NS;
    }

    /**
     * tcp_delack_timer_handler found an ACK still owed: a bulk receiver waited too little
     * (ato doubles, up to the RTO); an interactive one had nothing to send (leave pingpong mode).
     */
    void timerExpired(long rtoNs) {
        if (!pingpongMode()) {
            ato = Math.min(ato << 1, jiffiesUp(rtoNs) * JIFFY_NS);
        } else {
            pingpong = 0;
            ato = ATO_MIN_NS;
        }
    }

    /**
     * A segment carrying an ACK of everything received left (tcp_event_ack_sent, then
     * tcp_event_data_sent when it carries data).
     */
    void segmentSent(long t, boolean withData) {
        if (quick > 0) {
            int pkts = quickAckCountsEverySegment || scheduled ? 1 : 0; // tcp_dec_quickack_mode
            if (pkts >= quick) {
                quick = 0;
                ato = ATO_MIN_NS; // leaving quick-ACK mode deflates ato
            } else {
                quick -= pkts;
            }
        }
        scheduled = false; // inet_csk_clear_xmit_timer(ICSK_TIME_DACK) clears icsk_ack.pending
        pushed = false;
        pushed2 = false;
        now = false;
        if (withData && t - lastReceived < ato && pingpong < 255) {
            pingpong++; // a reply within ato of the request: interactive (inet_csk_inc_pingpong_cnt)
        }
    }

    /**
     * tcp_cleanup_rbuf after the application read {@code copied} bytes: the ACK goes now if a
     * pushed segment was read, the receive queue is empty, and the connection is not interactive
     * (or two pushed segments arrived).
     */
    boolean ackOnRead(int copied, boolean drained) {
        return scheduled && copied > 0 && drained && (pushed2 || pushed && !pingpongMode());
    }
}
