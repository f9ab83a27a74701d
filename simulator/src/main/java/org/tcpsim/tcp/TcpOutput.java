package org.tcpsim.tcp;

import org.tcpsim.kernel.MibCounter;
import org.tcpsim.api.congestion.CaEvent;
import org.tcpsim.api.congestion.CaState;
import org.tcpsim.api.congestion.Jiffies;

/**
 * Building and sending a connection's segments (net/ipv4/tcp_output.c): data under cwnd and the
 * peer's window with Minshall's Nagle, retransmissions of segments marked lost, the FIN, pure ACKs
 * and RSTs. The SYN and SYN-ACK are {@link TcpHandshake#sendSyn}'s; how big a TSO packet is and
 * whether it waits are {@link TcpTso}'s.
 */
final class TcpOutput {
    /** What became of a packet TCP tried to send. */
    enum Xmit {
        SENT,
        /** Nothing was tried: the window (or nothing to send) held it back. */
        HELD,
        /** The host's qdisc dropped it (__tcp_transmit_skb returned NET_XMIT_DROP): not sent. */
        DROPPED
    }

    /** TCP_RESOURCE_PROBE_INTERVAL (HZ / 2): the retry after the host's qdisc dropped a packet. */
    static final long RESOURCE_PROBE_INTERVAL_NS = 500_000_000L;

    private final TcpSocket sk;
    /** Retransmissions of the rtx queue's skbs (tcp_retransmit_skb). */
    final TcpRetransmit retransmit;
    /** A retransmission failed in the last {@link #push} (tcp_retransmit_skb returned an error). */
    boolean retransmitFailed;
    /** End of the last sub-MSS segment sent (snd_sml), for Minshall's Nagle test. */
    private int sndSml;

    TcpOutput(TcpSocket sk) {
        this.sk = sk;
        this.retransmit = new TcpRetransmit(sk, this);
    }

    /**
     * The end of __tcp_transmit_skb: the host's IP output; a packet its qdisc dropped (err > 0)
     * makes the connection reduce cwnd (tcp_enter_cwr) and is reported as not sent.
     */
    boolean xmit(TcpSegment s, long now, boolean counts) {
        if (sk.stack.transmit(s, now, counts)) {
            return true;
        }
        sk.acks.recovery.enterCwr();
        return false;
    }

    /** A segment with the header fields every segment of this connection carries. */
    TcpSegment segment(int seq, int flags, long now) {
        TcpSegment s = sk.stack.newSegment();
        s.dst = sk.remoteAddress();
        s.srcPort = sk.localPort();
        s.dstPort = sk.remotePort();
        s.seq = seq;
        s.flags = flags;
        SocketOptions o = sk.options;
        s.tos = o.ipTos(); // ip_queue_xmit: iph->tos = inet->tos; DF from ip_dont_fragment
        s.dontFragment = o.dontFragment();
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
        sk.snd.pacing.stamp(now); // __tcp_transmit_skb: any packet moves the EDT up to now
        xmit(s, now, true);
    }

    /** A RST for an abort (tcp_send_active_reset). */
    void sendReset(long now) {
        TcpSegment s = segment(sk.snd.sndNxt, TcpSegment.RST | TcpSegment.ACK, now);
        s.window = 0;
        sk.stack.count(MibCounter.TCP_OUT_RSTS);
        xmit(s, now, true);
    }

    /** Window, SACK blocks; and an ACK going out makes a pending delayed ACK unnecessary. */
    void finish(TcpSegment s, long now) {
        s.window = sk.rcv.selectWindow(sk.stack.memory.underPressure());
        if (sk.rcv.wantedZeroWindow) {
            sk.stack.count(MibCounter.TCP_WANT_ZERO_WINDOW_ADV);
        }
        int maxBlocks = sk.timestamps ? 3 : ReceiveQueue.MAX_SACK_BLOCKS;
        if (sk.rcv.dsackPending) {
            s.sackBlocks = dsackBlocks(maxBlocks);
        } else if (sk.snd.sack && sk.rcv.queue.hasOutOfOrder()) {
            s.sackBlocks = sk.rcv.queue.sackBlocks(maxBlocks);
        }
        sk.delackTimer.cancel();
        int compressed = sk.rcv.ack.takeCompressed();
        if (compressed > 0) {
            sk.stack.add(MibCounter.TCP_ACK_COMPRESSED, compressed);
            sk.timers.cancelCompressedAck();
        }
        sk.rcv.ack.segmentSent(now, s.dataLength > 0);
    }

    /**
     * tcp_established_options with a D-SACK to report: the D-SACK block first, then the SACK blocks;
     * sent once. Its own method: rare, and kept out of {@link #finish}'s code on every segment.
     */
    private int[] dsackBlocks(int maxBlocks) {
        int[] sacks = sk.rcv.queue.sackBlocks(maxBlocks - 1);
        int n = sacks == null ? 0 : sacks.length;
        int[] blocks = new int[2 + n];
        blocks[0] = sk.rcv.dsackStart;
        blocks[1] = sk.rcv.dsackEnd;
        if (n > 0) {
            System.arraycopy(sacks, 0, blocks, 2, n);
        }
        sk.rcv.dsackPending = false;
        return blocks;
    }

    /**
     * tcp_send_delayed_ack: the ACK waits ato (bounded as {@link DelayedAck#delay} says), or
     * goes now if the timer already armed is due within a quarter of that; an earlier deadline stands.
     */
    void sendDelayedAck(long now) {
        long ato = sk.rcv.ack.delay(sk.snd.rtt.hasSample() ? sk.snd.rtt.srttUs() * 1000 : 0);
        long timeout = DelayedAck.timerDeadline(now, ato, sk.delackTimer.isArmed() ? sk.delackTimer.deadline() : -1);
        if (timeout < 0) {
            sendAck(now, false);
            return;
        }
        sk.delackTimer.arm(timeout);
    }

    /** tcp_push_pending_frames: what may go now, with the socket's Nagle/cork state. */
    void push(long now) {
        push(now, sk.snd.nonagle, false);
    }

    /**
     * Sends what cwnd, the peer's window and Nagle allow: lost segments first, then new data skb by
     * skb, then the FIN (tcp_write_xmit, tcp_xmit_retransmit_queue). New data leaves in bursts as a
     * TSO packet would: at most tcp_tso_segs() segments, at most half of cwnd (tcp_cwnd_test), never
     * across an skb's end; a burst of two or more segments carries PSH on its last segment (measured
     * on 6.18 with packetdrill: every multi-segment TSO packet has PSH), a single segment only if it
     * ends an skb marked PSH. {@code pushOne}: one burst only (tcp_push_one). A paced flow
     * ({@link Pacing#internal}) waits for each packet's departure time first (tcp_pacing_check).
     */
    void push(long now, int nonagle, boolean pushOne) {
        TcpState st = sk.state;
        if (st != TcpState.ESTABLISHED && st != TcpState.CLOSE_WAIT && st != TcpState.FIN_WAIT1
                && st != TcpState.CLOSING && st != TcpState.LAST_ACK) {
            return;
        }
        TcpSender snd = sk.snd;
        retransmitFailed = false;
        if (!snd.rexmitNew && !hasWork(false)) {
            // nothing lost to resend, nothing unsent, no FIN: tcp_xmit_retransmit_queue and tcp_write_xmit
            // would find no skb (what a receiver's every data segment asks); the code below would do nothing
            return;
        }
        boolean sentAny = false;
        boolean sentNew = false;
        boolean retransmittedHead = false;
        boolean rwndLimited = false;
        int priorPacketsOut = snd.rtx.packetsOut;
        boolean newFirst = snd.rexmitNew; // F-RTO step 2.b (tcp_xmit_recovery with REXMIT_NEW)
        snd.rexmitNew = false;
        boolean sendHead = snd.writeSeq != snd.sndNxt || (snd.finQueued && !snd.finSent);
        int maxSegs = 0;
        while (true) {
            if (snd.pacing.internal() && hasWork(newFirst) && snd.pacing.check(now)) {
                break;
            }
            int inFlight = snd.rtx.inFlight();
            if (inFlight >= snd.cwnd) {
                break;
            }
            int lost = newFirst || retransmitFailed ? -1 : snd.rtx.nextLost();
            if (lost >= 0) {
                if (maxSegs == 0) {
                    maxSegs = TcpTso.tsoSegs(sk); // tcp_xmit_retransmit_queue: max_segs once per walk
                }
                Xmit x = retransmit.retransmitSkb(lost, Math.min(snd.cwnd - inFlight, maxSegs), now);
                if (x == Xmit.HELD) {
                    break; // -EAGAIN: beyond the peer's window
                }
                if (x == Xmit.DROPPED) {
                    // tcp_xmit_retransmit_queue stops at a failed retransmission; new data is tried
                    // next as tcp_write_xmit would be (tcp_data_snd_check)
                    retransmitFailed = true;
                    continue;
                }
                sentAny = true;
                retransmittedHead |= lost == 0;
                continue;
            }
            int unsent = snd.writeSeq - snd.sndNxt;
            if (unsent <= 0) {
                if (snd.finQueued && !snd.finSent && sendNew(0, true, false, now)) {
                    sentAny = true;
                    sentNew = true;
                }
                break;
            }
            WriteQueue q = snd.writeQueue;
            int mss = snd.mss;
            int skbLen = q.headEnd() - snd.sndNxt;
            int wndEnd = snd.sndUna + snd.sndWnd;
            // tcp_snd_wnd_test: the skb's first MSS must fit in the window
            if (Seq.gt(snd.sndNxt + Math.min(skbLen, mss), wndEnd)) {
                snd.probe0.arm(now);
                rwndLimited = true;
                break;
            }
            boolean tail = q.size() == 1;
            int bytes;
            if (skbLen <= mss) {
                if (!nagleTest(skbLen, tail ? nonagle : TcpSendmsg.NAGLE_PUSH)) {
                    break;
                }
                bytes = skbLen;
            } else {
                // once per packet: tcp_tso_should_defer and the split read the same value
                int tsoSegs = TcpTso.tsoSegs(sk);
                if (!pushOne && TcpTso.shouldDefer(sk, skbLen, tail, wndEnd, inFlight, tsoSegs, now)) {
                    // tcp_tso_should_defer's is_rwnd_limited: deferred for a window below cwnd's room
                    rwndLimited = TcpTso.deferredForWindow(sk, skbLen, wndEnd, inFlight);
                    break;
                }
                // tcp_cwnd_test: at most half of cwnd in one TSO packet
                int quota = Math.min(Math.max(snd.cwnd >> 1, 1), snd.cwnd - inFlight);
                bytes = mssSplitPoint(skbLen, tail, wndEnd - snd.sndNxt, mss, Math.min(quota, tsoSegs), nonagle);
                if (bytes <= 0) {
                    break;
                }
            }
            if (!sendBurst(bytes, now)) {
                break; // tcp_write_xmit: a failed tcp_transmit_skb leaves the skb unsent
            }
            sentAny = true;
            sentNew = true;
            if (pushOne) {
                break;
            }
        }
        if (snd.rtx.isEmpty() && snd.writeSeq != snd.sndNxt) {
            // tcp_check_probe_timer: data held back (window, Nagle, cork, a qdisc drop) with nothing in flight
            snd.probe0.arm(now);
        }
        // end of tcp_write_xmit (run only with something in the write queue)
        if (sendHead && (rwndLimited || snd.chronoType == Chrono.RWND_LIMITED)) {
            rwndChrono(rwndLimited, now);
        }
        boolean cwndLimited = snd.rtx.inFlight() >= snd.cwnd;
        // 6.x: after sending or when cwnd was full; 4.9 only after sending (if (likely(sent_pkts)))
        if ((sendHead || sentNew) && (sentNew || (cwndLimited && !snd.validateAs49))) {
            snd.cwndValidate(cwndLimited, now);
            // tcp_cwnd_validate, not cwnd-limited: the application ran out of send buffer (SOCK_NOSPACE)
            // while everything written has gone out
            if (sk.writeBlocked && !snd.isCwndLimited() && snd.writeSeq == snd.sndNxt) {
                sndbufLimited(now);
            }
        }
        if (newFirst && !Seq.gt(snd.sndNxt, snd.highSeq)) {
            snd.frto = false; // no new data could go: conventional recovery
            push(now);
            return;
        }
        if (sentAny) { // retransmittedHead and sentNew are only set with it
            armAfterSend(retransmittedHead, sentNew, priorPacketsOut, now);
        }
    }

    /**
     * tcp_chrono_start / tcp_chrono_stop of TCP_CHRONO_RWND_LIMITED at the end of tcp_write_xmit, out
     * of {@link #push}'s hot code: most pushes neither start nor stop it.
     */
    private void rwndChrono(boolean rwndLimited, long now) {
        TcpSender snd = sk.snd;
        if (rwndLimited) {
            snd.chrono.start(Chrono.RWND_LIMITED, now);
        } else {
            snd.chrono.stop(Chrono.RWND_LIMITED, snd.queuesEmpty(), now);
        }
    }

    /** tcp_cwnd_validate's tcp_chrono_start(TCP_CHRONO_SNDBUF_LIMITED), in a synchronised state that may send. */
    private void sndbufLimited(long now) {
        if (sk.state == TcpState.ESTABLISHED || sk.state == TcpState.CLOSE_WAIT) {
            sk.snd.chrono.start(Chrono.SNDBUF_LIMITED, now);
        }
    }

    /**
     * The timers after something went out: the RTO after a retransmission of the head
     * (tcp_xmit_retransmit_queue) or when none is armed, and after new data the RTO again if a
     * probe was pending (tcp_event_new_data_sent) and the next loss probe (end of tcp_write_xmit,
     * tcp_schedule_loss_probe: one probe per tail).
     */
    private void armAfterSend(boolean retransmittedHead, boolean sentNew, int priorPacketsOut, long now) {
        TcpSender snd = sk.snd;
        if (retransmittedHead && snd.xmitTimer != XmitTimer.REO_TIMEOUT) {
            sk.armXmit(XmitTimer.RETRANS, now + snd.rtt.rtoUs() * 1000); // tcp_xmit_retransmit_queue
        } else if (!sk.retransmitTimer.isArmed() && !snd.rtx.isEmpty()) {
            sk.armXmit(XmitTimer.RETRANS, now + snd.rtt.rtoUs() * 1000);
        }
        if (sentNew) {
            if (priorPacketsOut > 0 && snd.xmitTimer == XmitTimer.LOSS_PROBE) {
                sk.timers.rearmRto(now); // tcp_event_new_data_sent
            }
            sk.timers.scheduleLossProbe(now, false);
        }
    }

    /**
     * Sending after a pause with nothing in flight (tcp_event_data_sent): tell the congestion module
     * (CA_EVENT_TX_START). The idle restart of cwnd is not here (not in 4.9.229's
     * tcp_event_data_sent either): the write that makes a new skb does it, {@link #slowStartAfterIdleCheck}.
     */
    private void idleRestart(long now) {
        TcpSender snd = sk.snd;
        if (snd.lastSendNs == 0) {
            return; // the first data of the connection
        }
        snd.cc.cwndEvent(snd, CaEvent.TX_START); // tcp_event_data_sent
    }

    /**
     * tcp_slow_start_after_idle_check (6.x and 4.9.229, from tcp_skb_entail, and from
     * tcp_ack_update_window when the peer's window changes with data unsent): with
     * tcp_slow_start_after_idle and nothing in flight, an idle time above the RTO halves cwnd for
     * every RTO of it.
     */
    void slowStartAfterIdleCheck(long now) {
        TcpSender snd = sk.snd;
        if (snd.lastSendNs == 0 || snd.rtx.packetsOut != 0) {
            return;
        }
        cwndRestart(now);
    }

    /**
     * tcp_cwnd_restart: cwnd halved for every RTO idle, down to the initial window (6.x: not with
     * .cong_control; 4.9's tcp_slow_start_after_idle_check has no such test); restamps
     * snd_cwnd_stamp and clears snd_cwnd_used. Idle time and RTO in jiffies, as Linux counts them:
     * delta = (s32)(tcp_jiffies32 - lsndtime) against icsk_rto (whole jiffies).
     */
    private void cwndRestart(long now) {
        TcpSender snd = sk.snd;
        long rto = snd.rtt.rtoUs() / 1000;
        int idle = Jiffies.fromUs(now / 1000) - Jiffies.fromUs(snd.lastSendNs / 1000);
        if (sk.stack.settings.slowStartAfterIdle && idle > rto && (!snd.ccControls || snd.validateAs49)) {
            snd.cc.cwndEvent(snd, CaEvent.CWND_RESTART);
            snd.ssthresh = snd.currentSsthresh();
            int restart = Math.min(snd.cwnd, TcpSender.INIT_CWND);
            int cwnd = snd.cwnd;
            for (long delta = idle - rto; delta > 0 && cwnd > restart; delta -= rto) {
                cwnd >>= 1;
            }
            snd.cwnd = Math.max(cwnd, restart);
            snd.cwndStampNs = now;
            snd.cwndUsed = 0;
        }
    }

    /**
     * tcp_nagle_test: may an skb of {@code len} bytes go now? Full-sized ones always; a small one
     * not under TCP_CORK (or MSG_MORE), nor while a small segment is unacknowledged without
     * TCP_NODELAY (Minshall's check); TCP_NAGLE_PUSH lets anything go.
     */
    private boolean nagleTest(int len, int nonagle) {
        if ((nonagle & TcpSendmsg.NAGLE_PUSH) != 0) {
            return true;
        }
        return !nagleCheck(len < sk.snd.mss, nonagle);
    }

    /** tcp_nagle_check: true when a partial segment must wait. */
    private boolean nagleCheck(boolean partial, int nonagle) {
        TcpSender snd = sk.snd;
        return partial && ((nonagle & TcpSendmsg.NAGLE_CORK) != 0
                || (nonagle == 0 && snd.rtx.packetsOut > 0 && minshallCheck()));
    }

    /** tcp_minshall_check: the last small segment sent is not yet acknowledged. */
    private boolean minshallCheck() {
        TcpSender snd = sk.snd;
        return Seq.gt(sndSml, snd.sndUna) && Seq.le(sndSml, snd.sndNxt);
    }

    /**
     * tcp_mss_split_point: how much of the head skb ({@code skbLen} bytes) one TSO packet takes:
     * {@code maxSegs} whole segments, or up to the skb's end, whose last partial segment goes only
     * if Nagle lets it. A window edge inside a segment cuts at the last whole segment: Linux's code
     * would let that partial go too (same Nagle test), but a Linux receiver's window keeps the edge
     * on segment boundaries in steady state, so a Linux sender never meets it (measured with the
     * bulk rig: 100 Mbps, 100 ms, tcp_rmem 256 KiB, 15 s, 16 649 data segments, none cut by the
     * window; the one partial per RTT ends a write); the model's receiver moves its window edge more.
     */
    private int mssSplitPoint(int skbLen, boolean tail, int window, int mss, int maxSegs, int nonagle) {
        int maxLen = mss * maxSegs;
        if (maxLen <= window && !tail) {
            return Math.min(maxLen, skbLen);
        }
        int needed = Math.min(skbLen, window);
        if (maxLen <= needed) {
            return maxLen;
        }
        int partial = needed % mss;
        if (needed < skbLen || nagleCheck(partial != 0, nonagle)) {
            return needed - partial;
        }
        return needed;
    }

    /**
     * Whether tcp_write_xmit or tcp_xmit_retransmit_queue would look at a packet at all (a lost
     * segment not yet retransmitted, unsent data, or the FIN): only then does tcp_pacing_check run.
     */
    private boolean hasWork(boolean newFirst) {
        TcpSender snd = sk.snd;
        return (!newFirst && snd.rtx.awaitingRetransmit() > 0) || snd.writeSeq != snd.sndNxt
                || (snd.finQueued && !snd.finSent);
    }

    /**
     * tcp_write_wakeup from the probe timer: when the window takes data, the head of the unsent
     * data goes out (at most an MSS, at most what the window allows) with PSH, whatever Nagle or a
     * cork held back; HELD when the window is closed (then a window probe goes instead), DROPPED
     * when the host's qdisc dropped it.
     */
    Xmit writeWakeup(long now) {
        TcpSender snd = sk.snd;
        WriteQueue q = snd.writeQueue;
        int wndEnd = snd.sndUna + snd.sndWnd;
        if (q.isEmpty() || !Seq.lt(snd.sndNxt, wndEnd)) {
            return Xmit.HELD;
        }
        int skbEnd = q.headEnd();
        if (Seq.lt(snd.pushedSeq, skbEnd)) {
            snd.pushedSeq = skbEnd;
        }
        int len = Math.min(skbEnd - snd.sndNxt, Math.min(wndEnd - snd.sndNxt, snd.mss));
        boolean fin = snd.finQueued && snd.sndNxt + len == snd.writeSeq;
        boolean armed = sk.retransmitTimer.isArmed() && snd.xmitTimer == XmitTimer.RETRANS;
        long prior = snd.pacing.stamp(now);
        boolean endsSkb = snd.sndNxt + len == skbEnd;
        if (!sendNew(len, fin, true, RetransmitQueue.PSH | (endsSkb && q.headEor() ? RetransmitQueue.EOR : 0), true, now)) {
            return Xmit.DROPPED;
        }
        snd.pacing.afterSend(len, prior);
        q.sent(snd.sndNxt);
        if (!armed) {
            sk.armXmit(XmitTimer.RETRANS, now + snd.rtt.rtoUs() * 1000); // tcp_event_new_data_sent
        }
        return Xmit.SENT;
    }

    /**
     * One TSO packet's worth of new data from the head skb, as MSS-sized segments, one departure
     * time for all of them (__tcp_transmit_skb stamps the EDT, tcp_update_skb_after_send moves it on
     * by the packet's length at the pacing rate). False when the host's qdisc dropped it: the
     * burst is one TSO packet, one qdisc entry, so its first segment decides for all of it.
     */
    private boolean sendBurst(int bytes, long now) {
        TcpSender snd = sk.snd;
        long prior = snd.pacing.stamp(now);
        WriteQueue q = snd.writeQueue;
        int mss = snd.mss;
        boolean multi = bytes > mss;
        int skbEnd = q.headEnd();
        int end = snd.sndNxt + bytes;
        // the packet is one skb of the rtx queue (tso_fragment cut it from the head skb, which keeps PSH and EOR)
        int skbFlags = end != skbEnd ? 0
                : (q.headPsh() ? RetransmitQueue.PSH : 0) | (q.headEor() ? RetransmitQueue.EOR : 0);
        for (int left = bytes; left > 0; ) {
            int len = Math.min(mss, left);
            left -= len;
            boolean last = left == 0;
            boolean fin = last && snd.finQueued && end == snd.writeSeq;
            boolean psh = last && (multi || (skbFlags & RetransmitQueue.PSH) != 0);
            if (!sendNew(len, fin, psh, last ? skbFlags : RetransmitQueue.SKB_CONT, left + len == bytes, now)) {
                return false;
            }
        }
        snd.pacing.afterSend(bytes, prior);
        q.sent(end);
        return true;
    }

    private boolean sendNew(int len, boolean fin, boolean psh, long now) {
        return sendNew(len, fin, psh, psh ? RetransmitQueue.PSH : 0, true, now);
    }

    /**
     * One new segment; {@code psh} on the wire, {@code skbFlags} its scoreboard entry's skb flags (PSH
     * and EOR when it ends an skb marked so, SKB_CONT when the packet goes on), kept for
     * retransmissions. False when the host's qdisc dropped it: then only what __tcp_transmit_skb
     * does before ip_queue_xmit happened (ACK and data-sent events, OutSegs, the EDT stamp), not
     * tcp_event_new_data_sent (snd_nxt, packets_out, TCPOrigDataSent). Only the {@code head} segment
     * of a TSO packet can be dropped: the others are in the same qdisc entry.
     */
    private boolean sendNew(int len, boolean fin, boolean psh, int skbFlags, boolean head, long now) {
        TcpSender snd = sk.snd;
        if (len > 0 && snd.rtx.packetsOut == 0) {
            idleRestart(now);
        }
        int flags = TcpSegment.ACK | (fin ? TcpSegment.FIN : 0) | (psh && len > 0 ? TcpSegment.PSH : 0);
        TcpSegment s = segment(snd.sndNxt, flags, now);
        s.dataLength = len;
        finish(s, now);
        snd.lastXmitNs = now;
        if (len > 0) {
            snd.lastSendNs = now; // lsndtime (tcp_event_data_sent; retransmissions set it too)
            snd.pacing.dataSegsOut++;
        }
        if (!xmit(s, now, true) && head) {
            return false;
        }
        int end = snd.sndNxt + len + (fin ? 1 : 0);
        if (fin) {
            snd.finSent = true;
            snd.finSeq = snd.sndNxt + len;
        }
        if (len > 0 && len < snd.mss) {
            sndSml = snd.sndNxt + len;
        }
        snd.rtx.add(snd.sndNxt, end, now, len > 0 ? skbFlags : 0, snd.rate);
        snd.sndNxt = end;
        if (len > 0) {
            snd.probe0.windowOpened();
        }
        if (snd.caState == CaState.RECOVERY) {
            snd.prrOut++;
        }
        if (len > 0) {
            sk.stack.count(MibCounter.TCP_ORIG_DATA_SENT);
        }
        return true;
    }

    /**
     * The new-data branch of tcp_send_loss_probe: one segment (or the pending FIN) past cwnd if
     * the peer's window takes it (tcp_write_xmit with push_one = 2); HELD if there is none or the
     * window does not take it, DROPPED if the host's qdisc dropped it.
     */
    Xmit sendProbeOfNewData(long now) {
        TcpSender snd = sk.snd;
        int unsent = snd.writeSeq - snd.sndNxt;
        if (unsent <= 0) {
            if (snd.finQueued && !snd.finSent) {
                return sendNew(0, true, false, now) ? Xmit.SENT : Xmit.DROPPED;
            }
            return Xmit.HELD;
        }
        int len = Math.min(snd.mss, snd.writeQueue.headEnd() - snd.sndNxt);
        if (Seq.gt(snd.sndNxt + len, snd.sndUna + snd.sndWnd)) {
            return Xmit.HELD; // tcp_snd_wnd_test
        }
        return sendBurst(len, now) ? Xmit.SENT : Xmit.DROPPED;
    }

    /**
     * A zero-window probe: an ACK one byte below snd_una, which the peer must answer with its window
     * (tcp_xmit_probe_skb); false when the host's qdisc dropped it.
     */
    boolean sendWindowProbe(long now) {
        TcpSegment s = segment(sk.snd.sndUna - 1, TcpSegment.ACK, now);
        finish(s, now);
        return xmit(s, now, true);
    }
}
