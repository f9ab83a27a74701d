package org.tcpsim.tcp;

import org.tcpsim.engine.Timer;
import org.tcpsim.kernel.MibCounter;

/**
 * One TCP connection as a Linux socket runs it: the application-facing calls (connect, write,
 * read, shutdown, close), what happens on entering each state, and its timers.
 * Which state comes next is {@link TcpTransitions}'s business; opening (connect, a request, a SYN cookie) is
 * {@link TcpHandshake}'s, closing (close, shutdown, the orphan's FIN_WAIT2, tcp_done) {@link TcpClose}'s;
 * arriving segments are {@link TcpInput}'s; sending is {@link TcpOutput}'s;
 * acknowledgement processing is {@link TcpAckProcessor}'s, loss recovery {@link TcpRecovery}'s (undoing spurious
 * reductions, {@link Undo}'s); what the timers do when they fire is {@link TcpTimers}'s.
 */
public final class TcpSocket {
    static final SocketCallbacks NO_CALLBACKS = new SocketCallbacks() { };
    /** MSS assumed when the peer sends none (TCP_MSS_DEFAULT). */
    static final int DEFAULT_MSS = 536;
    /** IPv4 + TCP headers without options. */
    static final int HEADERS = 40;
    /** The timestamp option's 12 bytes come off the MSS when timestamps are on (tcp_current_mss). */
    static final int TIMESTAMP_OPTION_BYTES = 12;

    final TcpStack stack;
    private final long connId;
    private final int localPort;
    private final int remoteAddr;
    private final int remotePort;
    /** Options as setsockopt() left them (replaced, never mutated, when the application changes one). */
    SocketOptions options;
    SocketCallbacks callbacks;
    TcpListener listener;
    /** The process holding this socket's descriptor, or null (a queued child, or a socket opened by a test). */
    TcpProcess owner;

    TcpState state = TcpState.CLOSED;
    final TcpSender snd;
    final TcpReceiver rcv;
    final TcpOutput out;
    final TcpSendmsg sendmsg;
    final TcpAckProcessor acks;
    final TcpInput in;
    /** What the timers below do when they fire. */
    final TcpTimers timers;
    int iss;
    int advmss;
    boolean timestamps;
    /** Both ends offered window scaling (RFC 7323: else neither side scales). */
    boolean wscaleOk;
    int tsOffset;
    int tsRecent;
    /** When tsRecent was last updated, in ms of the host's timestamp clock (0: never). */
    long tsRecentStampMs;
    /** abort_on_overflow = 0 dropped the final ACK: the client thinks it is established (inet_rsk(req)->acked). */
    boolean requestAcked;
    /** The application called close(): the socket is an orphan and will take no more data. */
    boolean orphan;
    /** shutdown(SHUT_WR) or close(): a FIN follows the queued data. */
    boolean writeShutdown;
    /** SOCK_NOSPACE: a writer waits for send-buffer space ({@link StreamSpace}). */
    boolean writeBlocked;

    final Timer retransmitTimer;
    final Timer delackTimer;
    /** SO_KEEPALIVE's timer and probe count, or null without the option. */
    Keepalive keepalive;
    /** When the peer was last heard from (tp->rcv_tstamp): where keepalive counts idleness from. */
    long heardNs;
    /** TCP_INQ (tp->recvmsg_inq): recvmsg() returns a TCP_CM_INQ control message. */
    boolean recvmsgInq;
    /** Urgent data received (tp->urg_data, urg_seq), or null until a segment with URG arrives. */
    UrgentData urg;
    /** TCP_SYNCNT (icsk_syn_retries), or 0 for net.ipv4.tcp_syn_retries. */
    int synRetriesOption;
    int synRetransmits;
    /** When connect() sent the first SYN: retrans_stamp as tcp_connect sets it, for SYN_SENT's time limit. */
    long synSentNs;
    int synAckTimeouts;
    private boolean finWait2Pending;
    /** The congestion module's .release ran ({@link TcpClose#releaseCongestion}). */
    boolean caReleased;
    /** Bytes this socket has charged to the host's tcp_mem. */
    long memCharged;
    /** TcpExtTW / TWKilled count a socket once, when its timewait timer is first scheduled (__inet_twsk_schedule). */
    boolean timeWaitCounted;

    final long tStart;
    private long tEstablished = -1;
    long tEnd = -1;
    String errno;
    private long bytesRead;

    TcpSocket(TcpStack stack, long connId, int localPort, int remoteAddr, int remotePort, SocketOptions options,
              SocketCallbacks callbacks) {
        this.stack = stack;
        this.connId = connId;
        this.localPort = localPort;
        this.remoteAddr = remoteAddr;
        this.remotePort = remotePort;
        this.options = options;
        this.callbacks = callbacks == null ? NO_CALLBACKS : callbacks;
        TcpSettings s = stack.settings;
        CongestionChoice cc = CongestionChoice.forSocket(options.congestion(), stack.defaultCongestion());
        if (cc == null) {
            throw new IllegalStateException("no congestion control '" + s.congestionControl + "' on this host");
        }
        long rcvbuf = options.rcvbuf() >= 0 ? SocketOptionCalls.sockRcvbuf(options.rcvbuf(), s) : s.rmem[1];
        long sndbuf = options.sndbuf() >= 0 ? SocketOptionCalls.sockSndbuf(options.sndbuf(), s) : s.wmem[1];
        // In the order a segment's arrival reaches them (input, then the ACK, then the send and the timers),
        // so that one arrival reads few cache lines: allocated in a row, they sit in a row (without a
        // garbage collection in between, as in a bench run, which never has one)
        this.in = new TcpInput(this);
        this.acks = new TcpAckProcessor(this);
        this.out = new TcpOutput(this);
        this.timers = new TcpTimers(this);
        this.retransmitTimer = new Timer(stack.clock(), timers::retransmitTimerFired);
        this.snd = new TcpSender(this, cc.factory().create(), new RttEstimator(s.rtoMinUs, s.rtoMaxUs),
                sndbuf, options.sndbuf() >= 0 ? sndbuf : s.wmem[2], options.sndbuf() >= 0);
        this.sendmsg = new TcpSendmsg(this);
        snd.nonagle = options.noDelay() ? TcpSendmsg.NAGLE_OFF : 0;
        snd.reordering = s.reordering; // tcp_init_sock
        this.rcv = new TcpReceiver(rcvbuf, options.rcvbuf() >= 0 ? rcvbuf : s.rmem[2], options.rcvbuf() >= 0,
                s.rmem[2], stack.kernel.measuresScalingRatio(), s.moderateRcvbuf, DelayedAck.of(stack.kernel));
        this.delackTimer = new Timer(stack.clock(), timers::delackTimerFired);
        this.keepalive = options.keepAlive() ? new Keepalive(this, options, s) : null;
        // tcp_connect_init / tcp_v4_syn_recv_sock: tp->advmss = tcp_mss_clamp(tp, dst_metric_advmss(dst))
        this.advmss = options.clampMss(stack.advmss(remoteAddr));
        this.tStart = stack.now();
        this.heardNs = tStart;
    }

    // ---- what applications see ----

    public long connId() {
        return connId;
    }

    public TcpState state() {
        return state;
    }

    public int localPort() {
        return localPort;
    }

    public int remoteAddress() {
        return remoteAddr;
    }

    public int remotePort() {
        return remotePort;
    }

    public TcpStack stack() {
        return stack;
    }

    /** The errno the application saw when the connection ended, or null (still open, or ended cleanly). */
    public String errno() {
        return errno;
    }

    public long startedAtNs() {
        return tStart;
    }

    /** When the handshake completed, or -1. */
    public long establishedAtNs() {
        return tEstablished;
    }

    /** When the socket reached CLOSED (or left for TIME_WAIT's end), or -1. */
    public long endedAtNs() {
        return tEnd;
    }

    /** Payload bytes the peer has acknowledged. */
    public long bytesAcked() {
        return snd.bytesAcked;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public long retransmits() {
        return snd.totalRetrans;
    }

    public int synRetransmits() {
        return synRetransmits;
    }

    public int cwnd() {
        return snd.cwnd;
    }

    public long srttUs() {
        return snd.rtt.srttUs();
    }

    /** How often the pacing timer fired, and data segments sent (tp->data_segs_out): pacing's events per packet. */
    public long pacingTimerFires() {
        return snd.pacing.timerFires;
    }

    public long dataSegsOut() {
        return snd.pacing.dataSegsOut;
    }

    /** tcp_min_rtt (tcpi_min_rtt), microseconds; 0 before the first RTT sample. */
    public long minRttUs() {
        return snd.minRttUs();
    }

    /** tcpi_delivery_rate: the last delivery-rate sample kept (tcp_rate_gen), bytes per second; 0 before one. */
    public long deliveryRateBytesPerSecond() {
        return snd.rate.deliveryRateBytesPerSecond(snd.mss);
    }

    /** sk_pacing_rate in bytes per second, or -1 while it is ~0UL (no rate: tcpi_pacing_rate omitted). */
    public long pacingRateBytesPerSecond() {
        return snd.pacing.rate == Pacing.UNLIMITED ? -1 : snd.pacing.rate;
    }

    public int mss() {
        return snd.mss;
    }

    public long sndbuf() {
        return snd.sndbuf;
    }

    public long rcvbuf() {
        return rcv.rcvbuf;
    }

    /** write(): accepts up to {@code bytes} into the send buffer; 0 means EAGAIN (full, or not connected). */
    public int write(int bytes, long now) {
        return write(bytes, now, false);
    }

    /**
     * send() with MSG_MORE when {@code more}: the data waits for more as under TCP_CORK (tcp_push with
     * TCP_NAGLE_CORK) instead of being pushed.
     */
    public int write(int bytes, long now, boolean more) {
        return write(bytes, now, more, false, false);
    }

    /**
     * send() with its flags: {@code more} (MSG_MORE), {@code eor} (MSG_EOR: nothing is appended to
     * this write's last skb); {@code continuing} when this is the rest of a write that blocked
     * (tcp_sendmsg's loop goes on: the tail skb keeps its PSH).
     */
    public int write(int bytes, long now, boolean more, boolean eor, boolean continuing) {
        if (writeShutdown || (state != TcpState.ESTABLISHED && state != TcpState.CLOSE_WAIT)) {
            return 0;
        }
        snd.rate.checkAppLimited(snd); // tcp_sendmsg_locked: is sending application-limited?
        if (bytes <= 0) {
            return 0;
        }
        int n = sendmsg.copy(bytes, more, eor, continuing, now);
        if (n < bytes) {
            writeBlocked = true; // wait_for_space: SOCK_NOSPACE
        }
        return n;
    }

    /** read(): up to {@code max} bytes; 0 when nothing is queued, -1 at end of stream (the peer's FIN). */
    public int read(int max, long now) {
        return read(max, now, true);
    }

    /**
     * A read of up to {@code max} bytes that stops before urgent data (tcp_recvmsg_locked's and
     * tcp_read_sock's urg_offset); {@code skipUrgent}: at the mark, step over the urgent byte first
     * (recvmsg without SOCK_URGINLINE), where tcp_read_sock (splice) returns nothing instead.
     */
    public int read(int max, long now, boolean skipUrgent) {
        if (urg != null) {
            if (skipUrgent && urg.atMark(rcv.queue) && rcv.queue.unread() > 0) {
                rcv.read(1); // tcp_recvmsg_locked: *seq + 1, urg_hole++, not copied
            }
            max = urg.beforeMark(rcv.queue, max);
        }
        int n = rcv.read(max);
        if (urg != null) {
            urg.afterRead(rcv.queue);
        }
        bytesRead += n;
        if (n > 0) {
            chargeMemory(now);
            // tcp_rcv_space_adjust (the model lets no buffer grow under tcp_mem pressure)
            rcv.spaceAdjust(now, stack.settings.moderateRcvbuf && !stack.memory.underPressure());
            // tcp_cleanup_rbuf: the ACK input held back goes out when the data is read if it is the
            // once-per-two-segments ACK, or the read drained a pushed segment (not in interactive mode)
            if (rcv.ack.scheduled() && (rcv.queue.rcvNxt() - rcv.rcvWup > rcv.rcvMss
                    || rcv.ack.ackOnRead(n, rcv.queue.unread() == 0 && !rcv.queue.hasOutOfOrder()))) {
                out.sendAck(now, false);
            }
            // a read that lets the window double is worth telling the sender at once (tcp_cleanup_rbuf)
            if (state.synchronizedState() && state != TcpState.CLOSE_WAIT && rcv.windowOpenedByRead()) {
                out.sendAck(now, false);
            }
        }
        if (n == 0 && rcv.finReceived && rcv.queue.unread() == 0) {
            return -1;
        }
        return n;
    }

    /** What read(max) with MSG_PEEK returns: as a read, stepping over an urgent byte at the mark, consuming nothing. */
    public int peekable(int max) {
        int avail = rcv.queue.unread();
        if (urg == null) {
            return Math.min(max, avail);
        }
        if (urg.atMark(rcv.queue) && avail > 0) {
            return Math.min(max, avail - 1);
        }
        return Math.min(avail, urg.beforeMark(rcv.queue, max));
    }

    /**
     * SIOCINQ (tcp_inq): the bytes to read, but only up to the urgent byte while one is pending
     * in the queue (not SO_OOBINLINE), so 0 at the mark.
     */
    public int inq() {
        ReceiveQueue q = rcv.queue;
        if (urg == null || urg.state == UrgentData.NONE || Seq.lt(urg.seq, q.copiedSeq())
                || !Seq.lt(urg.seq, q.rcvNxt())) {
            return q.unread();
        }
        return urg.seq - q.copiedSeq();
    }

    /** SIOCATMARK: urgent data is pending and is the next byte (tcp_ioctl). */
    public boolean atUrgentMark() {
        return urg != null && urg.atMark(rcv.queue);
    }

    /** An urgent byte has arrived and is unread (tcp_poll's EPOLLPRI: urg_data & TCP_URG_VALID). */
    public boolean urgentValid() {
        return urg != null && urg.state == UrgentData.VALID;
    }

    /**
     * recv(MSG_OOB) into {@code len} bytes (tcp_recv_urg): null with the byte count in {@code out[0]},
     * or the errno name (EINVAL, ENOTCONN, EAGAIN).
     */
    public String recvUrgent(boolean peek, int len, int[] out) {
        return urg == null ? "EINVAL" : urg.recvOob(this, peek, len, out);
    }

    /** Bytes received and not yet read. */
    public int available() {
        return rcv.queue.unread();
    }

    /** The peer's FIN has arrived (read() returns end of stream once the queue is drained). */
    /** TCP_INQ is on: recvmsg() reports {@link #inqHint()} in a TCP_CM_INQ control message. */
    public boolean recvmsgInq() {
        return recvmsgInq;
    }

    /**
     * tcp_inq_hint: rcv_nxt - copied_seq (the unread bytes, and the FIN's sequence number once one
     * came), or 1 on a socket done with nothing left, so a reader goes on to see the end of stream.
     */
    public int inqHint() {
        int inq = rcv.queue.unread() + (rcv.finReceived ? 1 : 0);
        return inq == 0 && state == TcpState.CLOSED ? 1 : inq;
    }

    public boolean finReceived() {
        return rcv.finReceived;
    }

    /** shutdown(SHUT_WR) or close() was called: write() fails with EPIPE. */
    public boolean writeShutdown() {
        return writeShutdown;
    }

    /** The options as set now. */
    public SocketOptions options() {
        return options;
    }

    /** shutdown(SHUT_WR): send a FIN after the queued data; keep receiving. */
    public void shutdownWrite(long now) {
        TcpClose.shutdown(this, now);
    }

    /**
     * close(): unread data or SO_LINGER {on, 0} abort with a RST; otherwise a FIN follows the queued
     * data (__tcp_close). The socket becomes an orphan either way.
     */
    public void close(long now) {
        TcpClose.close(this, now);
    }

    void attach(SocketCallbacks cb) {
        this.callbacks = cb == null ? NO_CALLBACKS : cb;
    }

    /** Sets who hears this socket's events (after accept(), for instance). */
    public void attachCallbacks(SocketCallbacks cb) {
        attach(cb);
    }

    /** The window scale we offer on our SYN or SYN-ACK (tcp_select_initial_window). */
    int offeredWscale() {
        return stack.offeredWscale(options);
    }

    // ---- segments arriving ----

    void segmentArrived(TcpSegment seg, long now) {
        in.segmentArrived(seg, now);
    }

    /** The timewait sock that replaced this socket is gone (expired, reused or reset): CLOSED for the application. */
    void timeWaitEnded() {
        if (state == TcpState.TIME_WAIT || state == TcpState.FIN_WAIT2) {
            state = TcpState.CLOSED;
        }
    }

    /** Our FIN was acknowledged (tcp_rcv_state_process). */
    void finAcked(long now) {
        moveTo(TcpEvent.RCV_ACK_OF_FIN, "fin-acked", now);
    }

    /** After a segment: an orphan that stayed in FIN_WAIT2 is handed to the timewait table. */
    void settleFinWait2(long now) {
        if (finWait2Pending && state == TcpState.FIN_WAIT2) {
            finWait2Pending = false;
            TcpClose.finWait2(this, now);
        }
    }

    /** The FIN_WAIT2-substate sock that replaced this socket got the peer's FIN. */
    void timeWaitEntered() {
        if (state == TcpState.FIN_WAIT2) {
            state = TcpState.TIME_WAIT;
        }
    }

    // ---- timers ----

    /** Arms the one transmit timer for {@code kind} (inet_csk_reset_xmit_timer). */
    void armXmit(XmitTimer kind, long at) {
        snd.xmitTimer = kind;
        retransmitTimer.arm(at);
    }

    // ---- state changes ----

    /** Ends the connection with an error the application sees. */
    void fail(String errnoName, TcpEvent event, String cause, long now) {
        errno = errnoName;
        if (state == TcpState.SYN_RECV && listener != null) {
            listener.requestGone(synAckTimeouts == 0);
        }
        moveTo(event, cause, now);
    }

    /** Applies the transition function and what entering the new state means. */
    void moveTo(TcpEvent event, String cause, long now) {
        TcpState next = TcpTransitions.next(state, event);
        if (next == null) {
            return;
        }
        TcpState prev = state;
        state = next;
        stack.stateChanged(connId, this, prev, next, cause, now);
        if (prev.countsAsEstablished() && next == TcpState.CLOSED) {
            stack.count(MibCounter.TCP_ESTAB_RESETS);
        }
        switch (next) {
            case ESTABLISHED -> {
                tEstablished = now;
                rcv.initBufferSpace(now); // tcp_init_transfer -> tcp_init_buffer_space
                snd.expandSndbuf(); // tcp_init_buffer_space: tcp_sndbuf_expand unless SO_SNDBUF was set
                snd.cwndStampNs = now; // tcp_init_transfer: cwnd starts its validation period
                snd.sndWl2 = snd.sndUna;
                rcv.ack.established(now);
                if (keepalive != null) {
                    keepalive.start(now);
                }
            }
            case FIN_WAIT2 -> {
                // an orphan becomes a FIN_WAIT2 timewait sock once the segment that got it here is fully
                // processed: if that segment also carries the peer's FIN, it goes to TIME_WAIT instead
                // (tcp_rcv_state_process FIN_WAIT1: "we could lose such FIN otherwise")
                finWait2Pending = orphan;
            }
            case TIME_WAIT -> {
                chargeMemory(now);
                // tcp_time_wait -> tcp_done: a timewait sock (or nothing) replaces this socket
                TcpClose.detachTimers(this);
                tEnd = now;
                if (!stack.enterTimeWait(this, now)) {
                    moveTo(TcpEvent.TIMER_EXPIRED, "tw-bucket-overflow", now); // tcp_time_wait: tcp_done at once
                    return;
                }
                TcpClose.releaseCongestion(this); // a timewait sock replaced this one
                if (!orphan) {
                    callbacks.closed(this, null, now);
                }
            }
            case CLOSE_WAIT -> callbacks.readable(this, now);
            case CLOSED -> TcpClose.done(this, prev, now);
            default -> { }
        }
    }

    /** tcpi_busy_time at {@code now}, microseconds: data unacknowledged or unsent, limited times included (tcp_chrono). */
    public long busyTimeUs(long now) {
        return snd.chrono.usecs(Chrono.BUSY, now) + rwndLimitedUs(now) + sndbufLimitedUs(now);
    }

    /** tcpi_rwnd_limited at {@code now}, microseconds: the peer's receive window held data back. */
    public long rwndLimitedUs(long now) {
        return snd.chrono.usecs(Chrono.RWND_LIMITED, now);
    }

    /** tcpi_sndbuf_limited at {@code now}, microseconds: the writer waited for send buffer with all of it sent. */
    public long sndbufLimitedUs(long now) {
        return snd.chrono.usecs(Chrono.SNDBUF_LIMITED, now);
    }

    /** tcp_poll's EPOLLOUT; when not writeable, the socket remembers someone waits (SOCK_NOSPACE). */
    public boolean pollWritable() {
        return StreamSpace.pollWritable(this);
    }

    /**
     * Charges what the queues hold now to the host's tcp_mem (sk_mem_charge / sk_mem_uncharge): the
     * send queues at their truesize (sk_wmem_queued), the receive queues by their payload.
     */
    void chargeMemory(long now) {
        boolean gone = state == TcpState.CLOSED || state == TcpState.TIME_WAIT;
        stack.memory.recharge(this, gone ? 0 : snd.wmemQueued() + rcv.queue.unread() + rcv.queue.outOfOrderBytes(),
                now);
    }

    /** The TCP timestamp clock: milliseconds plus this connection's offset (tcp_time_stamp_ts + ts_offset). */
    int tsNow(long now) {
        return stack.tsClock(now) + tsOffset;
    }

    /**
     * The first time (ns) whose timestamp clock reads after {@code ts}: an skb last sent then or later
     * carries a TSval the echo {@code ts} is before (tcp_tsopt_ecr_before(tp, tcp_skb_timestamp_ts)),
     * asked once per ACK instead of a clock reading per skb; Long.MAX_VALUE when the clock does not
     * read after ts even now.
     */
    long sentAfterTsNs(int ts, long now) {
        int ago = tsNow(now) - ts; // ms the echoed value is behind the clock (u32 arithmetic, as before())
        return ago <= 0 ? Long.MAX_VALUE : stack.tsClockAfterNs(now, ago);
    }

    long now() {
        return stack.now();
    }

    @Override
    public String toString() {
        return "conn " + connId + " :" + localPort + "->" + remotePort + " " + state;
    }
}
