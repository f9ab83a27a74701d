package org.tcpsim.tcp;

import org.tcpsim.kernel.MibCounter;
import org.tcpsim.api.congestion.CaEvent;
import org.tcpsim.api.congestion.CaState;

/**
 * Building and sending a connection's segments (net/ipv4/tcp_output.c): SYN and SYN-ACK with
 * their options, data under cwnd and the peer's window with Minshall's Nagle, retransmissions of
 * segments marked lost, the FIN, pure ACKs and RSTs.
 */
final class TcpOutput {
    private final TcpSocket sk;
    /** End of the last sub-MSS segment sent (snd_sml), for Minshall's Nagle test. */
    private int sndSml;

    TcpOutput(TcpSocket sk) {
        this.sk = sk;
    }

    /** A segment with the header fields every segment of this connection carries. */
    private TcpSegment segment(int seq, int flags, long now) {
        TcpSegment s = new TcpSegment();
        s.dst = sk.remoteAddress();
        s.srcPort = sk.localPort();
        s.dstPort = sk.remotePort();
        s.seq = seq;
        s.flags = flags;
        if ((flags & TcpSegment.ACK) != 0) {
            s.ack = sk.rcv.queue.rcvNxt();
        }
        if (sk.timestamps) {
            s.hasTimestamps = true;
            s.tsVal = sk.tsNow(now);
            s.tsEcr = sk.tsRecent;
        }
        return s;
    }

    /** SYN (active) or SYN-ACK (passive) with MSS, SACK-permitted, timestamps and window scale (tcp_syn_options). */
    void sendSyn(long now, boolean synAck) {
        sendSyn(now, synAck, false);
    }

    /**
     * @param retransmittedSyn a SYN resent by connect()'s timer: not counted in OutSegs, since
     *                         tcp_connect advanced snd_nxt past it (SYN-ACK resends do count, tcp_make_synack)
     */
    void sendSyn(long now, boolean synAck, boolean retransmittedSyn) {
        TcpSettings st = sk.stack.settings;
        TcpSegment s = segment(sk.iss, TcpSegment.SYN | (synAck ? TcpSegment.ACK : 0), now);
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
        int mssForWindow = sk.advmss - (offerTs ? TcpSocket.TIMESTAMP_OPTION_BYTES : 0);
        s.window = sk.rcv.initialWindow(mssForWindow);
        if (synAck) {
            sk.rcv.rcvWup = sk.rcv.queue.rcvNxt();
        }
        sk.stack.transmit(s, now, !retransmittedSyn);
    }

    /** A pure ACK (tcp_send_ack); {@code delayed} when the delayed-ACK timer sent it. */
    void sendAck(long now, boolean delayed) {
        if (sk.state == TcpState.CLOSED || sk.state == TcpState.SYN_SENT) {
            return;
        }
        if (delayed) {
            sk.stack.count(MibCounter.DELAYED_ACKS);
        }
        TcpSegment s = segment(sk.snd.sndNxt, TcpSegment.ACK, now);
        finish(s, now);
        sk.stack.transmit(s, now, true);
    }

    /** A RST for an abort (tcp_send_active_reset). */
    void sendReset(long now) {
        TcpSegment s = segment(sk.snd.sndNxt, TcpSegment.RST | TcpSegment.ACK, now);
        s.window = 0;
        sk.stack.count(MibCounter.TCP_OUT_RSTS);
        sk.stack.transmit(s, now, true);
    }

    /** Window, SACK blocks; and an ACK going out makes a pending delayed ACK unnecessary. */
    private void finish(TcpSegment s, long now) {
        s.window = sk.rcv.selectWindow(sk.stack.memory.underPressure());
        int maxBlocks = sk.timestamps ? 3 : ReceiveQueue.MAX_SACK_BLOCKS;
        if (sk.rcv.dsackPending) {
            // tcp_established_options: the D-SACK block first, then the SACK blocks; sent once
            int[] sacks = sk.rcv.queue.sackBlocks(maxBlocks - 1);
            int n = sacks == null ? 0 : sacks.length;
            s.sackBlocks = new int[2 + n];
            s.sackBlocks[0] = sk.rcv.dsackStart;
            s.sackBlocks[1] = sk.rcv.dsackEnd;
            if (n > 0) {
                System.arraycopy(sacks, 0, s.sackBlocks, 2, n);
            }
            sk.rcv.dsackPending = false;
        } else if (sk.snd.sack && sk.rcv.queue.hasOutOfOrder()) {
            s.sackBlocks = sk.rcv.queue.sackBlocks(maxBlocks);
        }
        sk.delackTimer.cancel();
        int compressed = sk.rcv.ack.takeCompressed();
        if (compressed > 0) {
            sk.stack.add(MibCounter.TCP_ACK_COMPRESSED, compressed);
            sk.cancelCompressedAck();
        }
        sk.rcv.ack.segmentSent(now, s.dataLength > 0);
    }

    /**
     * tcp_send_delayed_ack: the ACK waits ato (bounded as {@link DelayedAck#delay} says), or
     * goes now if the timer already armed is due within a quarter of that; an earlier deadline stands.
     */
    void sendDelayedAck(long now) {
        long ato = sk.rcv.ack.delay(sk.snd.rtt.hasSample() ? sk.snd.rtt.srttUs() * 1000 : 0);
        long timeout = now + ato;
        if (sk.delackTimer.isArmed()) {
            long due = sk.delackTimer.deadline();
            if (due <= now + (ato >> 2)) {
                sendAck(now, false);
                return;
            }
            timeout = Math.min(timeout, due);
        }
        sk.delackTimer.arm(timeout);
    }

    /**
     * Sends what cwnd, the peer's window and Nagle allow: lost segments first, then new data, then
     * the FIN (tcp_write_xmit, tcp_xmit_retransmit_queue).
     */
    void push(long now) {
        TcpState st = sk.state;
        if (st != TcpState.ESTABLISHED && st != TcpState.CLOSE_WAIT && st != TcpState.FIN_WAIT1
                && st != TcpState.CLOSING && st != TcpState.LAST_ACK) {
            return;
        }
        TcpSender snd = sk.snd;
        boolean sentAny = false;
        boolean sentNew = false;
        boolean retransmittedHead = false;
        int priorPacketsOut = snd.rtx.packetsOut;
        boolean newFirst = snd.rexmitNew; // F-RTO step 2.b (tcp_xmit_recovery with REXMIT_NEW)
        snd.rexmitNew = false;
        boolean sendHead = snd.writeSeq != snd.sndNxt || (snd.finQueued && !snd.finSent);
        while (true) {
            if (snd.rtx.inFlight() >= snd.cwnd) {
                break;
            }
            int lost = newFirst ? -1 : snd.rtx.nextLost();
            if (lost >= 0) {
                retransmit(lost, now);
                sentAny = true;
                retransmittedHead |= lost == 0;
                continue;
            }
            int unsent = snd.writeSeq - snd.sndNxt;
            if (unsent <= 0) {
                if (snd.finQueued && !snd.finSent) {
                    sendNew(0, true, now);
                    sentAny = true;
                    sentNew = true;
                }
                break;
            }
            int window = snd.sndUna + snd.sndWnd - snd.sndNxt;
            if (window <= 0) {
                snd.probe0.arm(now);
                break;
            }
            int len = Math.min(snd.mss, Math.min(unsent, window));
            if (len < snd.mss && len < unsent) {
                snd.probe0.arm(now); // the window allows only part of a segment: wait for it to open (tcp_snd_wnd_test)
                break;
            }
            if (len < snd.mss && !sk.options.noDelay() && nagleHolds()) {
                break;
            }
            boolean fin = snd.finQueued && len == unsent;
            sendNew(len, fin, now);
            sentAny = true;
            sentNew = true;
        }
        // end of tcp_write_xmit (run only with something in the write queue)
        boolean cwndLimited = snd.rtx.inFlight() >= snd.cwnd;
        if ((sendHead || sentNew) && (sentNew || cwndLimited)) {
            snd.cwndValidate(cwndLimited);
        }
        if (newFirst && !Seq.gt(snd.sndNxt, snd.highSeq)) {
            snd.frto = false; // no new data could go: conventional recovery
            push(now);
            return;
        }
        if (retransmittedHead && snd.xmitTimer != XmitTimer.REO_TIMEOUT) {
            sk.armXmit(XmitTimer.RETRANS, now + snd.rtt.rtoUs() * 1000); // tcp_xmit_retransmit_queue
        } else if (sentAny && !sk.retransmitTimer.isArmed() && !snd.rtx.isEmpty()) {
            sk.armXmit(XmitTimer.RETRANS, now + snd.rtt.rtoUs() * 1000);
        }
        if (sentNew) {
            if (priorPacketsOut > 0 && snd.xmitTimer == XmitTimer.LOSS_PROBE) {
                sk.acks.rearmRto(now); // tcp_event_new_data_sent
            }
            sk.acks.scheduleLossProbe(now, false); // end of tcp_write_xmit: one probe per tail
        }
    }

    /**
     * Sending after a pause with nothing in flight (tcp_event_data_sent): tell the congestion module
     * (CA_EVENT_TX_START), and with tcp_slow_start_after_idle halve cwnd for every RTO of idleness,
     * down to the initial window (tcp_cwnd_restart).
     */
    private void idleRestart(long now) {
        TcpSender snd = sk.snd;
        if (snd.lastSendNs == 0) {
            return; // the first data of the connection
        }
        long rtoNs = snd.rtt.rtoUs() * 1000;
        long idle = now - snd.lastSendNs;
        if (sk.stack.settings.slowStartAfterIdle && idle > rtoNs && !snd.ccControls) {
            // tcp_slow_start_after_idle_check -> tcp_cwnd_restart (not for a module with .cong_control)
            snd.cc.cwndEvent(snd, CaEvent.CWND_RESTART);
            if (snd.caState != CaState.CWR && snd.caState != CaState.RECOVERY) {
                snd.ssthresh = Math.max(snd.ssthresh, (snd.cwnd >> 1) + (snd.cwnd >> 2)); // tcp_current_ssthresh
            }
            int restart = Math.min(snd.cwnd, TcpSender.INIT_CWND);
            int cwnd = snd.cwnd;
            for (long delta = idle - rtoNs; delta > 0 && cwnd > restart; delta -= rtoNs) {
                cwnd >>= 1;
            }
            snd.cwnd = Math.max(cwnd, restart);
        }
        snd.cc.cwndEvent(snd, CaEvent.TX_START); // tcp_event_data_sent
    }

    /** Minshall's Nagle (tcp_nagle_check / tcp_minshall_check): hold a small segment while another is unacknowledged. */
    private boolean nagleHolds() {
        TcpSender snd = sk.snd;
        return snd.rtx.packetsOut > 0 && Seq.gt(sndSml, snd.sndUna) && Seq.le(sndSml, snd.sndNxt);
    }

    private void sendNew(int len, boolean fin, long now) {
        TcpSender snd = sk.snd;
        if (len > 0 && snd.rtx.packetsOut == 0) {
            idleRestart(now);
        }
        int flags = TcpSegment.ACK | (fin ? TcpSegment.FIN : 0);
        if (len > 0 && snd.sndNxt + len == snd.writeSeq) {
            flags |= TcpSegment.PSH;
        }
        TcpSegment s = segment(snd.sndNxt, flags, now);
        s.dataLength = len;
        finish(s, now);
        int end = snd.sndNxt + len + (fin ? 1 : 0);
        if (fin) {
            snd.finSent = true;
            snd.finSeq = snd.sndNxt + len;
        }
        if (len > 0 && len < snd.mss) {
            sndSml = snd.sndNxt + len;
        }
        snd.rtx.add(snd.sndNxt, end, now);
        snd.sndNxt = end;
        if (len > 0) {
            snd.lastSendNs = now; // lsndtime (tcp_event_data_sent; retransmissions set it too)
            snd.probe0.windowOpened();
        }
        if (snd.caState == CaState.RECOVERY) {
            snd.prrOut++;
        }
        if (len > 0) {
            sk.stack.count(MibCounter.TCP_ORIG_DATA_SENT);
        }
        sk.stack.transmit(s, now, true);
    }

    /** Retransmits scoreboard entry k (tcp_retransmit_skb). */
    void retransmit(int k, long now) {
        TcpSender snd = sk.snd;
        TcpSegment s = retransmission(k, now);
        if (snd.retransStampNs == 0) {
            snd.retransStampNs = Math.max(1, now); // tcp_retransmit_skb: "stamp of the first (attempted) retransmit"
        }
        snd.rtx.retransmitted(k, now);
        snd.totalRetrans++;
        snd.undo.retransmitted();
        sk.stack.count(MibCounter.TCP_RETRANS_SEGS);
        if (snd.caState == CaState.LOSS) {
            sk.stack.count(MibCounter.TCP_SLOW_START_RETRANS);
        } else {
            sk.stack.count(MibCounter.TCP_FAST_RETRANS);
        }
        if (snd.caState == CaState.RECOVERY) {
            snd.prrOut++;
        }
        sk.stack.transmit(s, now, false);
    }

    /**
     * The new-data branch of tcp_send_loss_probe: one segment (or the pending FIN) past cwnd if
     * the peer's window takes it (tcp_write_xmit with push_one = 2); false if none could go.
     */
    boolean sendProbeOfNewData(long now) {
        TcpSender snd = sk.snd;
        int unsent = snd.writeSeq - snd.sndNxt;
        if (unsent <= 0) {
            if (snd.finQueued && !snd.finSent) {
                sendNew(0, true, now);
                return true;
            }
            return false;
        }
        int len = Math.min(snd.mss, unsent);
        if (Seq.gt(snd.sndNxt + len, snd.sndUna + snd.sndWnd)) {
            return false; // tcp_snd_wnd_test
        }
        sendNew(len, snd.finQueued && len == unsent, now);
        return true;
    }

    /**
     * The retransmit branch of tcp_send_loss_probe: entry k (the last) again through
     * __tcp_retransmit_skb, which counts RetransSegs but neither TCPFastRetrans nor retrans_out.
     */
    void resendAsProbe(int k, long now) {
        TcpSender snd = sk.snd;
        TcpSegment s = retransmission(k, now);
        snd.rtx.probed(k, now);
        snd.totalRetrans++;
        sk.stack.count(MibCounter.TCP_RETRANS_SEGS);
        sk.stack.transmit(s, now, false);
    }

    /** Entry k of the scoreboard as a segment again, with the FIN if it carried one. */
    private TcpSegment retransmission(int k, long now) {
        TcpSender snd = sk.snd;
        int start = snd.rtx.start(k);
        int end = snd.rtx.end(k);
        boolean fin = snd.finSent && end == snd.finSeq + 1;
        TcpSegment s = segment(start, TcpSegment.ACK | (fin ? TcpSegment.FIN : 0), now);
        s.dataLength = end - start - (fin ? 1 : 0);
        finish(s, now); // after dataLength: a segment with data may make the connection interactive
        if (s.dataLength > 0) {
            snd.lastSendNs = now; // __tcp_transmit_skb -> tcp_event_data_sent: lsndtime, retransmissions too
        }
        return s;
    }

    /** A zero-window probe: an ACK one byte below snd_una, which the peer must answer with its window (tcp_xmit_probe_skb). */
    void sendWindowProbe(long now) {
        TcpSegment s = segment(sk.snd.sndUna - 1, TcpSegment.ACK, now);
        finish(s, now);
        sk.stack.transmit(s, now, true);
    }
}
