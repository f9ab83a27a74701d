package org.tcpsim.tcp;

import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;

/**
 * What an arriving segment does to a connection (net/ipv4/tcp_input.c: tcp_rcv_state_process,
 * tcp_rcv_synsent_state_process, tcp_validate_incoming, tcp_data_queue, tcp_fin, and
 * tcp_minisocks.c: tcp_timewait_state_process). Acknowledgement processing is
 * {@link TcpAckProcessor}'s.
 */
final class TcpInput {
    /** TCP_PAWS_WINDOW: a timestamp up to 1 tick older than ts_recent still passes. */
    private static final int PAWS_WINDOW = 1;

    private final TcpSocket sk;
    /** tp->last_oow_ack_time: when an out-of-window segment was last answered, or -1. */
    private long lastOowAckNs = -1;

    TcpInput(TcpSocket sk) {
        this.sk = sk;
    }

    void segmentArrived(TcpSegment seg, long now) {
        switch (sk.state) {
            case SYN_SENT -> synSentArrived(seg, now);
            case CLOSED, LISTEN -> { }
            default -> synchronizedArrived(seg, now);
        }
    }

    /** tcp_rcv_synsent_state_process. */
    private void synSentArrived(TcpSegment seg, long now) {
        boolean ackOk = seg.has(TcpSegment.ACK) && seg.ack == sk.snd.sndNxt;
        if (seg.has(TcpSegment.ACK) && !ackOk) {
            if (!seg.has(TcpSegment.RST)) {
                sk.stack.sendReset(seg, now);
            }
            return;
        }
        if (seg.has(TcpSegment.RST)) {
            if (ackOk) {
                sk.stack.count(MibCounter.TCP_ATTEMPT_FAILS);
                sk.fail("ECONNREFUSED", TcpEvent.RCV_RST, "rst", now);
            }
            return;
        }
        if (!seg.has(TcpSegment.SYN)) {
            return;
        }
        TcpHandshake.acceptSynOptions(sk, seg, now);
        if (ackOk) {
            sk.snd.sndUna = seg.ack;
            sk.snd.sndWl2 = seg.ack;
            handshakeRtt(seg, now);
            sk.moveTo(TcpEvent.RCV_SYN_ACK, "syn-ack", now);
            sk.out.sendAck(now, false);
            sk.callbacks.connected(sk, now);
        } else {
            // simultaneous open: answer with a SYN-ACK (tcp_rcv_synsent_state_process, TCP_SYN_RECV)
            sk.moveTo(TcpEvent.RCV_SYN, "simultaneous-open", now);
            TcpHandshake.sendSyn(sk, now, true);
            sk.armXmit(XmitTimer.RETRANS, now + sk.snd.rtt.rtoUs() * 1000);
        }
    }

    /**
     * RTT of the handshake: from the SYN if it was never retransmitted, else from the timestamp
     * echo; with neither, the RTO falls back to 3 s (tcp_init_metrics). More than one SYN
     * retransmission starts cwnd at 1 (tcp_init_transfer).
     */
    private void handshakeRtt(TcpSegment seg, long now) {
        sk.retransmitTimer.cancel();
        int retransmitted = sk.state == TcpState.SYN_SENT ? sk.synRetransmits : sk.synAckTimeouts;
        if (retransmitted == 0) {
            sk.snd.rtt.sample((now - sk.tStart) / 1000, sk.snd.sndUna, sk.snd.sndNxt);
        } else if (sk.timestamps && seg.tsEcr != 0) {
            sk.snd.rtt.sample(Math.max(1, (long) (sk.tsNow(now) - seg.tsEcr)) * 1000, sk.snd.sndUna, sk.snd.sndNxt);
        } else {
            sk.snd.rtt.setRto(RttEstimator.TIMEOUT_FALLBACK_US);
        }
        if (sk.snd.rtt.hasSample()) {
            sk.snd.updateRttMin(sk.snd.rtt.srttUs(), false, now / 1000);
        }
        sk.snd.retransmits = 0;
        // the SYN-ACK's ACK ends the SYN's Loss (tcp_ack -> tcp_process_loss -> tcp_update_rto_time);
        // a passive side's SYN-ACK timeouts are the request's, never counted
        RtoStats.updateTime(sk.snd.rtoStats, now);
        if (retransmitted > 1) {
            sk.snd.cwnd = 1;
        }
        sk.snd.cc.init(sk.snd);
        if (!sk.snd.ccControls) {
            sk.snd.pacing.updatePacingRate(sk.snd); // tcp_ack of the handshake: tcp_cong_control -> tcp_update_pacing_rate
        }
    }

    /** Segments in every synchronised sk.state but TIME_WAIT (tcp_rcv_state_process, tcp_validate_incoming). */
    private void synchronizedArrived(TcpSegment seg, long now) {
        if (sk.state == TcpState.SYN_RECV && seg.has(TcpSegment.SYN) && !seg.has(TcpSegment.ACK)
                && seg.seq == sk.rcv.queue.rcvNxt() - 1) {
            TcpHandshake.sendSyn(sk, now, true); // a retransmitted SYN: resend the SYN-ACK (tcp_check_req)
            return;
        }
        if (!pawsAccepts(seg, now)) {
            return;
        }
        if (!acceptable(seg)) {
            // tcp_validate_incoming, step 1: answered (a SYN by a challenge ACK), a RST dropped
            if (seg.has(TcpSegment.SYN)) {
                synChallenge(now);
            } else if (!seg.has(TcpSegment.RST) && !oowRateLimited(seg, now, MibCounter.TCP_ACK_SKIPPED_SEQ)) {
                sendDupack(seg, now);
            }
            return;
        }
        sk.heardNs = now;
        if (sk.keepalive != null) {
            sk.keepalive.heard(now);
        }
        if (seg.has(TcpSegment.RST)) {
            if (seg.seq == sk.rcv.queue.rcvNxt()) {
                resetReceived(now);
            } else {
                challengeAck(now); // RFC 5961 3.2
            }
            return;
        }
        boolean simultaneousSynAck = false;
        if (seg.has(TcpSegment.SYN)) {
            if (!simultaneousOpenSynAck(seg)) {
                synChallenge(now); // RFC 5961 4.2: a SYN on a synchronised connection
                return;
            }
            simultaneousSynAck = true;
        }
        if (!seg.has(TcpSegment.ACK)) {
            return;
        }
        // tcp_replace_ts_recent: the timestamp to echo is that of the oldest segment not yet
        // acknowledged (seq at or below rcv_wup), and it never moves back
        if (sk.timestamps && seg.hasTimestamps && Seq.le(seg.seq, sk.rcv.rcvWup) && pawsCheck(seg.tsVal, 0, now)) {
            sk.tsRecent = seg.tsVal;
            sk.tsRecentStampMs = Math.max(1, sk.stack.tsClock(now));
        }
        if (sk.state == TcpState.SYN_RECV) {
            if (seg.ack != sk.snd.sndNxt) {
                sk.stack.sendReset(seg, now);
                return;
            }
            if (sk.listener != null && sk.listener.acceptQueueFull()) {
                listenOverflow(seg, now);
                return;
            }
            sk.snd.sndUna = seg.ack;
            sk.snd.setWindow(seg.window << sk.snd.sndWscale);
            sk.snd.sndWl1 = seg.seq;
            sk.snd.sndWl2 = seg.ack;
            handshakeRtt(seg, now);
            sk.moveTo(TcpEvent.RCV_ACK_OF_SYN, "ack", now);
            if (sk.listener != null) {
                sk.stack.count(MibCounter.TCP_PASSIVE_OPENS);
                sk.stack.rememberPeer(sk.remoteAddress());
                sk.listener.established(sk, sk.synAckTimeouts == 0, now);
            } else {
                sk.callbacks.connected(sk, now);
            }
        } else if (!sk.acks.process(seg, now)) {
            return;
        }
        if (seg.has(TcpSegment.URG) || sk.urg != null) {
            // tcp_urg, after tcp_ack and before tcp_data_queue (a connection that never saw URG skips it)
            if (sk.urg == null) {
                sk.urg = new UrgentData();
            }
            sk.urg.segmentArrived(sk, seg);
        }
        receiveData(seg, now);
        if (simultaneousSynAck) {
            // tcp_data_queue: the SYN-ACK's SYN is below rcv_nxt, an old duplicate: ACKed at once,
            // with a D-SACK for it
            oldDataReceived(seg.seq, seg.seq + 1);
            ackSndCheck(now);
        }
        sk.out.push(now);
        StreamSpace.checkSpace(sk, now); // tcp_data_snd_check: tcp_push_pending_frames, then tcp_check_space
        sk.settleFinWait2(now);
    }

    /**
     * RFC 9293 3.5, simultaneous open (6.x tcp_validate_incoming: "goto pass"): in SYN_RECV after
     * crossed SYNs, the peer's SYN-ACK that acknowledges our SYN and repeats its own completes the
     * connection instead of drawing a challenge ACK. Only a connecting socket (sk_socket), not a
     * request; 4.9 challenged it.
     */
    private boolean simultaneousOpenSynAck(TcpSegment seg) {
        return sk.state == TcpState.SYN_RECV && sk.listener == null && sk.stack.kernel != KernelVersion.V4_9
                && seg.has(TcpSegment.ACK) && seg.dataLength == 0 && !seg.has(TcpSegment.FIN)
                && seg.seq + 1 == sk.rcv.queue.rcvNxt() && seg.ack == sk.snd.sndNxt;
    }

    /**
     * The handshake's final ACK found the accept queue full (tcp_check_req -> syn_recv_sock fails):
     * with tcp_abort_on_overflow = 0 the ACK is dropped and the request stays (its SYN-ACKs keep
     * coming, and the client, which believes it is ESTABLISHED, re-ACKs them); with 1, a RST.
     */
    private void listenOverflow(TcpSegment seg, long now) {
        sk.stack.count(MibCounter.LISTEN_OVERFLOWS);
        sk.stack.count(MibCounter.LISTEN_DROPS);
        if (!sk.stack.settings.abortOnOverflow) {
            sk.requestAcked = true;
            return;
        }
        sk.stack.count(MibCounter.EMBRYONIC_RSTS);
        sk.stack.sendReset(seg, now);
        sk.listener.requestGone(sk.synAckTimeouts == 0);
        sk.listener = null;
        sk.moveTo(TcpEvent.RCV_RST, "abort-on-overflow", now);
    }

    /**
     * PAWS (RFC 7323; tcp_validate_incoming): a segment whose timestamp is older than ts_recent
     * by more than TCP_PAWS_WINDOW is an old duplicate and is dropped, unless it is a harmless
     * reordered duplicate ACK (tcp_disordered_ack_check) or a RST. An old pure ACK below rcv_nxt
     * goes silently (PAWSOldAck, 6.x); any other counts PAWSEstab and is answered by a duplicate
     * ACK, at most one per 500 ms unless it carries data (tcp_oow_rate_limited,
     * TCPACKSkippedPAWS). A SYN gets a challenge ACK.
     */
    private boolean pawsAccepts(TcpSegment seg, long now) {
        if (!sk.timestamps || !seg.hasTimestamps || pawsCheck(seg.tsVal, PAWS_WINDOW, now) || disorderedAck(seg)
                || seg.has(TcpSegment.RST)) {
            return true;
        }
        if (seg.has(TcpSegment.SYN)) {
            synChallenge(now);
            return false;
        }
        boolean pureAck = seg.seqLength() == 0;
        if (pureAck && Seq.lt(seg.seq, sk.rcv.queue.rcvNxt()) && sk.stack.kernel.dropsOldAcksSilently()) {
            sk.stack.count(MibCounter.PAWS_OLD_ACK);
            return false;
        }
        sk.stack.count(MibCounter.PAWS_ESTAB);
        if (!oowRateLimited(seg, now, MibCounter.TCP_ACK_SKIPPED_PAWS)) {
            sendDupack(seg, now);
        }
        return false;
    }

    /**
     * tcp_oow_rate_limited: an answer to an out-of-window segment goes at most once per
     * tcp_invalid_ratelimit (default 500 ms) per connection, so two stacks that disagree cannot ping-pong
     * ACKs; segments carrying data or a FIN are always answered (they are not part of an ACK loop).
     */
    private boolean oowRateLimited(TcpSegment seg, long now, MibCounter skipped) {
        return (seg.seqLength() == 0 || seg.has(TcpSegment.SYN)) && oowRateLimited(now, skipped);
    }

    /** __tcp_oow_rate_limited: true (counted in {@code skipped}) if this connection answered one within tcp_invalid_ratelimit. */
    private boolean oowRateLimited(long now, MibCounter skipped) {
        if (lastOowAckNs >= 0 && now - lastOowAckNs < sk.stack.settings.invalidRatelimitNs) {
            sk.stack.count(skipped);
            return true;
        }
        lastOowAckNs = now;
        return false;
    }

    private boolean pawsCheck(int tsVal, int window, long now) {
        return Paws.check(sk.tsRecent, sk.tsRecentStampMs, tsVal, window, sk.stack.tsClock(now));
    }

    /**
     * tcp_disordered_ack_check: a pure duplicate ACK at rcv_nxt that would not update the window,
     * with a timestamp within the replay window (1.2 RTO, tcp_tsval_replay), only arrived late.
     */
    private boolean disorderedAck(TcpSegment seg) {
        TcpSender snd = sk.snd;
        if (!seg.has(TcpSegment.ACK) || seg.seqLength() != 0 || seg.seq != sk.rcv.queue.rcvNxt()
                || seg.ack != snd.sndUna) {
            return false;
        }
        int window = seg.window << snd.sndWscale;
        boolean mayUpdateWindow = Seq.gt(seg.ack, snd.sndUna) || Seq.gt(seg.seq, snd.sndWl1)
                || seg.seq == snd.sndWl1 && (window > snd.sndWnd || window == 0); // tcp_may_update_window
        long replayMs = snd.rtt.rtoUs() * 12 / 10_000;
        return !mayUpdateWindow && sk.tsRecent - seg.tsVal <= replayMs;
    }

    /**
     * tcp_sequence(): the segment overlaps the window we advertised: it ends at or after rcv_wup
     * and starts no later than rcv_nxt + tcp_receive_window() (which is never negative). In
     * sequence arithmetic: the right edge was taken with Math.max, which failed once it passed
     * 2^31 and refused every out-of-order segment until rcv_nxt did too.
     */
    private boolean acceptable(TcpSegment seg) {
        int rcvNxt = sk.rcv.queue.rcvNxt();
        int end = seg.seq + seg.seqLength();
        int receiveWindow = Math.max(0, sk.rcv.windowEnd() - rcvNxt);
        return Seq.ge(end, sk.rcv.rcvWup) && Seq.le(seg.seq, rcvNxt + receiveWindow) || seg.seq == rcvNxt;
    }

    /**
     * tcp_validate_incoming's syn_challenge: TCPSYNChallenge (and InErrs on the established fast
     * path, tcp_rcv_established's syn_inerr), then a challenge ACK.
     */
    private void synChallenge(long now) {
        if (sk.state == TcpState.ESTABLISHED) {
            sk.stack.count(MibCounter.TCP_IN_ERRS);
        }
        sk.stack.count(MibCounter.TCP_SYN_CHALLENGE);
        challengeAck(now);
    }

    /**
     * tcp_send_challenge_ack (RFC 5961): behind the per-connection rate limit (TCPACKSkippedChallenge),
     * then the host-wide tcp_challenge_ack_limit (INT_MAX, none, by default on 6.x; 1000 on 4.9), which
     * counts nothing when it holds one back.
     */
    void challengeAck(long now) {
        if (oowRateLimited(now, MibCounter.TCP_ACK_SKIPPED_CHALLENGE) || !sk.stack.challengeAckAllowed(now)) {
            return;
        }
        sk.stack.count(MibCounter.TCP_CHALLENGE_ACK);
        sk.out.sendAck(now, false);
    }

    /** Payload and FIN of an acceptable segment (tcp_data_queue, tcp_fin). */
    private void receiveData(TcpSegment seg, long now) {
        boolean takesData = sk.state == TcpState.ESTABLISHED || sk.state == TcpState.FIN_WAIT1
                || sk.state == TcpState.FIN_WAIT2;
        if (!takesData) {
            return;
        }
        int len = seg.dataLength;
        int start = seg.seq;
        int end = seg.seq + len;
        if (len > 0 && sk.orphan && Seq.gt(end, sk.rcv.queue.rcvNxt())) {
            // data after close(): nobody will read it (tcp_rcv_state_process FIN_WAIT1/2:
            // TCPAbortOnData, tcp_reset). The non-zero return makes tcp_v4_do_rcv answer the
            // segment itself (tcp_v4_send_reset): a RST sequenced at its ack number, not the
            // socket's RST|ACK at snd_nxt
            sk.stack.count(MibCounter.TCP_ABORT_ON_DATA);
            sk.stack.sendReset(seg, now);
            sk.fail("ECONNRESET", TcpEvent.RCV_RST, "abort-on-data", now);
            return;
        }
        int newBytes = 0;
        if (len > 0) {
            duplicateCheck(start, end);
            int limit = sk.rcv.windowEnd();
            if (Seq.gt(end, limit)) {
                end = limit; // beyond the window: trimmed (tcp_data_queue drops what does not fit)
                if (Seq.le(end, start)) {
                    sk.stack.count(MibCounter.TCP_ZERO_WINDOW_DROP);
                    sk.rcv.ack.enterQuickAckMode(sk.rcv.rcvWnd, sk.rcv.rcvMss); // out_of_window
                    sk.rcv.ack.schedule();
                }
            }
            if (Seq.gt(end, start) && !sk.stack.memory.canCharge(end - start)) {
                sk.stack.count(MibCounter.TCP_RCV_Q_DROP); // tcp_try_rmem_schedule fails above tcp_mem[2]
                sk.out.sendAck(now, false);
                return;
            }
            if (Seq.gt(end, start)) {
                TcpReceiver rcv = sk.rcv;
                boolean outOfOrder = Seq.gt(start, rcv.queue.rcvNxt());
                boolean holes = rcv.queue.hasOutOfOrder();
                if (sk.timestamps && seg.hasTimestamps && !outOfOrder) {
                    // tcp_rcv_rtt_measure_ts, before the segment is queued
                    rcv.rcvRtt.measureTs(seg.tsEcr, sk.tsNow(now), len, rcv.rcvMss,
                            rcv.queue.unread() == 0);
                }
                int heldBefore = rcv.queue.unread() + rcv.queue.outOfOrderBytes();
                // tcp_sack_new_ofo_skb: a SACK block beyond the first two about to move to the front
                // (or a new one behind two) sends the compressed ACK now, with that block extended by
                // this segment but not yet moved, or before the new one (tcp_sack_compress_send_ack);
                // that ACK also answers this segment
                boolean flushed = outOfOrder && sk.snd.sack && rcv.ack.compressedPending()
                        && rcv.queue.flushBeforeOfo(start, end);
                if (flushed) {
                    rcv.ack.compressedTimerExpired(); // TCPAckCompressed counts compressed_ack - 1
                    sk.out.sendAck(now, false);
                }
                newBytes = rcv.queue.accept(start, end);
                if (rcv.queue.unread() + rcv.queue.outOfOrderBytes() > heldBefore) {
                    rcv.charge(len); // the skb's truesize, whatever part of it was new
                }
                sk.chargeMemory(now);
                boolean pressure = sk.stack.memory.underPressure();
                if (outOfOrder) {
                    sk.stack.count(MibCounter.TCP_OFO_QUEUE); // tcp_data_queue_ofo
                    if (!flushed) {
                        rcv.ack.schedule();
                    }
                    if (sk.snd.sack) {
                        // tcp_data_queue_ofo grows the window only with SACK: without it the
                        // duplicate ACKs must stay duplicates to trigger fast retransmit
                        rcv.growWindow(len, pressure);
                    }
                } else {
                    int priorRcvMss = rcv.rcvMss;
                    rcv.rcvMss = rcv.ack.dataReceived(now, len, seg.flags, rcv.rcvMss, rcv.advmss,
                            rcv.rcvWnd, sk.snd.rtt.rtoUs() * 1000);
                    rcv.dataQueued(len, priorRcvMss, pressure, now); // rest of tcp_event_data_recv
                    if (holes && !sk.rcv.queue.hasOutOfOrder()) {
                        sk.rcv.ack.ackNow(); // the last hole is filled: ACK at once (RFC 5681 4.2, ICSK_ACK_NOW)
                    }
                }
            }
        }
        if (seg.has(TcpSegment.FIN) && end == seg.seq + len) {
            sk.rcv.finPending = true;
            sk.rcv.finSeq = end;
        }
        boolean fin = sk.rcv.finPending && sk.rcv.queue.rcvNxt() == sk.rcv.finSeq && !sk.rcv.finReceived;
        if (fin) {
            sk.rcv.finReceived = true;
            sk.rcv.queue.consumeFin();
            if (sk.state == TcpState.ESTABLISHED || sk.state == TcpState.SYN_RECV) {
                // tcp_fin(): to CLOSE_WAIT the ACK is only scheduled, in interactive mode, so a close()
                // within ato carries it on its FIN
                sk.rcv.ack.enterPingpongMode();
                sk.moveTo(TcpEvent.RCV_FIN, "fin", now);
                ackSndCheck(now);
            } else {
                sk.out.sendAck(now, false); // FIN_WAIT1 -> CLOSING, FIN_WAIT2 -> TIME_WAIT: tcp_send_ack()
                sk.moveTo(TcpEvent.RCV_FIN, "fin", now);
            }
        } else if (len > 0) {
            ackSndCheck(now);
        }
        if (newBytes > 0 || fin) {
            sk.callbacks.readable(sk, now);
        }
    }

    /**
     * __tcp_ack_snd_check: the ACK that data or a FIN scheduled goes now, on the delayed-ACK
     * timer, or, with out-of-order data and SACK, after the first three duplicates, on the
     * compressed-ACK timer: min(tcp_comp_sack_delay_ns, srtt / 20) later.
     */
    private void ackSndCheck(long now) {
        if (!sk.rcv.ack.scheduled()) {
            return;
        }
        if (sk.rcv.ackNow()) {
            sk.out.sendAck(now, false);
        } else if (!sk.rcv.queue.hasOutOfOrder()) {
            sk.out.sendDelayedAck(now);
        } else if (!sk.snd.sack || !sk.rcv.ack.compressSack(sk.rcv.queue.rcvNxt(), sk.stack.settings.compSackNr)) {
            sk.out.sendAck(now, false);
        } else {
            sk.timers.armCompressedAck(now);
        }
    }

    /**
     * tcp_send_dupack: an unacceptable segment is answered by an ACK; one carrying data below
     * rcv_nxt was a retransmission whose original arrived (DelayedACKLost, quick-ACK mode), and
     * its part below rcv_nxt is reported as a D-SACK.
     */
    private void sendDupack(TcpSegment seg, long now) {
        int rcvNxt = sk.rcv.queue.rcvNxt();
        int end = seg.seq + seg.seqLength();
        if (end != seg.seq && Seq.lt(seg.seq, rcvNxt)) {
            oldDataReceived(seg.seq, Seq.gt(end, rcvNxt) ? rcvNxt : end);
        }
        sk.out.sendAck(now, false);
    }

    /**
     * Data already received (tcp_data_queue): wholly below rcv_nxt it was a retransmission whose
     * original arrived (DelayedACKLost, an immediate ACK with quick-ACK mode); part below rcv_nxt,
     * or wholly inside an out-of-order range, is reported back as a D-SACK (tcp_dsack_set).
     */
    private void duplicateCheck(int start, int end) {
        ReceiveQueue q = sk.rcv.queue;
        int rcvNxt = q.rcvNxt();
        if (Seq.le(end, rcvNxt)) {
            oldDataReceived(start, end);
        } else if (Seq.lt(start, rcvNxt)) {
            dsackSet(start, rcvNxt);
        } else if (start != rcvNxt && q.outOfOrderCovers(start, end)) {
            // start is after rcv_nxt here; tested with != rather than a second signed compare of
            // start - rcv_nxt, which C2 (JDK 17.0.15) fuses with the one above into one unsigned
            // test whose deoptimization (unstable_fused_if) resumed at the wrong branch: the first
            // out-of-order segment of a run was reported as a D-SACK [start, rcv_nxt)
            dsackSet(start, end); // tcp_data_queue_ofo: wholly inside a queued range
        }
    }

    /**
     * [s, e) below rcv_nxt came again: its ACK was lost or late (DelayedACKLost), so ACK at once
     * (tcp_enter_quickack_mode with TCP_MAX_QUICKACKS) and report the copy as a D-SACK.
     */
    private void oldDataReceived(int s, int e) {
        sk.stack.count(MibCounter.DELAYED_ACK_LOST);
        sk.rcv.ack.enterQuickAckMode(sk.rcv.rcvWnd, sk.rcv.rcvMss);
        sk.rcv.ack.schedule();
        dsackSet(s, e);
    }

    /** tcp_dsack_set: with SACK and tcp_dsack, the next ACK reports [s, e) first, as a D-SACK block. */
    private void dsackSet(int s, int e) {
        if (!sk.snd.sack || !sk.stack.settings.dsack) {
            return;
        }
        sk.stack.count(Seq.lt(s, sk.rcv.queue.rcvNxt()) ? MibCounter.TCP_DSACK_OLD_SENT : MibCounter.TCP_DSACK_OFO_SENT);
        sk.rcv.dsackPending = true;
        sk.rcv.dsackStart = s;
        sk.rcv.dsackEnd = e;
    }

    private void resetReceived(long now) {
        String e = switch (sk.state) {
            case SYN_RECV -> "ECONNREFUSED";
            case CLOSE_WAIT -> "EPIPE";
            default -> "ECONNRESET";
        };
        if (sk.state == TcpState.SYN_RECV) {
            sk.stack.count(MibCounter.TCP_ATTEMPT_FAILS);
        }
        sk.fail(e, TcpEvent.RCV_RST, "rst", now);
    }
}
