package org.tcpsim.tcp;

import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.api.congestion.AckFlags;
import org.tcpsim.api.congestion.CaAckEvent;
import org.tcpsim.api.congestion.CaEvent;
import org.tcpsim.api.congestion.CaState;

/**
 * What an acknowledgement does to the sender (net/ipv4/tcp_input.c: tcp_ack, tcp_clean_rtx_queue,
 * tcp_sacktag_write_queue, tcp_fastretrans_alert, tcp_cwnd_reduction) and what the retransmit
 * timer does when none comes (tcp_timer.c: tcp_retransmit_timer, tcp_write_timeout).
 */
final class TcpAckProcessor {
    private final TcpSocket sk;
    private final RetransmitQueue.Acked acked = new RetransmitQueue.Acked();

    TcpAckProcessor(TcpSocket sk) {
        this.sk = sk;
    }

    /** Processes the ACK field of an acceptable segment; false if the segment must be dropped. */
    boolean process(TcpSegment seg, long now) {
        TcpSender snd = sk.snd;
        int ack = seg.ack;
        if (Seq.gt(ack, snd.sndNxt)) {
            // tcp_ack: it acknowledges data never sent, so the segment is dropped, data and all,
            // and answered with a (rate-limited) challenge ACK, RFC 5961 5.2. 6.18.x sends it from
            // tcp_ack itself, in every state; 4.9 only from tcp_rcv_state_process (the closing
            // states) and dropped the segment silently in ESTABLISHED (tcp_rcv_established).
            if (sk.state != TcpState.ESTABLISHED || sk.stack.kernel != KernelVersion.V4_9) {
                sk.in.challengeAck(now);
            }
            return false;
        }
        if (Seq.lt(ack, snd.sndUna)) {
            return true; // an old duplicate ACK: ignore its ACK, keep its data
        }
        snd.probe0.answered(); // tcp_ack: the peer is alive, whatever its window
        int window = seg.window << snd.sndWscale;
        boolean windowChanged = window != snd.sndWnd;
        boolean dupack = ack == snd.sndUna && seg.dataLength == 0 && !seg.has(TcpSegment.FIN) && !windowChanged
                && !snd.rtx.isEmpty();
        int priorInFlight = snd.rtx.inFlight();
        int priorLost = snd.rtx.lost;
        // tcp_ack_update_window
        boolean windowUpdate = Seq.gt(ack, snd.sndUna) || Seq.gt(seg.seq, snd.sndWl1)
                || (seg.seq == snd.sndWl1 && windowChanged);
        if (windowUpdate) {
            snd.setWindow(window);
            snd.sndWl1 = seg.seq;
            snd.sndWl2 = ack;
        }
        // tcp_in_ack_event: every ACK takes the slow path here (no header prediction)
        snd.cc.inAckEvent(snd, windowUpdate ? CaAckEvent.CA_ACK_SLOWPATH | CaAckEvent.CA_ACK_WIN_UPDATE
                : CaAckEvent.CA_ACK_SLOWPATH);
        boolean advanced = Seq.gt(ack, snd.sndUna);
        int priorSndUna = snd.sndUna;
        int priorSacked = snd.rtx.sackedOut;
        int priorDelivered = snd.rtx.delivered;
        int priorLostRetrans = snd.rtx.lostRetransmits;
        acked.clear();
        snd.rack.beginAck(snd.rtx.highestSackSeq(snd.sndUna)); // prior_fack
        snd.rate.beginAck();
        snd.rtx.ackUpTo(ack, acked, snd.rack, snd.rate, now, snd.minRttUs());
        if (!snd.sack) {
            snd.rtx.removeRenoSacks(acked.packets); // tcp_clean_rtx_queue
        }
        if (advanced) {
            long delta = Integer.toUnsignedLong(ack - snd.sndUna);
            if (snd.finSent && Seq.gt(ack, snd.finSeq) && Seq.le(snd.sndUna, snd.finSeq)) {
                delta--; // the FIN's sequence number carries no payload
            }
            snd.bytesAcked += delta;
            snd.sndUna = ack;
            snd.retransmits = 0;
            snd.dupAcks = 0;
            boolean retransDone = snd.rtx.retransOut > 0 || snd.rtx.lostOut > 0;
            if (rackPath()) {
                // tcp_try_to_open: only outside Recovery and Loss, and only when tcp_any_retrans_done() is
                // false; it is also the clock tcp_packet_delayed compares the echoed timestamp with
                retransDone |= snd.caState.ordinal() > CaState.DISORDER.ordinal() || snd.rtx.headEverRetransmitted();
            }
            if (!retransDone) {
                snd.retransStampNs = 0;
            }
        }
        int newlySacked = 0;
        boolean dsackTlp = false;
        if (snd.sack && seg.sackBlocks != null) {
            dsackTlp = snd.undo.checkDsack(seg, priorSndUna);
            for (int i = 0; i + 1 < seg.sackBlocks.length; i += 2) {
                int s = seg.sackBlocks[i];
                int e = seg.sackBlocks[i + 1];
                if (Seq.gt(e, snd.sndUna) && Seq.le(e, snd.sndNxt)) {
                    newlySacked += snd.rtx.sack(s, e, acked, snd.rack, snd.rate, now, snd.minRttUs());
                }
            }
        }
        int fack = snd.rtx.highestSackSeq(snd.sndUna);
        if (snd.rack.endAck(fack)) {
            growReordering(fack, snd.rack.lowestDelivered());
            sk.stack.count(MibCounter.TCP_SACK_REORDER); // tcp_check_sack_reordering
        }
        snd.rack.updateReoWnd(snd.rateSample.priorDelivered, snd.rtx.delivered, sk.stack.settings.rackStaticReoWnd);
        // FLAG_ACK_MAYBE_DELAYED (tcp_clean_rtx_queue): one runt segment acknowledged, nothing SACKed
        boolean ackMaybeDelayed = acked.packets == 1 && acked.bytes < snd.mss && priorSacked == 0
                && seg.sackBlocks == null;
        sampleRtt(seg, ackMaybeDelayed, now);
        if (snd.tlpPending) {
            boolean pureDupack = !advanced && seg.dataLength == 0 && !windowChanged && newlySacked == 0;
            processTlpAck(ack, pureDupack, dsackTlp);
        }
        boolean reoArmed = rackPath()
                ? detectLossRack(seg, advanced, newlySacked, dupack, now)
                : detectLoss(dupack, advanced, acked.packets, newlySacked);
        if (snd.rtx.lostRetransmits != priorLostRetrans) {
            sk.stack.add(MibCounter.TCP_LOST_RETRANSMIT, snd.rtx.lostRetransmits - priorLostRetrans);
        }
        // tcp_newly_delivered: segments this ACK delivered for the first time, cumulatively or by
        // SACK (one SACKed earlier and now cumulatively acknowledged is not delivered again)
        int delivered = snd.rtx.delivered - priorDelivered;
        // tcp_rate_gen: this ACK's rate sample (no SACK reneging in tcpsim, so never is_sack_reneg)
        snd.rate.gen(delivered, snd.rtx.lost - priorLost, false, now / 1000, snd.rtx.delivered, snd.rttMin.get());
        if (snd.ccControls) {
            congControl(seg, ack, advanced, windowUpdate, newlySacked, ackMaybeDelayed, priorInFlight);
        } else {
            updateCwnd(ack, acked.packets > 0, advanced, delivered, snd.rtx.lost - priorLost);
            snd.pacing.updatePacingRate(snd); // tcp_cong_control: tcp_update_pacing_rate
        }
        if (snd.finSent && Seq.gt(snd.sndUna, snd.finSeq) && advanced) {
            sk.finAcked(now);
        }
        if (snd.rtx.isEmpty()) {
            snd.probe0.ackArrived(now);
        } else if (advanced && !reoArmed) {
            setXmitTimer(now); // FLAG_SET_XMIT_TIMER
        }
        if (advanced) {
            sk.chargeMemory(now);
            if (!sk.stack.memory.underPressure()) {
                snd.expandSndbuf(); // tcp_sndbuf_expand stops under memory pressure
            }
            sk.wakeWriter(now);
        }
        return sk.state != TcpState.CLOSED;
    }

    /**
     * An RTT sample from the oldest segment this ACK covers, unless it covers any retransmitted
     * data (Karn; tcp_clean_rtx_queue's FLAG_RETRANS_DATA_ACKED), else from the timestamp echo
     * (tcp_ack_update_rtt).
     */
    private long sampleRtt(TcpSegment seg, boolean ackMaybeDelayed, long now) {
        TcpSender snd = sk.snd;
        long rttUs = -1;
        // rs->rtt_us (tcp_ack_update_rtt): ca_rtt_us, the RTT of the newest segment this ACK
        // acknowledged (last_ackt) or, when it SACKed any, of the newest one it SACKed (last_sackt)
        long caRttUs = -1;
        if (acked.rttSentAt >= 0 && !acked.anyRetransmitted) {
            rttUs = (now - acked.rttSentAt) / 1000;
            caRttUs = now / 1000 - acked.lastAckt / 1000;
        }
        if (acked.firstSackt >= 0) {
            caRttUs = now / 1000 - acked.lastSackt / 1000;
        }
        if (rttUs < 0 && sk.timestamps && seg.tsEcr != 0 && acked.packets > 0) {
            rttUs = Math.max(1, (long) (sk.tsNow(now) - seg.tsEcr)) * 1000;
            if (acked.firstSackt < 0) {
                caRttUs = rttUs; // seq_rtt_us = ca_rtt_us = tcp_rtt_tsopt_us()
            }
        }
        snd.rateSample.rttUs = caRttUs;
        if (rttUs >= 0) {
            snd.updateRttMin(rttUs, ackMaybeDelayed, now);
            snd.rtt.sample(rttUs, snd.sndUna, snd.sndNxt);
        }
        if (acked.packets > 0) {
            // tcp_clean_rtx_queue: struct ack_sample, in_flight as 6.x computes it
            CongestionSamples.Ack sample = snd.ackSample;
            sample.pktsAcked = acked.packets;
            sample.rttUs = rttUs;
            sample.inFlight = (long) snd.mss * (snd.rtx.delivered - snd.rateSample.priorDelivered);
            snd.cc.pktsAcked(snd, sample);
        }
        return rttUs;
    }

    /**
     * tcp_cong_control for a module with .cong_control: it alone sets cwnd and the pacing rate
     * after each ACK, from the rate sample tcp_rate_gen filled and the ACK's FLAG_* bits.
     */
    private void congControl(TcpSegment seg, int ack, boolean advanced, boolean windowUpdate, int newlySacked,
                             boolean ackMaybeDelayed, int priorInFlight) {
        TcpSender snd = sk.snd;
        CongestionSamples.Rate rs = snd.rateSample;
        rs.priorInFlight = priorInFlight;
        rs.isAckDelayed = ackMaybeDelayed;
        int flag = AckFlags.FLAG_SLOWPATH;
        flag |= seg.dataLength > 0 ? AckFlags.FLAG_DATA : 0;
        flag |= windowUpdate ? AckFlags.FLAG_WIN_UPDATE : 0;
        flag |= acked.packets > 0 ? AckFlags.FLAG_DATA_ACKED : 0;
        flag |= acked.anyRetransmitted ? AckFlags.FLAG_RETRANS_DATA_ACKED : 0;
        flag |= newlySacked > 0 ? AckFlags.FLAG_DATA_SACKED : 0;
        flag |= advanced ? AckFlags.FLAG_SND_UNA_ADVANCED : 0;
        flag |= ackMaybeDelayed ? AckFlags.FLAG_ACK_MAYBE_DELAYED : 0;
        snd.cc.congControl(snd, ack, flag, rs);
    }

    /** RACK marks losses when SACK is on and tcp_recovery asks for it; else dupthresh does. */
    private boolean rackPath() {
        return sk.snd.sack && sk.stack.settings.rack;
    }

    /**
     * tcp_fastretrans_alert without RACK (tcp_recovery = 0, or no SACK): RFC 6675 dupthresh
     * marking or NewReno dupacks; enter and leave Recovery, end Loss. Never arms a reordering timer.
     */
    private boolean detectLoss(boolean dupack, boolean advanced, int ackedPackets, int newlySacked) {
        TcpSender snd = sk.snd;
        if (snd.sack) {
            if (newlySacked > 0) {
                snd.rtx.markLostBySack(snd.reordering); // only new SACK information can reveal a new loss
            }
        } else {
            // tcp_fastretrans_alert for Reno: outside Recovery and Loss an advancing ACK clears the
            // duplicate-ACK count (tcp_reset_reno_sack), and each duplicate ACK adds one
            // (tcp_add_reno_sack); in Recovery only duplicates add
            if (advanced && snd.caState != CaState.RECOVERY) {
                snd.rtx.renoSackedOut = 0;
            }
            if (dupack) {
                snd.rtx.addRenoSacks(1);
                snd.dupAcks++;
                if (snd.dupAcks >= snd.reordering && snd.caState != CaState.RECOVERY
                        && snd.caState != CaState.LOSS) {
                    snd.rtx.markHeadLost();
                }
            }
        }
        switch (snd.caState) {
            case RECOVERY -> {
                if (Seq.ge(snd.sndUna, snd.highSeq)) {
                    // tcp_end_cwnd_reduction: cwnd comes back to ssthresh (not for a module with .cong_control)
                    if (!snd.ccControls) {
                        snd.cwnd = Math.max(1, Math.min(snd.cwnd, snd.ssthresh));
                        if (snd.ssthresh < TcpSender.INFINITE_SSTHRESH) {
                            snd.cwnd = snd.ssthresh;
                        }
                    }
                    snd.setCaState(CaState.OPEN);
                } else if (!snd.sack && advanced && ackedPackets > 0) {
                    snd.rtx.markHeadLost(); // NewReno partial ACK: the next hole is lost too
                }
            }
            case LOSS -> {
                if (Seq.ge(snd.sndUna, snd.highSeq)) {
                    snd.setCaState(CaState.OPEN);
                }
            }
            default -> {
                if (snd.rtx.lostOut > 0) {
                    enterRecovery();
                }
            }
        }
        return false;
    }

    /**
     * tcp_fastretrans_alert with RACK (6.x): Recovery ends at high_seq; Loss ends at high_seq;
     * outside Loss every ACK that delivered something runs tcp_rack_mark_lost, and a proven loss
     * (lost_out > 0, tcp_time_to_recover) starts Recovery; otherwise tcp_try_keep_open picks Open
     * or Disorder. Returns true when the reordering timer was armed (which then keeps the
     * transmit timer: FLAG_SET_XMIT_TIMER is cleared).
     */
    private boolean detectLossRack(TcpSegment seg, boolean advanced, int newlySacked, boolean dupack, long now) {
        TcpSender snd = sk.snd;
        if (snd.caState == CaState.RECOVERY && Seq.ge(snd.sndUna, snd.highSeq)) {
            // tcp_try_undo_recovery (every retransmission reported duplicate, or the ACK echoes a
            // timestamp older than the first retransmission: undo), then tcp_end_cwnd_reduction,
            // which brings cwnd to ssthresh unless undone
            boolean undone = snd.undo.mayUndo(seg);
            if (undone) {
                snd.undo.undoCwndReduction(false);
                sk.stack.count(MibCounter.TCP_FULL_UNDO);
            } else if (snd.rack.reoWndPersist > 0) {
                snd.rack.reoWndPersist--; // one more recovery with the widened window
            }
            snd.setCaState(CaState.OPEN);
            if (!undone) {
                endCwndReduction();
            }
        }
        if (snd.caState == CaState.LOSS) {
            if (processLoss(seg, advanced, newlySacked, dupack)) {
                return false; // still recovering from the RTO, or undone
            }
        }
        if (snd.caState == CaState.RECOVERY && advanced && snd.undo.pending && snd.undo.packetDelayed(seg)) {
            // tcp_try_undo_partial: the original of a retransmission arrived: that was reordering
            snd.rack.reordSeen++;
            sk.stack.count(MibCounter.TCP_TS_REORDER); // tcp_check_sack_reordering(sk, prior_snd_una, 1)
            if (snd.rtx.retransOut > 0) {
                return false; // wait for the retransmissions still in flight
            }
            snd.undo.undoCwndReduction(true);
            sk.stack.count(MibCounter.TCP_PARTIAL_UNDO);
            tryKeepOpen();
            return false;
        }
        if (snd.undo.tryUndoDsack() && snd.caState == CaState.RECOVERY) {
            tryKeepOpen(); // tcp_try_to_open: the recovery was spurious
        }
        boolean reoArmed = rackMarkLost(now);
        if (snd.caState == CaState.RECOVERY) {
            return reoArmed;
        }
        if (snd.rtx.lostOut > 0) {
            enterRecovery();
        } else if (snd.caState != CaState.CWR) {
            tryKeepOpen();
        }
        return reoArmed;
    }

    /**
     * tcp_rack_mark_lost: after a delivery, mark what RACK proves lost; when some segments sent
     * before the latest delivered one are not yet overdue, arm the reordering timer for the
     * longest wait plus TCP_TIMEOUT_MIN, at most the RTO. Returns whether it was armed.
     */
    private boolean rackMarkLost(long now) {
        TcpSender snd = sk.snd;
        if (!snd.rack.advanced) {
            return false;
        }
        snd.rack.advanced = false;
        long waitNs = snd.rtx.rackDetectLoss(snd.rack, reoWndNs(), now);
        if (waitNs == 0) {
            return false;
        }
        long timeoutNs = Math.min(waitNs + Rack.TIMEOUT_MIN_US * 1000, snd.rtt.rtoUs() * 1000);
        sk.armXmit(XmitTimer.REO_TIMEOUT, now + timeoutNs);
        return true;
    }

    private long reoWndNs() {
        TcpSender snd = sk.snd;
        return snd.rack.reoWndUs(snd.caState, snd.rtx.sackedOut, snd.reordering, snd.minRttUs(),
                snd.rtt.srttUs()) * 1000;
    }

    /**
     * tcp_rack_reo_timeout: the reordering window has passed; what is overdue now is lost, and if
     * that changed the flight, Recovery starts (one PRR step) and the losses are resent. The RTO
     * is then re-armed from the oldest outstanding segment.
     */
    private void reoTimeout(long now) {
        TcpSender snd = sk.snd;
        int priorInFlight = snd.rtx.inFlight();
        snd.rtx.rackDetectLoss(snd.rack, reoWndNs(), now);
        if (priorInFlight != snd.rtx.inFlight()) {
            if (snd.caState != CaState.RECOVERY) {
                enterRecovery();
                if (!snd.ccControls) {
                    cwndReduction(1, false, 0); // tcp_rack_reo_timeout: PRR's first step, unless the module owns cwnd
                }
            }
            sk.out.push(now);
        }
        if (snd.xmitTimer != XmitTimer.RETRANS || !sk.retransmitTimer.isArmed()) {
            rearmRto(now);
        }
    }

    /**
     * tcp_process_loss: Eifel or D-SACK undo (tcp_try_undo_loss); F-RTO (RFC 5682, SACK version):
     * never-retransmitted data (s)acked means the timeout was spurious (TCPSpuriousRTOs); the
     * first ACK that advances snd_una sends new data instead of more retransmissions, and SACKs or
     * dupacks after that prove the loss real. Returns true while Loss goes on (or was undone),
     * false once it has ended and the ACK goes on to the usual loss detection.
     */
    private boolean processLoss(TcpSegment seg, boolean advanced, int newlySacked, boolean dupack) {
        TcpSender snd = sk.snd;
        boolean recovered = Seq.ge(snd.sndUna, snd.highSeq);
        if (advanced && snd.undo.mayUndo(seg)) {
            snd.undo.undoLoss(false);
            return true;
        }
        if (snd.frto) {
            if (snd.rack.deliveredOriginalBefore(snd.highSeq)) {
                snd.undo.undoLoss(true); // step 3.b
                return true;
            }
            if (Seq.gt(snd.sndNxt, snd.highSeq)) {
                if (newlySacked > 0 || dupack) {
                    snd.frto = false; // step 3.a: the loss was real
                }
            } else if (advanced && !recovered) {
                snd.highSeq = snd.sndNxt; // step 2.b: new data, if any may go, before retransmitting
                if (snd.writeSeq != snd.sndNxt && Seq.gt(snd.sndUna + snd.sndWnd, snd.sndNxt)) {
                    snd.rexmitNew = true;
                    return true;
                }
                snd.frto = false;
            }
        }
        if (!recovered) {
            return true;
        }
        snd.setCaState(CaState.OPEN); // tcp_try_undo_recovery, with nothing to undo
        return false;
    }

    /** tcp_try_keep_open: Disorder while anything is SACKed, lost or retransmitted, else Open. */
    private void tryKeepOpen() {
        TcpSender snd = sk.snd;
        RetransmitQueue q = snd.rtx;
        CaState state = q.sackedOut + q.lostOut > 0 || q.retransOut > 0 ? CaState.DISORDER : CaState.OPEN;
        if (snd.caState != state) {
            snd.setCaState(state);
            snd.highSeq = snd.sndNxt;
        }
    }

    /**
     * tcp_end_cwnd_reduction: cwnd comes back to ssthresh after CWR or Recovery; nothing at all for a
     * module with .cong_control, which keeps cwnd itself (no CA_EVENT_COMPLETE_CWR either).
     */
    private void endCwndReduction() {
        TcpSender snd = sk.snd;
        if (snd.ccControls) {
            return;
        }
        if (snd.ssthresh < TcpSender.INFINITE_SSTHRESH) {
            snd.cwnd = Math.max(1, snd.ssthresh);
        }
        snd.cc.cwndEvent(snd, CaEvent.COMPLETE_CWR);
    }

    // ---- the transmit timer: RTO, tail loss probe, reordering timeout ----

    /** The transmit timer went off; what it does depends on what it was armed for (tcp_write_timer_handler). */
    void xmitTimerFired(long now) {
        switch (sk.snd.xmitTimer) {
            case REO_TIMEOUT -> reoTimeout(now);
            case LOSS_PROBE -> sendLossProbe(now);
            default -> retransmitTimeout(now);
        }
    }

    /** tcp_set_xmit_timer: a tail loss probe if one may be scheduled, else the RTO. */
    void setXmitTimer(long now) {
        if (!scheduleLossProbe(now, true)) {
            rearmRto(now);
        }
    }

    /**
     * tcp_rearm_rto: the RTO from now, or, when the timer was armed for a probe or the
     * reordering window, from the oldest outstanding segment's send time (tcp_rto_delta_us).
     */
    void rearmRto(long now) {
        TcpSender snd = sk.snd;
        if (snd.rtx.isEmpty()) {
            sk.retransmitTimer.cancel();
            return;
        }
        long rtoNs = snd.rtt.rtoUs() * 1000;
        if (snd.xmitTimer == XmitTimer.REO_TIMEOUT || snd.xmitTimer == XmitTimer.LOSS_PROBE) {
            rtoNs = Math.max(1000, snd.rtx.sentAt(0) + rtoNs - now);
        }
        sk.armXmit(XmitTimer.RETRANS, now + rtoNs);
    }

    /**
     * tcp_schedule_loss_probe: with SACK, in Open or CWR and something outstanding, a probe in
     * 2 srtt (+ tcp_rto_min with a single segment out, for the peer's delayed ACK; else
     * + TCP_TIMEOUT_MIN), or 1 s without an RTT sample; never later than the RTO would fire.
     */
    boolean scheduleLossProbe(long now, boolean advancingRto) {
        TcpSender snd = sk.snd;
        if (!sk.stack.settings.tailLossProbe || snd.rtx.packetsOut == 0 || !snd.sack
                || (snd.caState != CaState.OPEN && snd.caState != CaState.CWR)) {
            return false;
        }
        long timeoutUs;
        if (snd.rtt.srttUs() > 0) {
            timeoutUs = 2 * snd.rtt.srttUs()
                    + (snd.rtx.packetsOut == 1 ? sk.stack.settings.rtoMinUs : Rack.TIMEOUT_MIN_US);
        } else {
            timeoutUs = RttEstimator.TIMEOUT_INIT_US;
        }
        long rtoDeltaUs = advancingRto ? snd.rtt.rtoUs()
                : (snd.rtx.sentAt(0) + snd.rtt.rtoUs() * 1000 - now) / 1000;
        if (rtoDeltaUs > 0) {
            timeoutUs = Math.min(timeoutUs, rtoDeltaUs);
        }
        sk.armXmit(XmitTimer.LOSS_PROBE, now + timeoutUs * 1000);
        return true;
    }

    /**
     * tcp_send_loss_probe: one new segment if the peer's window allows (even past cwnd), else the
     * last segment again; at most one probe outstanding. Then the RTO from now.
     */
    private void sendLossProbe(long now) {
        TcpSender snd = sk.snd;
        if (snd.tlpPending) {
            rearmRto(now);
            return;
        }
        snd.tlpRetrans = false;
        boolean sent = sk.out.sendProbeOfNewData(now);
        if (!sent) {
            int last = snd.rtx.last();
            if (last < 0) {
                sk.retransmitTimer.cancel();
                return;
            }
            sk.out.resendAsProbe(last, now);
            snd.tlpRetrans = true;
        }
        snd.tlpHighSeq = snd.sndNxt;
        snd.tlpPending = true;
        sk.stack.count(MibCounter.TCP_LOSS_PROBES);
        snd.xmitTimer = XmitTimer.RETRANS; // icsk_pending = 0: the RTO restarts from now
        rearmRto(now);
    }

    /**
     * tcp_process_tlp_ack: an ACK at or past the probe's snd_nxt. A probe of new data needs
     * nothing more; a retransmitted probe acknowledged beyond it repaired a lost tail, which
     * counts as a congestion event (CWR, cwnd to ssthresh: TCPLossProbeRecovery); a pure
     * duplicate ACK means original and probe both arrived. (No DSACK here, so no FLAG_DSACK_TLP.)
     */
    private void processTlpAck(int ack, boolean pureDupack, boolean dsackTlp) {
        TcpSender snd = sk.snd;
        if (Seq.lt(ack, snd.tlpHighSeq)) {
            return;
        }
        if (!snd.tlpRetrans) {
            snd.tlpPending = false;
        } else if (dsackTlp) {
            snd.tlpPending = false; // the original and the probe both arrived: no loss
        } else if (Seq.gt(ack, snd.tlpHighSeq)) {
            initCwndReduction();
            snd.setCaState(CaState.CWR);
            endCwndReduction();
            tryKeepOpen();
            sk.stack.count(MibCounter.TCP_LOSS_PROBE_RECOVERY);
        } else if (pureDupack) {
            snd.tlpPending = false;
        }
    }

    /** tcp_init_cwnd_reduction: ssthresh from the module, PRR counters reset, no probe outstanding. */
    private void initCwndReduction() {
        TcpSender snd = sk.snd;
        snd.highSeq = snd.sndNxt;
        snd.tlpPending = false;
        snd.cwndCnt = 0;
        snd.priorCwnd = snd.cwnd;
        snd.prrDelivered = 0;
        snd.prrOut = 0;
        snd.ssthresh = snd.cc.ssthresh(snd);
    }

    /** tcp_enter_recovery: ssthresh from the module, PRR counters reset. */
    private void enterRecovery() {
        TcpSender snd = sk.snd;
        sk.stack.count(snd.sack ? MibCounter.TCP_SACK_RECOVERY : MibCounter.TCP_RENO_RECOVERY);
        snd.undo.init();
        snd.priorCwnd = snd.cwnd;
        snd.cwndCnt = 0; // tcp_init_cwnd_reduction
        snd.ssthresh = snd.cc.ssthresh(snd);
        snd.highSeq = snd.sndNxt;
        snd.prrDelivered = 0;
        snd.prrOut = 0;
        snd.tlpPending = false;
        snd.setCaState(CaState.RECOVERY);
    }

    /**
     * tcp_cong_control: PRR while in CWR or Recovery (tcp_in_cwnd_reduction), else, when the ACK
     * acknowledged new data (tcp_may_raise_cwnd: FLAG_DATA_ACKED), the module's cong_avoid with
     * the segments newly delivered, SACKed ones included.
     *
     * @param delivered  tp->delivered advanced by this ACK (tcp_newly_delivered)
     * @param newlyLost  segments marked lost while processing it (rs->losses)
     */
    private void updateCwnd(int ack, boolean dataAcked, boolean sndUnaAdvanced, int delivered, int newlyLost) {
        TcpSender snd = sk.snd;
        if (snd.caState == CaState.RECOVERY || snd.caState == CaState.CWR) {
            cwndReduction(delivered, sndUnaAdvanced, newlyLost);
            return;
        }
        if (dataAcked && delivered > 0 && snd.isCwndLimited()) {
            snd.cc.congAvoid(snd, ack, delivered);
        }
    }

    /**
     * tcp_cwnd_reduction: one PRR step (RFC 6937) for {@code delivered} newly acked or SACKed
     * segments. Above ssthresh the reduction is spread over the round trip; at or below it PRR
     * sends as much as was delivered, one more (slow start towards ssthresh) only when snd_una
     * advanced and nothing new was found lost (PRR-CRB by default, PRR-SSRB conditionally).
     */
    private void cwndReduction(int delivered, boolean sndUnaAdvanced, int newlyLost) {
        TcpSender snd = sk.snd;
        if (delivered <= 0) {
            return;
        }
        snd.prrDelivered += delivered;
        int inFlight = snd.rtx.inFlight();
        int delta = snd.ssthresh - inFlight;
        int sndcnt;
        if (delta < 0) {
            long dividend = (long) snd.ssthresh * snd.prrDelivered + snd.priorCwnd - 1;
            sndcnt = (int) (dividend / Math.max(1, snd.priorCwnd)) - snd.prrOut;
        } else {
            sndcnt = Math.max(snd.prrDelivered - snd.prrOut, delivered);
            if (sndUnaAdvanced && newlyLost == 0) {
                sndcnt++;
            }
            sndcnt = Math.min(delta, sndcnt);
        }
        sndcnt = Math.max(sndcnt, snd.prrOut == 0 ? 1 : 0); // force a fast retransmit on entering recovery
        snd.cwnd = Math.max(1, inFlight + sndcnt);
    }

    /**
     * The retransmit timer fired with data outstanding (tcp_retransmit_timer): give up after
     * tcp_retries2 (tcp_orphan_retries for an orphan), else enter Loss, back off and resend.
     * With nothing outstanding it is the zero-window probe timer.
     */
    void retransmitTimeout(long now) {
        TcpSender snd = sk.snd;
        if (snd.rtx.isEmpty()) {
            snd.probe0.timerFired(now);
            return;
        }
        if (writeTimedOut(now)) {
            sk.stack.count(MibCounter.TCP_ABORT_ON_TIMEOUT);
            sk.fail("ETIMEDOUT", TcpEvent.TIMEOUT, "retransmit-timeout", now);
            return;
        }
        sk.stack.count(MibCounter.TCP_TIMEOUTS);
        enterLoss();
        snd.rtt.backoff();
        snd.retransmits++;
        sk.out.push(now); // the retransmission sets retrans_stamp if this is the first
        sk.armXmit(XmitTimer.RETRANS, now + clampRtoToUserTimeoutNs(now));
    }

    /**
     * tcp_clamp_rto_to_user_timeout: with TCP_USER_TIMEOUT, the next RTO fires no later than the
     * user timeout counted from the first retransmission (at once once it has passed).
     */
    private long clampRtoToUserTimeoutNs(long now) {
        TcpSender snd = sk.snd;
        long rtoNs = snd.rtt.rtoUs() * 1000;
        long userTimeoutNs = sk.options.userTimeoutMs() * 1_000_000L;
        if (userTimeoutNs == 0 || snd.retransStampNs == 0) {
            return rtoNs;
        }
        long remaining = userTimeoutNs - (now - snd.retransStampNs);
        return remaining <= 0 ? 1_000_000L : Math.min(rtoNs, remaining);
    }

    /**
     * tcp_check_sack_reordering: segments delivered {@code fack - lowSeq} bytes below the highest
     * SACK show that much reordering; tp->reordering grows to it (whole segments, at most
     * tcp_max_reordering).
     */
    void growReordering(int fack, int lowSeq) {
        TcpSender snd = sk.snd;
        int mss = snd.mss;
        if (!Seq.lt(lowSeq, fack) || mss == 0) {
            return;
        }
        long metric = Integer.toUnsignedLong(fack - lowSeq);
        if (metric > (long) snd.reordering * mss) {
            snd.reordering = (int) Math.min((metric + mss - 1) / mss, sk.stack.settings.maxReordering);
        }
    }

    /** tcp_enter_loss: ssthresh from the module, cwnd to one segment, every unSACKed segment lost. */
    private void enterLoss() {
        TcpSender snd = sk.snd;
        // tcp_enter_loss: a timeout in Disorder after many duplicate ACKs means reordering was overestimated
        int sysctlReordering = sk.stack.settings.reordering;
        if (snd.caState.ordinal() <= CaState.DISORDER.ordinal() && snd.rtx.sackedOut >= sysctlReordering) {
            snd.reordering = Math.min(snd.reordering, sysctlReordering);
        }
        // F-RTO only for a first timeout outside recovery, or recurring timeouts on the same snd_una
        boolean newRecovery = snd.caState.ordinal() < CaState.RECOVERY.ordinal();
        snd.frto = sk.stack.settings.frto && rackPath() && (newRecovery || snd.retransmits > 0);
        snd.rexmitNew = false;
        if (snd.caState != CaState.LOSS || snd.retransmits == 0) {
            if (snd.caState.ordinal() <= CaState.DISORDER.ordinal() || !Seq.gt(snd.highSeq, snd.sndUna)
                    || snd.caState == CaState.LOSS) {
                snd.undo.init();
                snd.priorCwnd = snd.cwnd;
                snd.ssthresh = snd.cc.ssthresh(snd);
            }
        }
        snd.rtx.renoSackedOut = 0; // tcp_enter_loss: tcp_reset_reno_sack
        int priorLostRetrans = snd.rtx.lostRetransmits;
        snd.rtx.markAllLost();
        if (snd.rtx.lostRetransmits != priorLostRetrans) {
            sk.stack.add(MibCounter.TCP_LOST_RETRANSMIT, snd.rtx.lostRetransmits - priorLostRetrans);
        }
        snd.tlpPending = false; // tcp_enter_loss: tp->tlp_high_seq = 0
        snd.cwnd = snd.rtx.inFlight() + 1;
        snd.cwndCnt = 0;
        snd.highSeq = snd.sndNxt;
        snd.dupAcks = 0;
        snd.setCaState(CaState.LOSS);
    }

    /**
     * retransmits_timed_out with tcp_model_timeout: the time a run of RTOs doubling from
     * TCP_RTO_MIN would take for the allowed number of retries (924.6 s for tcp_retries2 = 15), or
     * TCP_USER_TIMEOUT, measured from the first retransmission (retrans_stamp, set by
     * tcp_retransmit_skb; a tail loss probe does not set it).
     */
    private boolean writeTimedOut(long now) {
        TcpSender snd = sk.snd;
        TcpSettings st = sk.stack.settings;
        int retries = st.retries2;
        if (sk.orphan) {
            retries = st.orphanRetries == 0 ? 8 : st.orphanRetries; // tcp_orphan_retries(): 0 means 8
        }
        if (snd.retransStampNs == 0) {
            return false;
        }
        if (sk.options.userTimeoutMs() > 0) {
            return now - snd.retransStampNs >= sk.options.userTimeoutMs() * 1_000_000L; // icsk_user_timeout
        }
        long timeoutUs = modelTimeoutUs(retries, 200_000, st.rtoMaxUs);
        return now - snd.retransStampNs >= timeoutUs * 1000;
    }

    /** tcp_model_timeout(sk, boundary, rto_base). */
    static long modelTimeoutUs(int boundary, long rtoBaseUs, long rtoMaxUs) {
        int thresh = 63 - Long.numberOfLeadingZeros(rtoMaxUs / rtoBaseUs); // ilog2(TCP_RTO_MAX / rto_base)
        if (boundary <= thresh) {
            return ((2L << boundary) - 1) * rtoBaseUs;
        }
        return ((2L << thresh) - 1) * rtoBaseUs + (long) (boundary - thresh) * rtoMaxUs;
    }
}
