package org.tcpsim.tcp;

import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * A SYN meeting a listener (net/ipv4/tcp_input.c: tcp_conn_request, tcp_syn_flood_action) and an
 * ACK that may carry a SYN cookie (net/ipv4/syncookies.c: cookie_v4_check): the request-queue
 * limit and syncookies, the accept-queue check that drops SYNs even when cookies are on, the last
 * quarter of tcp_max_syn_backlog kept for proven peers, and on 4.9 with tcp_tw_recycle the
 * per-peer PAWS check.
 */
final class TcpConnRequest {
    /** TCP_SYNCOOKIE_VALID: an ACK is checked as a cookie only within 2 minutes of an overflow. */
    static final long SYNCOOKIE_VALID_NS = 120_000_000_000L;
    /** The cookie counter ticks every 60 s and a cookie is good for the current and previous tick. */
    static final long COOKIE_TICK_NS = 60_000_000_000L;
    /** msstab of syncookies.c. */
    static final int[] MSS_TABLE = {536, 1300, 1440, 1460};

    private final TcpStack stack;
    private final long secret;

    TcpConnRequest(TcpStack stack, long secret) {
        this.stack = stack;
        this.secret = secret ^ 0x5ca1ab1e5eedL;
    }

    /** tcp_conn_request. {@code twIsn} != 0 for a SYN handed over by a TIME_WAIT socket (tcp_tw_isn). */
    void synArrived(TcpListener l, TcpSegment syn, long now, int twIsn) {
        TcpSettings st = stack.settings;
        boolean wantCookie = false;
        if (twIsn == 0 && (st.syncookies == 2 || requestQueueFull(l))) {
            wantCookie = st.syncookies != 0; // tcp_syn_flood_action
            stack.count(wantCookie ? MibCounter.TCP_REQ_Q_FULL_DO_COOKIES : MibCounter.TCP_REQ_Q_FULL_DROP);
            if (!wantCookie) {
                stack.count(MibCounter.LISTEN_DROPS);
                return;
            }
        }
        if (l.acceptQueueFull()) {
            // sk_acceptq_is_full: the SYN is dropped even when a cookie could have been sent
            stack.count(MibCounter.LISTEN_OVERFLOWS);
            stack.count(MibCounter.LISTEN_DROPS);
            return;
        }
        if (!wantCookie && twIsn == 0) {
            if (st.twRecycle) {
                if (stack.peerTimestamps().rejects(syn.src, syn.hasTimestamps, syn.tsVal, now)) {
                    stack.count(MibCounter.PAWS_PASSIVE);
                    stack.count(MibCounter.LISTEN_DROPS);
                    return;
                }
            } else if (st.syncookies == 0 && st.maxSynBacklog - l.synQueueLength < (st.maxSynBacklog >> 2)
                    && !stack.peerProven(syn.src)) {
                stack.count(MibCounter.LISTEN_DROPS); // the last quarter is kept for proven peers
                return;
            }
        }
        if (wantCookie) {
            sendCookie(l, syn, now);
            return;
        }
        TcpSocket child = new TcpSocket(stack, stack.nextConnId(), syn.dstPort, syn.src, syn.srcPort, l.options(), null);
        stack.register(child);
        l.requestAdded();
        TcpHandshake.passiveOpen(child, l, syn, now, twIsn);
    }

    /** inet_csk_reqsk_queue_is_full: qlen > sk_max_ack_backlog on 6.x (4.9 used >=). */
    private boolean requestQueueFull(TcpListener l) {
        return stack.kernel == KernelVersion.V4_9 ? l.synQueueLength >= l.backlog()
                : l.synQueueLength > l.backlog();
    }

    /** A SYN-ACK whose ISN is the cookie; no request is kept (cookie_init_sequence). */
    private void sendCookie(TcpListener l, TcpSegment syn, long now) {
        l.lastOverflowNs = now;
        stack.count(MibCounter.SYNCOOKIES_SENT);
        int mssIndex = 0;
        // tcp_conn_request parses the SYN with the listener's user_mss: req->mss = min(peer's, TCP_MAXSEG)
        int peerMss = l.options().clampMss(syn.mssOption > 0 ? syn.mssOption : TcpSocket.DEFAULT_MSS);
        for (int i = MSS_TABLE.length - 1; i >= 0; i--) {
            if (MSS_TABLE[i] <= peerMss) {
                mssIndex = i;
                break;
            }
        }
        TcpSettings st = stack.settings;
        TcpSegment s = new TcpSegment();
        s.dst = syn.src;
        s.srcPort = syn.dstPort;
        s.dstPort = syn.srcPort;
        s.seq = cookie(syn.src, syn.srcPort, syn.dstPort, syn.seq, now / COOKIE_TICK_NS, mssIndex);
        s.ack = syn.seq + 1;
        s.flags = TcpSegment.SYN | TcpSegment.ACK;
        s.tos = l.options().ipTos(); // tcp_v4_send_synack: the listener's inet->tos and DF (ip_build_and_send_pkt)
        s.dontFragment = l.options().dontFragment();
        s.mssOption = l.advmss(syn.src);
        s.window = Math.min(65535, (int) (st.rmem[1] * TcpReceiver.DEFAULT_SCALING_RATIO >> TcpReceiver.RMEM_TO_WIN_SCALE));
        if (st.timestamps && syn.hasTimestamps) {
            // cookie_init_timestamp: the options a cookie cannot hold ride in the low bits of TSval
            int wscale = st.windowScaling && syn.windowScaleOption >= 0 ? Math.min(14, syn.windowScaleOption) : 15;
            int sack = st.sack && syn.sackPermitted ? 1 : 0;
            s.hasTimestamps = true;
            int clock = stack.tsClock(now);
            int ts = (clock & ~0x3f) | (sack << 4) | (wscale & 0xf);
            if (ts - clock > 0) {
                ts -= 1 << 6; // never ahead of the clock, or the peer's PAWS would reject what follows
            }
            s.tsVal = ts;
            s.tsEcr = syn.tsVal;
            s.sackPermitted = sack == 1;
            if (wscale != 15) {
                s.windowScaleOption = l.offeredWscale();
            }
        }
        stack.transmit(s, now, true);
    }

    /**
     * An ACK for a listener with no request (cookie_v4_check): a valid cookie within two minutes
     * of an overflow creates the connection (SyncookiesRecv); otherwise false, and the caller
     * answers with a RST as for a stray ACK (SyncookiesFailed counts bad cookies).
     */
    boolean cookieAck(TcpListener l, TcpSegment ack, long now) {
        if (stack.settings.syncookies == 0 || l.lastOverflowNs < 0 || now - l.lastOverflowNs > SYNCOOKIE_VALID_NS) {
            return false;
        }
        int isn = ack.ack - 1;
        int irs = ack.seq - 1;
        long tick = now / COOKIE_TICK_NS;
        int mssIndex = -1;
        for (long t = tick; t >= tick - 1 && mssIndex < 0; t--) {
            for (int i = 0; i < MSS_TABLE.length; i++) {
                if (cookie(ack.src, ack.srcPort, ack.dstPort, irs, t, i) == isn) {
                    mssIndex = i;
                    break;
                }
            }
        }
        if (mssIndex < 0) {
            stack.count(MibCounter.SYNCOOKIES_FAILED);
            return false;
        }
        stack.count(MibCounter.SYNCOOKIES_RECV);
        if (l.acceptQueueFull()) {
            stack.count(MibCounter.LISTEN_OVERFLOWS); // tcp_v4_syn_recv_sock: no room for the child
            stack.count(MibCounter.LISTEN_DROPS);
            return true;
        }
        TcpSocket child = new TcpSocket(stack, stack.nextConnId(), ack.dstPort, ack.src, ack.srcPort, l.options(), null);
        stack.register(child);
        TcpHandshake.cookieOpen(child, l, ack, isn, MSS_TABLE[mssIndex], now);
        return true;
    }

    private int cookie(int peer, int peerPort, int localPort, int peerIsn, long tick, int mssIndex) {
        long h = secret ^ ((long) peer << 32) ^ ((long) peerPort << 16) ^ localPort;
        h = SecureSeq.mix(h ^ SecureSeq.mix(tick ^ ((long) peerIsn << 20)));
        return ((int) h & ~3) | mssIndex;
    }
}
