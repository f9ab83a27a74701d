package org.tcpsim.tcp;

import org.tcpsim.api.congestion.CaState;
import org.tcpsim.api.congestion.CongestionControl;
import org.tcpsim.api.congestion.Jiffies;
import org.tcpsim.api.congestion.Minmax;
import org.tcpsim.api.congestion.PacingStatus;
import org.tcpsim.api.congestion.TcpCong;
import org.tcpsim.api.congestion.TcpSock;
import org.tcpsim.kernel.KernelVersion;

/**
 * The send half of a connection: sequence state, the send buffer, the scoreboard, the RTO, and
 * the congestion state a congestion module reads and writes (struct tcp_sock's send fields).
 * Loss recovery follows tcp_fastretrans_alert with SACK (RFC 6675 loss marking) or NewReno
 * dupacks, and PRR (tcp_cwnd_reduction) sets cwnd during recovery. A congestion module sees it
 * through the plugin API's {@link TcpSock}.
 */
final class TcpSender implements TcpSock {
    /** TCP_INIT_CWND. */
    static final int INIT_CWND = 10;
    /** TCP_FASTRETRANS_THRESH: the default dupthresh, tcp_reordering's default. */
    static final int DUPTHRESH = 3;
    static final int INFINITE_SSTHRESH = Integer.MAX_VALUE;

    final RetransmitQueue rtx;
    /** The unsent data, [snd_nxt, write_seq), cut into Linux's skbs (tcp_sendmsg). */
    final WriteQueue writeQueue;
    /** tp->nonagle: {@link TcpSendmsg#NAGLE_OFF} (TCP_NODELAY), NAGLE_CORK (TCP_CORK), NAGLE_PUSH. */
    int nonagle;
    /** tp->pushed_seq: write_seq when an skb was last marked PSH (forced_push measures from it). */
    int pushedSeq;
    /**
     * tp->reordering: how many segments out of order the network may deliver (the dupthresh);
     * starts at tcp_reordering and grows with reordering seen (tcp_check_sack_reordering).
     */
    int reordering = DUPTHRESH;
    /** tp->tcp_wstamp_ns: when the last segment left (new or retransmitted), 0 before any. */
    long lastXmitNs;
    final RttEstimator rtt;
    final Undo undo;
    final ZeroWindowProbe probe0;
    final CongestionControl cc;
    /** The module implements .cong_control: it replaces PRR, cong_avoid and the idle restart (tcp_cong_control). */
    final boolean ccControls;
    /**
     * The 4.9 profile's cwnd validation: tcp_cwnd_validate and tcp_is_cwnd_limited as they were
     * before 6.1's f4ce91ce12a7, and tcp_cwnd_application_limited and tcp_cwnd_restart also under a
     * .cong_control module.
     */
    final boolean validateAs49;
    /** The samples handed to .pkts_acked and .cong_control, filled anew for every ACK (the stack's: {@link TcpStack#ackTag}). */
    final CongestionSamples.Ack ackSample;
    final CongestionSamples.Rate rateSample;
    /** Delivery-rate sampling (tcp_rate.c): fills {@link #rateSample} on every ACK. */
    final RateSampler rate;
    /** sk_pacing_rate, sk_pacing_status, the EDT and the pacing timer. */
    final Pacing pacing;
    /** Busy, receive-window-limited and send-buffer-limited time (tcp_chrono). */
    final Chrono chrono;
    /** tp->chrono_type: the chronograph running ({@link Chrono}), which every send compares. */
    int chronoType;
    private final TcpSocket socket;

    int sndUna;
    int sndNxt;
    /** End of the data the application has written (write_seq). */
    int writeSeq;
    int sndWnd;
    int sndWl1;
    int sndWl2;
    int sndWscale;
    /** tp->mss_cache: the segment size now, mssClamp bounded by half the peer's largest window. */
    int mss;
    /** rx_opt.mss_clamp less the options: the largest segment the peer takes (what the handshake agreed). */
    private int mssClamp;
    /** tp->max_window: the largest window the peer has advertised (tcp_ack_update_window; forced_push reads it). */
    int maxWindow;
    long sndbuf;
    final long sndbufMax;
    /** SOCK_SNDBUF_LOCK: SO_SNDBUF was set, autotuning leaves sndbuf alone. */
    boolean sndbufLocked;
    /** Payload bytes cumulatively acknowledged, 64-bit (sequence numbers wrap every 4 GiB). */
    long bytesAcked;
    boolean finQueued;
    boolean finSent;
    int finSeq;

    int cwnd = INIT_CWND;
    int ssthresh = INFINITE_SSTHRESH;
    int cwndCnt;
    CaState caState = CaState.OPEN;
    int priorCwnd;
    int highSeq;
    int prrDelivered;
    int prrOut;
    boolean sack;
    /**
     * Zero-window probes sent and unanswered (icsk_probes_out; {@link ZeroWindowProbe} sends them). Here,
     * not there: every ACK clears it (tcp_ack), and the probe's object then stays out of the ACK's way.
     */
    int probesOut;
    /** Consecutive RTOs without progress (icsk_retransmits) and when the first of them fired. */
    int retransmits;
    long retransStampNs;
    /** tcpi_total_rto and its siblings, null until the first retransmission timeout. */
    RtoStats rtoStats;
    long totalRetrans;
    long lastSendNs;
    /**
     * tp->rtt_min: the minimum RTT over the last tcp_min_rtt_wlen, in microseconds, timed in jiffies
     * (tcp_init_sock resets it to ~0U: no sample yet).
     */
    final Minmax rttMin;
    /** What the transmit timer is armed for. */
    XmitTimer xmitTimer = XmitTimer.RETRANS;
    final Rack rack;
    /** A tail loss probe is outstanding (tp->tlp_high_seq != 0): snd_nxt when it went out, and whether it was a retransmission. */
    boolean tlpPending;
    int tlpHighSeq;
    boolean tlpRetrans;
    /** F-RTO is judging the last RTO (tp->frto). */
    boolean frto;
    /** F-RTO step 2.b: the next transmission sends new data before any retransmission (REXMIT_NEW). */
    boolean rexmitNew;
    /** tcp_cwnd_validate's memory: the flight peak and whether cwnd limited it, until snd_una passes cwnd_usage_seq. */
    private int maxPacketsOut;
    private boolean cwndLimited;
    private int cwndUsageSeq;
    /**
     * tp->snd_cwnd_stamp: when cwnd was last validated (used in full, grown by cong_avoid, set by a
     * recovery step); kept in simulated ns, compared in jiffies as Linux compares tcp_jiffies32.
     */
    long cwndStampNs;
    /** tp->snd_cwnd_used: the most packets out since the stamp while cwnd was not the limit. */
    int cwndUsed;

    TcpSender(TcpSocket socket, CongestionControl cc, RttEstimator rtt, long sndbuf, long sndbufMax, boolean locked) {
        this.socket = socket;
        this.ackSample = socket.stack.ackSample;
        this.rateSample = socket.stack.rateSample;
        // One ACK reads most of these: allocated in a row they share cache lines (a run of the
        // 1000-flow bench never collects garbage, so this order is their order in memory); the
        // parts an ACK seldom reads come last
        this.pacing = new Pacing(socket);
        this.rtx = new RetransmitQueue();
        this.rack = new Rack();
        this.rate = new RateSampler(rateSample);
        this.rttMin = new Minmax();
        this.writeQueue = new WriteQueue();
        this.chrono = new Chrono(this);
        this.undo = new Undo(socket);
        this.probe0 = new ZeroWindowProbe(socket);
        this.cc = cc;
        this.ccControls = CongestionSamples.implementsCongControl(cc);
        this.validateAs49 = socket.stack.kernel == KernelVersion.V4_9;
        this.rtt = rtt;
        this.sndbuf = sndbuf;
        this.sndbufMax = sndbufMax;
        this.sndbufLocked = locked;
        this.rttMin.reset(0, ~0);
    }

    /** Bytes written by the application and not yet acknowledged (SIOCOUTQ: write_seq - snd_una). */
    long queuedBytes() {
        return writeSeq - sndUna;
    }

    /** tcp_rtx_and_write_queues_empty: nothing unacknowledged, nothing unsent (a FIN waiting counts). */
    boolean queuesEmpty() {
        return rtx.isEmpty() && writeSeq == sndNxt && !(finQueued && !finSent);
    }

    /**
     * sk_wmem_queued: the write and retransmit queues' skbs at their truesize, what SO_SNDBUF and
     * tcp_mem are charged with (tcp_skb_entail, tso_fragment, tcp_wmem_free_skb; {@link SkbTruesize}).
     */
    long wmemQueued() {
        return SkbTruesize.wmemQueued(writeSeq - sndUna, writeQueue.size() + rtx.skbs());
    }

    /** sk_stream_memory_free's first test: sk_wmem_queued below sk_sndbuf (a new skb may be allocated). */
    boolean wmemBelowSndbuf() {
        return wmemQueued() < sndbuf;
    }

    /**
     * sk_stream_wspace(sk) >= sk_stream_min_wspace(sk): free send buffer at least half of what is
     * queued, i.e. at most two thirds of the buffer in use (__sk_stream_is_writeable).
     */
    boolean wspaceAboveMin() {
        long queued = wmemQueued();
        return sndbuf - queued >= queued >> 1;
    }

    /**
     * tcp_sndbuf_expand: room for sndbuf_expand (2, BBR 3) windows of segments of max(10, cwnd,
     * reordering + 1) packets, each at the worst case of one skb per segment ({@link SkbTruesize#perMss}),
     * at most tcp_wmem[2]. Called when the connection is established (tcp_init_buffer_space) and when
     * an ACK frees space a writer waits for and {@link #shouldExpandSndbuf} allows (tcp_new_space).
     */
    void expandSndbuf() {
        if (sndbufLocked) {
            return;
        }
        // max(rx_opt.mss_clamp, mss_cache): the clamp is the MSS option, the timestamp option not taken off
        int perMss = SkbTruesize.perMss(Math.max(mssClamp + (socket.timestamps ? TcpSocket.TIMESTAMP_OPTION_BYTES : 0), mss));
        long nrSegs = Math.max(Math.max(INIT_CWND, cwnd), reordering + 1);
        long sndmem = cc.sndbufExpand(this) * nrSegs * perMss;
        if (sndbuf < sndmem) {
            sndbuf = Math.min(sndmem, sndbufMax);
        }
    }

    /**
     * tcp_should_expand_sndbuf: not with SO_SNDBUF set, under tcp_mem pressure, with tcp_mem[0] pages
     * or more in use, or with cwnd full (then cwnd, not the buffer, limits the flow).
     */
    boolean shouldExpandSndbuf(TcpMemory memory) {
        return !sndbufLocked && !memory.underPressure() && !memory.atOrAboveMin() && rtx.inFlight() < cwnd;
    }

    // ---- TcpSock: what the congestion module sees ----

    @Override
    public int cwnd() {
        return cwnd;
    }

    @Override
    public void setCwnd(int packets) {
        cwnd = Math.max(1, packets);
    }

    @Override
    public int ssthresh() {
        return ssthresh;
    }

    @Override
    public void setSsthresh(int packets) {
        ssthresh = packets;
    }

    @Override
    public int cwndCount() {
        return cwndCnt;
    }

    @Override
    public void setCwndCount(int n) {
        cwndCnt = n;
    }

    @Override
    public int cwndClamp() {
        return 1 << 30;
    }

    /**
     * tcp_is_cwnd_limited(): cwnd limited sending in the current window (tp->is_cwnd_limited), or,
     * in slow start, cwnd is below twice the most packets out in it. On 4.9 slow start asks only
     * the latter (include/net/tcp.h before 6.1).
     */
    @Override
    public boolean isCwndLimited() {
        if (validateAs49 && Integer.compareUnsigned(cwnd, ssthresh) < 0) {
            return Integer.compareUnsigned(cwnd, 2 * maxPacketsOut) < 0;
        }
        return TcpCong.isCwndLimited(cwndLimited, cwnd, ssthresh, maxPacketsOut);
    }

    @Override
    public int packetsInFlight() {
        return rtx.inFlight();
    }

    @Override
    public long nowUs() {
        return socket.now() / 1000;
    }

    @Override
    public long srttUs() {
        return rtt.srttUs();
    }

    /** tcp_min_rtt(), with 0 (not ~0U) before the first sample. */
    @Override
    public long minRttUs() {
        int min = rttMin.get();
        return min == ~0 ? 0 : Integer.toUnsignedLong(min);
    }

    /**
     * tcp_update_rtt_min: a sample joins the windowed minimum unless it may include a delayed
     * ACK and is above the current minimum (a receiver that keeps delaying would otherwise
     * inflate the estimate once the true minimum ages out).
     */
    void updateRttMin(long rttUs, boolean ackMaybeDelayed, long nowUs) {
        if (ackMaybeDelayed && rttUs > Integer.toUnsignedLong(rttMin.get())) {
            return;
        }
        // wlen = tcp_min_rtt_wlen * HZ jiffies, time tcp_jiffies32 (HZ = 1000: milliseconds)
        rttMin.runningMin((int) socket.stack.settings.minRttWlenMs, Jiffies.fromUs(nowUs),
                (int) Math.max(1, rttUs));
    }

    @Override
    public int mss() {
        return mss;
    }

    /** The MSS the handshake agreed (options taken off); the segment size follows it (tcp_sync_mss). */
    void setMssClamp(int clamp) {
        mssClamp = clamp;
        mss = boundToHalfWindow(clamp);
    }

    /** The peer's window as an ACK, SYN or SYN-ACK set it; a new largest one resyncs the MSS (tcp_ack_update_window). */
    void setWindow(int window) {
        sndWnd = window;
        if (window > maxWindow) {
            maxWindow = window;
            mss = boundToHalfWindow(mssClamp);
        }
    }

    /**
     * Linux: tcp_bound_to_half_wnd(): no segment larger than half the largest window the peer has
     * offered (all of it below TCP_MSS_DEFAULT), so two are in flight and the second gets an immediate
     * ACK; it matters where a window holds few segments (lo's 64 KiB MTU against a 64 KiB window).
     */
    private int boundToHalfWindow(int size) {
        int cutoff = maxWindow > TcpSocket.DEFAULT_MSS ? maxWindow >> 1 : maxWindow;
        if (cutoff != 0 && size > cutoff) {
            int tcpHeaderLen = TCP_HEADER + (socket.timestamps ? TcpSocket.TIMESTAMP_OPTION_BYTES : 0);
            return Math.max(cutoff, 68 - tcpHeaderLen); // 68U - tp->tcp_header_len
        }
        return size;
    }

    /** sizeof(struct tcphdr): a TCP header without options. */
    private static final int TCP_HEADER = 20;

    @Override
    public int priorCwnd() {
        return priorCwnd;
    }

    @Override
    public int sndUna() {
        return sndUna;
    }

    @Override
    public int sndNxt() {
        return sndNxt;
    }

    @Override
    public long lastSendUs() {
        return lastSendNs / 1000;
    }

    @Override
    public CaState caState() {
        return caState;
    }

    @Override
    public int packetsOut() {
        return rtx.packetsOut;
    }

    @Override
    public int delivered() {
        return rtx.delivered;
    }

    @Override
    public int lost() {
        return rtx.lost;
    }

    @Override
    public int appLimited() {
        return rate.appLimited;
    }

    @Override
    public void setAppLimited(int mark) {
        rate.appLimited = mark;
    }

    @Override
    public long deliveredMstampUs() {
        return rate.deliveredMstampUs;
    }

    @Override
    public long pacingRate() {
        return pacing.rate;
    }

    @Override
    public void setPacingRate(long bytesPerSecond) {
        pacing.rate = bytesPerSecond;
    }

    @Override
    public long maxPacingRate() {
        return pacing.maxRate;
    }

    @Override
    public PacingStatus pacingStatus() {
        return pacing.status;
    }

    @Override
    public void setPacingStatus(PacingStatus status) {
        pacing.status = status;
    }

    @Override
    public int pacingShift() {
        return Pacing.PACING_SHIFT;
    }

    @Override
    public long gsoMaxSize() {
        return Pacing.GSO_MAX_SIZE;
    }

    @Override
    public long wstampNs() {
        return pacing.wstampNs;
    }

    @Override
    public long clockNs() {
        return socket.now();
    }

    /** get_random_u32_below: the host's stream for congestion modules (derived from the run's seed). */
    @Override
    public int randomU32Below(int ceil) {
        return socket.stack.random().nextInt(ceil);
    }

    /**
     * tcp_cwnd_validate (6.1+, commit f4ce91ce12a7): remember for the current window whether cwnd
     * limited sending; else track the most packets out in it. A window ends when snd_una passes
     * the snd_nxt recorded with it. tcp_write_xmit calls it after sending anything, or when cwnd
     * was full. Then RFC 2861's bookkeeping: a full cwnd restamps snd_cwnd_stamp; an unused one
     * records snd_cwnd_used and, an RTO after the stamp, decays (tcp_cwnd_application_limited; not
     * for a module with .cong_control since 4.13). 4.9 starts a new window also when more packets
     * are out than its peak, and then takes the flag as it comes (max_packets_seq).
     */
    void cwndValidate(boolean isCwndLimited, long now) {
        if (validateAs49) {
            if (!Seq.lt(sndUna, cwndUsageSeq) || rtx.packetsOut > maxPacketsOut) {
                maxPacketsOut = rtx.packetsOut;
                cwndUsageSeq = sndNxt;
                cwndLimited = isCwndLimited;
            }
        } else if (!Seq.lt(sndUna, cwndUsageSeq) || isCwndLimited
                || (!cwndLimited && rtx.packetsOut > maxPacketsOut)) {
            cwndLimited = isCwndLimited;
            maxPacketsOut = rtx.packetsOut;
            cwndUsageSeq = sndNxt;
        }
        if (isCwndLimited()) {
            cwndUsed = 0; // network is fed fully
            cwndStampNs = now;
            return;
        }
        if (rtx.packetsOut > cwndUsed) {
            cwndUsed = rtx.packetsOut;
        }
        if (rtoPassedSinceStamp(now) && socket.stack.settings.slowStartAfterIdle
                && (!ccControls || validateAs49)) {
            applicationLimited(now);
        }
    }

    /** (s32)(tcp_jiffies32 - tp->snd_cwnd_stamp) >= icsk_rto, in jiffies (the RTO is whole ones). */
    private boolean rtoPassedSinceStamp(long now) {
        long rtoJiffies = rtt.rtoUs() / 1000;
        return Jiffies.fromUs(now / 1000) - Jiffies.fromUs(cwndStampNs / 1000) >= rtoJiffies;
    }

    /**
     * tcp_cwnd_application_limited (RFC 2861's slow part): cwnd was not full for an RTO, so in Open,
     * unless the application is waiting for send-buffer space (SOCK_NOSPACE) or has let go of the
     * socket (an orphan has no sk_socket), the unused part is halved: cwnd = (cwnd +
     * max(snd_cwnd_used, tcp_init_cwnd)) / 2, ssthresh first raised to tcp_current_ssthresh.
     */
    private void applicationLimited(long now) {
        if (caState == CaState.OPEN && !socket.orphan && !socket.writeBlocked) {
            int winUsed = Math.max(cwndUsed, Math.min(INIT_CWND, cwndClamp())); // tcp_init_cwnd: no route initcwnd
            if (winUsed < cwnd) {
                ssthresh = currentSsthresh();
                cwnd = (cwnd + winUsed) >> 1;
            }
            cwndUsed = 0;
        }
        cwndStampNs = now;
    }

    /** tcp_current_ssthresh: ssthresh during a reduction (CWR, Recovery), else at least three quarters of cwnd. */
    int currentSsthresh() {
        if (caState == CaState.CWR || caState == CaState.RECOVERY) {
            return ssthresh;
        }
        return Math.max(ssthresh, (cwnd >> 1) + (cwnd >> 2));
    }

    void setCaState(CaState state) {
        if (state != caState) {
            caState = state;
            cc.setState(this, state);
        }
    }
}
