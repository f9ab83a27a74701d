package org.tcpsim.tcp;

import org.tcpsim.kernel.MibCounter;

/**
 * Opening a connection: the active open (tcp_connect), a request born of a listener's SYN
 * (tcp_openreq_init, tcp_create_openreq_child), a socket rebuilt from a SYN cookie
 * (cookie_v4_check), the options both SYNs agree on (tcp_parse_options), and building the SYN and
 * SYN-ACK with their options (tcp_connect's tcp_syn_options, tcp_make_synack). Static methods on the
 * socket: they run once per connection and keep no state of their own, so no object per socket.
 */
final class TcpHandshake {
    private TcpHandshake() {
    }

    /** The ISN (secure_tcp_seq, or a TIME_WAIT takeover's) and timestamp offset; snd_una..write_seq at the SYN. */
    private static void initSequence(TcpSocket sk, long now, int isnOverride) {
        sk.iss = isnOverride != 0 ? isnOverride
                : SecureSeq.tcpSeq(sk.stack, sk.localPort(), sk.remoteAddress(), sk.remotePort(), now);
        sk.tsOffset = SecureSeq.tsOff(sk.stack, sk.localPort(), sk.remoteAddress(), sk.remotePort());
        sk.snd.sndUna = sk.iss;
        sk.snd.sndNxt = sk.iss + 1;
        sk.snd.writeSeq = sk.iss + 1;
        sk.snd.pushedSeq = sk.snd.writeSeq; // tcp_connect, tcp_create_openreq_child
    }

    static void connect(TcpSocket sk, long now, int isnOverride) {
        initSequence(sk, now, isnOverride);
        sk.stack.count(MibCounter.TCP_ACTIVE_OPENS);
        sk.moveTo(TcpEvent.APP_CONNECT, "connect", now);
        sk.synSentNs = now;
        sendSyn(sk, now, false);
        sk.armXmit(XmitTimer.RETRANS, now + sk.snd.rtt.rtoUs() * 1000);
    }

    static void passiveOpen(TcpSocket sk, TcpListener l, TcpSegment syn, long now, int isnOverride) {
        sk.listener = l;
        initSequence(sk, now, isnOverride);
        acceptSynOptions(sk, syn, now);
        sk.state = TcpState.LISTEN; // a request is born of the listener (a child of LISTEN)
        sk.moveTo(TcpEvent.RCV_SYN, "syn", now);
        sendSyn(sk, now, true);
        sk.armXmit(XmitTimer.RETRANS, now + RttEstimator.TIMEOUT_INIT_US * 1000);
    }

    /**
     * A connection rebuilt from a valid SYN cookie (cookie_v4_check -> tcp_get_cookie_sock): the MSS
     * from the cookie, and window scale and SACK from the echoed timestamp when timestamps were on.
     */
    static void cookieOpen(TcpSocket sk, TcpListener l, TcpSegment ack, int isn, int mss, long now) {
        sk.listener = l;
        sk.iss = isn;
        sk.tsOffset = 0; // the cookie's SYN-ACK used the bare clock
        sk.snd.sndUna = ack.ack;
        sk.snd.sndNxt = ack.ack;
        sk.snd.writeSeq = ack.ack;
        sk.snd.pushedSeq = sk.snd.writeSeq;
        sk.timestamps = ack.hasTimestamps;
        int wscale = sk.timestamps ? ack.tsEcr & 0xf : 15;
        sk.wscaleOk = wscale != 15;
        sk.snd.sndWscale = sk.wscaleOk ? wscale : 0;
        sk.rcv.wscale = sk.wscaleOk ? sk.offeredWscale() : 0;
        sk.snd.sack = sk.timestamps && (ack.tsEcr & 0x10) != 0;
        if (sk.timestamps) {
            sk.tsRecent = ack.tsVal;
            sk.tsRecentStampMs = Math.max(1, sk.stack.tsClock(now));
        }
        sk.snd.setMssClamp(Math.min(mss, sk.advmss) - (sk.timestamps ? TcpSocket.TIMESTAMP_OPTION_BYTES : 0));
        sk.snd.setWindow(ack.window << sk.snd.sndWscale);
        sk.snd.sndWl1 = ack.seq;
        sk.snd.sndWl2 = ack.ack;
        receiverOptions(sk);
        sk.rcv.init(ack.seq, sk.snd.mss, now);
        sk.rcv.initialWindow(sk.snd.mss, sk.rcv.wscale);
        sk.snd.cc.init(sk.snd);
        sk.state = TcpState.SYN_RECV;
        sk.moveTo(TcpEvent.RCV_ACK_OF_SYN, "syncookie", now);
        sk.stack.count(MibCounter.TCP_PASSIVE_OPENS);
        l.enqueue(sk, now);
        sk.in.segmentArrived(ack, now); // any data the ACK carries
    }

    /** Negotiates options from the peer's SYN or SYN-ACK (tcp_parse_options, tcp_openreq_init, tcp_mss_to_mtu). */
    static void acceptSynOptions(TcpSocket sk, TcpSegment syn, long now) {
        TcpSettings s = sk.stack.settings;
        sk.wscaleOk = s.windowScaling && syn.windowScaleOption >= 0;
        sk.snd.sndWscale = sk.wscaleOk ? Math.min(14, syn.windowScaleOption) : 0;
        sk.rcv.wscale = sk.wscaleOk ? sk.offeredWscale() : 0;
        sk.snd.sack = s.sack && syn.sackPermitted;
        sk.timestamps = s.timestamps && syn.hasTimestamps;
        if (sk.timestamps) {
            sk.tsRecent = syn.tsVal;
            sk.tsRecentStampMs = Math.max(1, sk.stack.tsClock(now));
        }
        int peerMss = syn.mssOption > 0 ? syn.mssOption : TcpSocket.DEFAULT_MSS;
        sk.snd.setMssClamp(Math.min(peerMss, sk.advmss) - (sk.timestamps ? TcpSocket.TIMESTAMP_OPTION_BYTES : 0));
        sk.snd.setWindow(syn.window); // a SYN's window is never scaled
        sk.snd.sndWl1 = syn.seq;
        receiverOptions(sk);
        sk.rcv.init(syn.seq + 1, sk.snd.mss, now);
        sk.snd.expandSndbuf();
    }

    /**
     * What the agreed options mean for the receive side: tp->advmss loses the timestamp option
     * (tcp_rcv_synsent_state_process, tcp_openreq_init), the peer's segments carry it (their
     * truesize), and without window scaling nothing above 65535 can be offered.
     */
    private static void receiverOptions(TcpSocket sk) {
        sk.rcv.advmss = sk.advmss - (sk.timestamps ? TcpSocket.TIMESTAMP_OPTION_BYTES : 0);
        sk.rcv.tcpHeaderLen = TcpSegment.HEADER_BYTES + (sk.timestamps ? TcpSocket.TIMESTAMP_OPTION_BYTES : 0);
        if (!sk.wscaleOk) {
            sk.rcv.noWindowScaling();
        }
    }

    /** SYN (active) or SYN-ACK (passive) with MSS, SACK-permitted, timestamps and window scale (tcp_syn_options). */
    static void sendSyn(TcpSocket sk, long now, boolean synAck) {
        sendSyn(sk, now, synAck, false);
    }

    /**
     * @param retransmittedSyn a SYN resent by connect()'s timer: not counted in OutSegs, since
     *                         tcp_connect advanced snd_nxt past it (SYN-ACK resends do count, tcp_make_synack)
     */
    static void sendSyn(TcpSocket sk, long now, boolean synAck, boolean retransmittedSyn) {
        TcpSettings st = sk.stack.settings;
        TcpSegment s = sk.out.segment(sk.iss, TcpSegment.SYN | (synAck ? TcpSegment.ACK : 0), now);
        s.mssOption = sk.advmss;
        boolean offerTs = synAck ? sk.timestamps : st.timestamps;
        s.hasTimestamps = offerTs;
        if (offerTs) {
            s.tsVal = sk.tsNow(now);
            s.tsEcr = synAck ? sk.tsRecent : 0;
        }
        s.sackPermitted = synAck ? sk.snd.sack : st.sack;
        boolean offerWs = synAck ? sk.wscaleOk : st.windowScaling;
        if (offerWs) {
            s.windowScaleOption = sk.offeredWscale();
        }
        // tcp_connect_init rounds to advmss (no timestamp known yet); tcp_openreq_init_rwin to the
        // MSS less the timestamp option when it was agreed
        int mssForWindow = synAck ? sk.advmss - (offerTs ? TcpSocket.TIMESTAMP_OPTION_BYTES : 0) : sk.advmss;
        s.window = sk.rcv.initialWindow(mssForWindow, offerWs ? (synAck ? sk.rcv.wscale : sk.offeredWscale()) : 0);
        if (synAck) {
            sk.rcv.rcvWup = sk.rcv.queue.rcvNxt();
        }
        if (synAck) {
            sk.stack.transmit(s, now, true); // tcp_v4_send_synack: ip_build_and_send_pkt, not __tcp_transmit_skb
        } else {
            sk.out.xmit(s, now, !retransmittedSyn);
        }
    }
}
