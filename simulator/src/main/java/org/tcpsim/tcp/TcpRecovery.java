package org.tcpsim.tcp;

import org.tcpsim.kernel.MibCounter;
import org.tcpsim.api.congestion.CaEvent;
import org.tcpsim.api.congestion.CaState;

/**
 * The sender's congestion state machine (net/ipv4/tcp_input.c: tcp_fastretrans_alert and its
 * helpers): marking losses (dupthresh or RACK), entering and leaving Recovery and Loss, F-RTO,
 * tail-loss-probe acknowledgements, and PRR while cwnd is reduced (tcp_cwnd_reduction). Undoing a
 * spurious reduction is {@link Undo}'s. Driven by {@link TcpAckProcessor} per ACK and by
 * {@link TcpTimers} when the RTO or the reordering timer fires.
 */
final class TcpRecovery implements MarkLost.ReoWnd {
    private final TcpSocket sk;

    TcpRecovery(TcpSocket sk) {
        this.sk = sk;
    }

    /**
     * RACK marks losses when SACK is on (6.18: whatever tcp_recovery says; 4.9: when its bit 0x1 asks
     * for it); else dupthresh does.
     */
    boolean rackPath() {
        return sk.snd.sack && sk.stack.settings.rack;
    }

    /**
     * tcp_fastretrans_alert without RACK (no SACK, or 4.9 with tcp_recovery = 0): RFC 6675 dupthresh
     * marking or NewReno dupacks; the state exits (Recovery and Loss are held without SACK while
     * snd_una is exactly high_seq), the undos (tcp_try_undo_recovery, tcp_try_undo_partial,
     * tcp_try_undo_dsack, and Loss's in tcp_process_loss), Disorder and Open (tcp_try_to_open), and
     * entering Recovery (tcp_time_to_recover). Never arms a reordering timer.
     */
    boolean detectLoss(TcpSegment seg, boolean dupack, boolean advanced, int newlySacked, int priorSndUna) {
        TcpSender snd = sk.snd;
        // D. the state exits at high_seq
        endCwr();
        if (snd.caState == CaState.RECOVERY && Seq.ge(snd.sndUna, snd.highSeq)) {
            if (!snd.sack) {
                snd.rtx.renoSackedOut = 0; // tcp_reset_reno_sack
            }
            if (tryUndoRecovery(seg)) {
                return false; // Reno held at snd_una = high_seq: no duplicate counted, nothing marked
            }
            endCwndReduction();
        }
        // E. the state's own processing
        switch (snd.caState) {
            case RECOVERY -> {
                if (!advanced) {
                    if (!snd.sack && dupack) {
                        RenoSacks.addRenoSack(sk);
                    }
                } else if (tryUndoPartial(seg, priorSndUna)) {
                    return false; // reordering, with retransmissions still in flight: wait for them
                }
                if (snd.undo.tryUndoDsack()) {
                    tryKeepOpen();
                }
                RenoSacks.newrenoMarkLost(sk, advanced);
                if (snd.caState != CaState.RECOVERY) {
                    // undone: a loss still evident starts a new recovery (reordering, then loss)
                    if (!timeToRecover()) {
                        return false;
                    }
                    enterRecovery();
                }
                updateScoreboard(newlySacked);
                return false;
            }
            case LOSS -> {
                // tcp_process_loss (undo, F-RTO, the state exit) for every loss detection; only a Loss
                // that ended in Open goes on to the default case (FLAG_LOST_RETRANS, the other way
                // there, is set only by RACK's loss detection, tcp_identify_packet_loss)
                processLoss(seg, advanced, newlySacked, dupack);
                if (snd.caState != CaState.LOSS) {
                    RtoStats.updateTime(snd.rtoStats, sk.now()); // tcp_update_rto_time
                }
                if (snd.caState != CaState.OPEN) {
                    return false;
                }
            }
            default -> { }
        }
        if (!snd.sack) {
            // Reno: an advancing ACK clears the duplicate-ACK count (tcp_reset_reno_sack), each
            // duplicate ACK adds one (tcp_add_reno_sack)
            if (advanced) {
                snd.rtx.renoSackedOut = 0;
            }
            if (dupack) {
                RenoSacks.addRenoSack(sk);
            }
        }
        if (snd.caState.ordinal() <= CaState.DISORDER.ordinal()) {
            snd.undo.tryUndoDsack();
        }
        RenoSacks.newrenoMarkLost(sk, advanced);
        if (!timeToRecover()) {
            tryToOpen();
            return false;
        }
        enterRecovery();
        updateScoreboard(newlySacked);
        return false;
    }

    /**
     * tcp_update_scoreboard with SACK, after the state machine: a hole with tp->reordering SACKed
     * segments above it is lost (RFC 6675's IsLost, as tcp_mark_head_lost counts it). Only new SACK
     * information can reveal a new loss, so it runs when this ACK SACKed something.
     */
    private void updateScoreboard(int newlySacked) {
        TcpSender snd = sk.snd;
        if (snd.sack && newlySacked > 0) {
            MarkLost.bySack(snd.rtx, snd.reordering);
        }
    }

    /** tcp_time_to_recover without RACK: a loss is proven, or more than tp->reordering segments (s)acked above. */
    private boolean timeToRecover() {
        RetransmitQueue q = sk.snd.rtx;
        return q.lostOut > 0 || q.sackedOut + q.renoSackedOut + 1 > sk.snd.reordering;
    }

    /**
     * tcp_try_to_open: no retransmission left (!tcp_any_retrans_done) clears retrans_stamp; outside
     * CWR, tcp_try_keep_open picks Disorder or Open.
     */
    private void tryToOpen() {
        TcpSender snd = sk.snd;
        if (snd.rtx.retransOut == 0 && !snd.rtx.headEverRetransmitted()) {
            snd.retransStampNs = 0;
        }
        if (snd.caState != CaState.CWR) {
            tryKeepOpen();
        }
    }

    /**
     * tcp_try_undo_recovery, as Recovery ends (or Loss, from tcp_process_loss): the reduction is
     * undone when tcp_may_undo (every retransmission D-SACKed, or tcp_packet_delayed): TCPFullUndo,
     * TCPLossUndo from Loss; else RACK's widened window is kept for one recovery less. Without SACK
     * the state is then held at snd_una = high_seq (tcp_is_non_sack_preventing_reopen: returns
     * true), else it becomes Open.
     */
    private boolean tryUndoRecovery(TcpSegment seg) {
        TcpSender snd = sk.snd;
        if (snd.undo.mayUndo(seg)) {
            snd.undo.undoCwndReduction(false);
            sk.stack.count(snd.caState == CaState.LOSS ? MibCounter.TCP_LOSS_UNDO : MibCounter.TCP_FULL_UNDO);
        } else if (snd.rack.reoWndPersist > 0) {
            snd.rack.reoWndPersist--; // one more recovery with the widened window
        }
        if (!snd.sack && snd.sndUna == snd.highSeq) {
            snd.undo.holdNonSack();
            return true;
        }
        snd.setCaState(CaState.OPEN);
        return false;
    }

    /**
     * tcp_try_undo_partial (with RACK or without): a partial ACK echoing a timestamp older than
     * the first retransmission (tcp_packet_delayed) says the hole was filled by the delayed original.
     * That is reordering (tcp_check_sack_reordering(sk, prior_snd_una, 1): tp->reordering grows to
     * the distance from prior_snd_una to the highest SACK, snd_una without SACK; TCPTSReorder). With
     * retransmissions still in flight it returns true (send new data, mark nothing more); else the
     * reduction is undone (TCPPartialUndo) and tcp_try_keep_open leaves Recovery.
     */
    private boolean tryUndoPartial(TcpSegment seg, int priorSndUna) {
        TcpSender snd = sk.snd;
        if (!snd.undo.pending || !snd.undo.packetDelayed(seg)) {
            return false;
        }
        int fack = snd.rtx.highestSackSeq(snd.sndUna);
        if (Seq.lt(priorSndUna, fack)) { // tcp_check_sack_reordering returns at once otherwise
            sk.acks.growReordering(fack, priorSndUna);
            snd.rack.reordSeen++;
            sk.stack.count(MibCounter.TCP_TS_REORDER);
        }
        if (snd.rtx.retransOut > 0) {
            return true;
        }
        if (!snd.rtx.headEverRetransmitted()) {
            snd.retransStampNs = 0; // !tcp_any_retrans_done
        }
        snd.undo.undoCwndReduction(true);
        sk.stack.count(MibCounter.TCP_PARTIAL_UNDO);
        tryKeepOpen();
        return false;
    }

    /**
     * tcp_fastretrans_alert with RACK (6.x): Recovery ends at high_seq; Loss ends at high_seq;
     * outside Loss every ACK that delivered something runs tcp_rack_mark_lost, and a proven loss
     * (lost_out > 0, tcp_time_to_recover) starts Recovery; otherwise tcp_try_keep_open picks Open
     * or Disorder. Returns true when the reordering timer was armed (which then keeps the
     * transmit timer: FLAG_SET_XMIT_TIMER is cleared).
     */
    boolean detectLossRack(TcpSegment seg, boolean advanced, int priorSndUna, int newlySacked, boolean dupack,
                           long now) {
        TcpSender snd = sk.snd;
        endCwr();
        if (snd.caState == CaState.RECOVERY && Seq.ge(snd.sndUna, snd.highSeq)) {
            // tcp_try_undo_recovery (every retransmission reported duplicate, or the ACK echoes a
            // timestamp older than the first retransmission: undo), then tcp_end_cwnd_reduction,
            // which brings cwnd to ssthresh unless undone and raises CA_EVENT_COMPLETE_CWR either way
            tryUndoRecovery(seg); // with SACK it never holds the state
            endCwndReduction();
        }
        if (snd.caState == CaState.LOSS) {
            return processLossRack(seg, advanced, newlySacked, dupack, now);
        }
        if (snd.caState == CaState.RECOVERY && advanced && tryUndoPartial(seg, priorSndUna)) {
            return false; // reordering, with retransmissions still in flight: wait for them
        }
        // after an undo tcp_try_undo_partial returns false too, and tcp_fastretrans_alert goes on:
        // tcp_try_undo_dsack, tcp_identify_packet_loss (RACK looks again), tcp_time_to_recover
        if (snd.undo.tryUndoDsack() && snd.caState == CaState.RECOVERY) {
            tryKeepOpen(); // tcp_try_to_open: the recovery was spurious
        }
        boolean reoArmed = rackMarkLost(now);
        if (snd.caState == CaState.RECOVERY) {
            return reoArmed;
        }
        if (snd.rtx.lostOut > 0) {
            enterRecovery();
        } else {
            // tcp_try_to_open: also as Recovery ends at high_seq, which clears retrans_stamp when nothing
            // retransmitted is left, so a later recovery's Eifel check starts from its own retransmission
            tryToOpen();
        }
        return reoArmed;
    }

    /**
     * tcp_fastretrans_alert's TCP_CA_Loss case with RACK: tcp_process_loss, then
     * tcp_identify_packet_loss (tcp_rack_mark_lost runs in Loss too); only when Loss ended in Open
     * (undone, or high_seq reached) or RACK found a retransmission lost again (retrans_out fell:
     * FLAG_LOST_RETRANS) does it fall through to the default case: tcp_try_undo_dsack in Open or
     * Disorder, then tcp_time_to_recover, which, with anything lost, takes Loss to Recovery
     * (tcp_enter_recovery: a new undo episode and a reduction from the current cwnd); else
     * tcp_try_to_open. Returns whether the reordering timer was armed.
     */
    private boolean processLossRack(TcpSegment seg, boolean advanced, int newlySacked, boolean dupack, long now) {
        TcpSender snd = sk.snd;
        processLoss(seg, advanced, newlySacked, dupack);
        if (snd.caState != CaState.LOSS) {
            RtoStats.updateTime(snd.rtoStats, now); // tcp_update_rto_time
        }
        int priorRetrans = snd.rtx.retransOut;
        boolean reoArmed = rackMarkLost(now);
        boolean lostRetrans = snd.rtx.retransOut < priorRetrans;
        if (snd.caState != CaState.OPEN && !lostRetrans) {
            return reoArmed;
        }
        if (snd.caState.ordinal() <= CaState.DISORDER.ordinal()) {
            snd.undo.tryUndoDsack();
        }
        reoArmed |= rackMarkLost(now); // an undo has RACK look again
        if (snd.rtx.lostOut > 0) {
            snd.rexmitNew = false; // tcp_fastretrans_alert ends with REXMIT_LOST
            enterRecovery();
            return reoArmed;
        }
        tryToOpen();
        return reoArmed;
    }

    /**
     * tcp_fastretrans_alert as tcp_ack's no_queue runs it for a D-SACK (FLAG_DSACKING_ACK) with
     * nothing outstanding: no dupack, snd_una not advanced, nothing SACKed or lost, snd_una = snd_nxt,
     * which is at or past high_seq. Recovery and Loss are over by now (the ACK that emptied the
     * queue reached high_seq and ended them, with SACK); CWR holds while snd_una = high_seq. In Open
     * and Disorder every retransmission D-SACKed undoes the reduction (tcp_try_undo_dsack:
     * TCPDSACKUndo, cwnd and ssthresh back); tcp_identify_packet_loss finds an empty queue,
     * tcp_time_to_recover nothing lost, and tcp_try_to_open settles Open (no retransmission left,
     * so retrans_stamp is cleared; CWR is kept). Its REXMIT_LOST is not acted on: no_queue does not
     * call tcp_xmit_recovery.
     */
    void alertNothingOutstanding() {
        TcpSender snd = sk.snd;
        if (snd.caState == CaState.CWR && snd.sndUna != snd.highSeq) {
            endCwndReduction(); // state exit: something above high_seq was acknowledged
            snd.setCaState(CaState.OPEN);
        }
        if (snd.caState.ordinal() <= CaState.DISORDER.ordinal()) {
            snd.undo.tryUndoDsack();
        }
        snd.retransStampNs = 0; // tcp_try_to_open: !tcp_any_retrans_done (the Open state exit clears it too)
        if (snd.caState != CaState.CWR) {
            tryKeepOpen();
        }
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
        long waitNs = MarkLost.rackDetectLoss(snd.rtx, snd.rack, this, now);
        if (waitNs == 0) {
            return false;
        }
        long timeoutNs = Math.min(waitNs + Rack.TIMEOUT_MIN_US * 1000, snd.rtt.rtoUs() * 1000);
        sk.armXmit(XmitTimer.REO_TIMEOUT, now + timeoutNs);
        return true;
    }

    @Override
    public long reoWndNs() {
        TcpSender snd = sk.snd;
        return snd.rack.reoWndUs(snd.caState, snd.rtx.sackedOut, snd.reordering, snd.minRttUs(),
                snd.rtt.srttUs()) * 1000;
    }

    /**
     * tcp_process_loss: Eifel or D-SACK undo (tcp_try_undo_loss); F-RTO (RFC 5682, SACK-enhanced
     * with SACK, the basic version without: there only cumulative ACKs and duplicate ACKs count):
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
        if (recovered) {
            // tcp_try_undo_recovery, with RACK too: may undo (TCPLossUndo), else spends one recovery of
            // a widened reo_wnd (reo_wnd_persist); Reno is held at snd_una = high_seq
            return tryUndoRecovery(seg);
        }
        if (!snd.sack) {
            // tcp_process_loss, Reno: a duplicate ACK after F-RTO's new data (step 2.b) means some of it
            // arrived (tcp_add_reno_sack); an advancing ACK clears the count (tcp_reset_reno_sack)
            if (dupack && Seq.gt(snd.sndNxt, snd.highSeq)) {
                RenoSacks.addRenoSack(sk);
            } else if (advanced) {
                snd.rtx.renoSackedOut = 0;
            }
        }
        return true;
    }

    /**
     * tcp_try_keep_open: Disorder while anything is SACKed or lost (tcp_left_out) or retransmitted
     * (tcp_any_retrans_done: retrans_out, or the head ever retransmitted, as a tail loss probe leaves
     * it), else Open.
     */
    private void tryKeepOpen() {
        TcpSender snd = sk.snd;
        RetransmitQueue q = snd.rtx;
        CaState state = q.sackedOut + q.renoSackedOut + q.lostOut > 0 || q.retransOut > 0 || q.headEverRetransmitted()
                ? CaState.DISORDER : CaState.OPEN;
        if (snd.caState != state) {
            snd.setCaState(state);
            snd.highSeq = snd.sndNxt;
        }
    }

    /**
     * tcp_end_cwnd_reduction (6.18): nothing at all for a module with .cong_control, which keeps cwnd
     * itself (no CA_EVENT_COMPLETE_CWR either). Otherwise cwnd comes back to ssthresh (and
     * snd_cwnd_stamp is set) in CWR, or when undo_marker is still set: a Recovery that ended without
     * an undo (tcp_undo_cwnd_reduction clears it, and tcp_try_undo_recovery has already set Open).
     * CA_EVENT_COMPLETE_CWR is raised in every case, after an undo too.
     */
    private void endCwndReduction() {
        TcpSender snd = sk.snd;
        if (snd.ccControls) {
            return;
        }
        // Linux: snd_ssthresh < TCP_INFINITE_SSTHRESH && (icsk_ca_state == TCP_CA_CWR || undo_marker)
        if (snd.ssthresh < TcpSender.INFINITE_SSTHRESH && (snd.caState == CaState.CWR || snd.undo.pending)) {
            snd.cwnd = Math.max(1, snd.ssthresh);
            snd.cwndStampNs = sk.now();
        }
        snd.cc.cwndEvent(snd, CaEvent.COMPLETE_CWR);
    }

    /**
     * tcp_process_tlp_ack: an ACK at or past the probe's snd_nxt. A probe of new data needs
     * nothing more; a retransmitted probe acknowledged beyond it repaired a lost tail, which
     * counts as a congestion event (CWR, cwnd to ssthresh: TCPLossProbeRecovery); a pure
     * duplicate ACK means original and probe both arrived. (No DSACK here, so no FLAG_DSACK_TLP.)
     */
    void processTlpAck(int ack, boolean pureDupack, boolean dsackTlp) {
        TcpSender snd = sk.snd;
        if (Seq.lt(ack, snd.tlpHighSeq)) {
            return;
        }
        if (!snd.tlpRetrans) {
            snd.tlpPending = false;
        } else if (dsackTlp) {
            snd.tlpPending = false; // the original and the probe both arrived: no loss
        } else if (ack != snd.tlpHighSeq) {
            // ack is not below tlp_high_seq here (returned above): != says "after" without a second
            // signed compare of ack - tlp_high_seq, the shape C2 mis-deoptimized in TcpInput (4531a73)
            initCwndReduction();
            snd.setCaState(CaState.CWR);
            endCwndReduction();
            tryKeepOpen();
            sk.stack.count(MibCounter.TCP_LOSS_PROBE_RECOVERY);
        } else if (pureDupack) {
            snd.tlpPending = false;
        }
    }

    /**
     * tcp_fastretrans_alert's state exit for CWR (entered by {@link #enterCwr}): held until something
     * above high_seq is acknowledged, then cwnd comes back to ssthresh and the state to Open.
     */
    private void endCwr() {
        TcpSender snd = sk.snd;
        if (snd.caState == CaState.CWR && Seq.gt(snd.sndUna, snd.highSeq)) {
            endCwndReduction();
            snd.setCaState(CaState.OPEN);
        }
    }

    /**
     * tcp_enter_cwr: a packet the host's qdisc dropped (__tcp_transmit_skb, err > 0) reduces cwnd by
     * PRR as ECN would, without retransmitting: from Open or Disorder into CWR; nothing to undo later.
     */
    void enterCwr() {
        TcpSender snd = sk.snd;
        snd.undo.priorSsthresh = 0;
        if (snd.caState.ordinal() < CaState.CWR.ordinal()) {
            snd.undo.pending = false; // undo_marker = 0
            initCwndReduction();
            snd.setCaState(CaState.CWR);
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
    void enterRecovery() {
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
     * tcp_cwnd_reduction: one PRR step (RFC 6937) for {@code delivered} newly acked or SACKed
     * segments. Above ssthresh the reduction is spread over the round trip; at or below it PRR
     * sends as much as was delivered, one more (slow start towards ssthresh) only when snd_una
     * advanced and nothing new was found lost (PRR-CRB by default, PRR-SSRB conditionally).
     */
    void cwndReduction(int delivered, boolean sndUnaAdvanced, int newlyLost) {
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
     * tcp_enter_loss: ssthresh from the module, cwnd to one segment, every unSACKed segment lost;
     * snd_cwnd_stamp set.
     */
    void enterLoss() {
        TcpSender snd = sk.snd;
        // tcp_enter_loss: a timeout in Disorder after many duplicate ACKs means reordering was overestimated
        int sysctlReordering = sk.stack.settings.reordering;
        if (snd.caState.ordinal() <= CaState.DISORDER.ordinal() && snd.rtx.sackedOut >= sysctlReordering) {
            snd.reordering = Math.min(snd.reordering, sysctlReordering);
        }
        // F-RTO only for a first timeout outside recovery, or recurring timeouts on the same snd_una
        boolean newRecovery = snd.caState.ordinal() < CaState.RECOVERY.ordinal();
        snd.frto = sk.stack.settings.frto && (newRecovery || snd.retransmits > 0); // SACK or not (6.18)
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
        // tcp_timeout_mark_lost; RACK's timing (6.18, with SACK: tcp_rack_advance runs only then)
        // leaves what was sent within rack.rtt unmarked
        boolean rackTimed = snd.sack && sk.stack.kernel.rackAlwaysMarksLosses();
        MarkLost.timeout(snd.rtx, rackTimed ? snd.rack.rttUs : 0, sk.now());
        if (snd.rtx.lostRetransmits != priorLostRetrans) {
            sk.stack.add(MibCounter.TCP_LOST_RETRANSMIT, snd.rtx.lostRetransmits - priorLostRetrans);
        }
        snd.tlpPending = false; // tcp_enter_loss: tp->tlp_high_seq = 0
        snd.cwnd = snd.rtx.inFlight() + 1;
        snd.cwndCnt = 0;
        snd.cwndStampNs = sk.now();
        snd.highSeq = snd.sndNxt;
        snd.setCaState(CaState.LOSS);
    }
}
