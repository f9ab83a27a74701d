package org.tcpsim.tcp;

import org.tcpsim.kernel.KernelVersion;
import org.tcpsim.kernel.MibCounter;
import org.tcpsim.api.congestion.AckFlags;
import org.tcpsim.api.congestion.CaAckEvent;
import org.tcpsim.api.congestion.CaState;

/**
 * What an acknowledgement does to the sender (net/ipv4/tcp_input.c: tcp_ack, tcp_clean_rtx_queue,
 * tcp_sacktag_write_queue, tcp_cong_control). The loss-recovery state machine it drives
 * (tcp_fastretrans_alert, tcp_cwnd_reduction) is {@link TcpRecovery}'s; what the retransmit timer does
 * when no ACK comes (tcp_timer.c) is {@link TcpTimers}'s.
 */
final class TcpAckProcessor {
    private final TcpSocket sk;
    /** This ACK's tcp_sacktag_state (the stack's one: see {@link TcpStack#ackTag}). */
    private final SackTagState acked;
    /** The SACK blocks of the ACK being processed that tcp_is_sackblock_valid accepted (bit i: block i). */
    private int validBlocks;
    /** The congestion state machine the ACK drives (tcp_fastretrans_alert and its helpers). */
    final TcpRecovery recovery;

    TcpAckProcessor(TcpSocket sk) {
        this.sk = sk;
        this.acked = sk.stack.ackTag;
        this.recovery = new TcpRecovery(sk);
    }

    /** Processes the ACK field of an acceptable segment; false if the segment must be dropped. */
    boolean process(TcpSegment seg, long now) {
        TcpSender snd = sk.snd;
        RetransmitQueue rtx = snd.rtx; // a local: no reload after each call this method does not inline
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
            if (tooOld(ack)) {
                // tcp_ack, RFC 5961 5.2: the segment is dropped, data and all, and answered with a
                // (rate-limited) challenge ACK (SKB_DROP_REASON_TCP_TOO_OLD_ACK)
                sk.in.challengeAck(now);
                return false;
            }
            oldAck(seg, now); // an old ACK: its ACK field is ignored, its data kept
            return true;
        }
        snd.probesOut = 0; // tcp_ack: the peer is alive, whatever its window
        int window = seg.window << snd.sndWscale;
        boolean windowChanged = window != snd.sndWnd;
        // rs->prior_in_flight: only a module with .cong_control reads it (congControl)
        int priorInFlight = snd.ccControls ? rtx.inFlight() : 0;
        int priorLost = rtx.lost;
        boolean advanced = Seq.gt(ack, snd.sndUna);
        // tcp_may_update_window (FLAG_WIN_UPDATE): snd_una advances, or the peer's sequence does, or
        // at the same sequence the window grows or closes; a smaller non-zero one is ignored
        boolean windowUpdate = advanced || Seq.gt(seg.seq, snd.sndWl1)
                || (seg.seq == snd.sndWl1 && (window > snd.sndWnd || window == 0));
        // FLAG_NOT_DUP = FLAG_DATA (data or a FIN: ack_seq != end_seq) | FLAG_WIN_UPDATE | FLAG_ACKED
        boolean notDup = advanced || windowUpdate || seg.dataLength > 0 || seg.has(TcpSegment.FIN);
        // tcp_ack's num_dupack, counted only with something outstanding (not for a D-SACK: below)
        boolean dupack = !notDup && !rtx.isEmpty();
        if (windowUpdate) {
            if (windowChanged && (snd.writeSeq != snd.sndNxt || (snd.finQueued && !snd.finSent))) {
                // tcp_ack_update_window: a new window with unsent data may end an idle period
                sk.out.slowStartAfterIdleCheck(now); // tcp_slow_start_after_idle_check
            }
            snd.setWindow(window);
            snd.sndWl1 = seg.seq;
            snd.sndWl2 = ack;
        }
        // tcp_in_ack_event: every ACK takes the slow path here (no header prediction)
        snd.cc.inAckEvent(snd, windowUpdate ? CaAckEvent.CA_ACK_SLOWPATH | CaAckEvent.CA_ACK_WIN_UPDATE
                : CaAckEvent.CA_ACK_SLOWPATH);
        if (rtx.isEmpty() && !advanced) {
            return noQueue(seg, !notDup, now);
        }
        boolean rackPath = recovery.rackPath(); // sack and tcp_recovery do not change within one ACK
        long nowUs = now / 1000; // the ACK's time in us (tp->tcp_mstamp), divided once
        int priorSndUna = snd.sndUna;
        int priorSacked = rtx.sackedOut;
        int priorDelivered = rtx.delivered;
        int priorLostRetrans = rtx.lostRetransmits;
        acked.clear();
        snd.rack.beginAck(rtx.highestSackSeq(snd.sndUna)); // prior_fack
        snd.rate.beginAck();
        int dsack = 0;
        if (snd.sack && seg.sackBlocks != null) {
            // tcp_sacktag_write_queue runs before tcp_clean_rtx_queue: tcp_check_dsack, the blocks'
            // validity, the D-SACK block's walk over the entries, those this ACK acknowledges included
            dsack = checkSackBlocks(seg, priorSndUna, ack);
        }
        int priorPackets = rtx.packetsOut;
        // tcp_skb_spurious_retrans: retransmissions last sent after the echoed timestamp do not advance RACK
        long spuriousFromNs = sk.timestamps && seg.hasTimestamps && seg.tsEcr != 0
                ? sk.sentAfterTsNs(seg.tsEcr, now) : Long.MAX_VALUE;
        rtx.ackUpTo(ack, acked, snd.rack, snd.rate, now, snd.minRttUs(), spuriousFromNs);
        if (priorPackets > 0 && rtx.isEmpty()) {
            snd.chrono.stop(Chrono.BUSY, snd.queuesEmpty(), now); // tcp_clean_rtx_queue: every skb acknowledged
        }
        if (!snd.sack) {
            RenoSacks.removeRenoSacks(sk, acked.packets); // tcp_clean_rtx_queue (FLAG_ACKED)
        }
        if (advanced) {
            long delta = Integer.toUnsignedLong(ack - snd.sndUna);
            if (snd.finSent && Seq.gt(ack, snd.finSeq) && Seq.le(snd.sndUna, snd.finSeq)) {
                delta--; // the FIN's sequence number carries no payload
            }
            snd.bytesAcked += delta;
            snd.sndUna = ack;
            snd.retransmits = 0;
            // tcp_try_to_open: only outside CWR, Recovery and Loss, and only when tcp_any_retrans_done()
            // is false; it is also the clock tcp_packet_delayed compares the echoed timestamp with (the
            // undo of Recovery and Loss, tcp_try_undo_recovery, _partial, _loss), so those states keep it
            boolean retransDone = rtx.retransOut > 0 || rtx.lostOut > 0
                    || snd.caState.ordinal() > CaState.DISORDER.ordinal() || rtx.headEverRetransmitted();
            if (!retransDone) {
                snd.retransStampNs = 0;
            }
        }
        int newlySacked = 0;
        boolean dsackTlp = false;
        if (snd.sack && seg.sackBlocks != null) {
            dsackTlp = (dsack & Undo.DSACK_TLP) != 0;
            dupack &= (dsack & Undo.DSACKING) == 0; // FLAG_DSACKING_ACK: no dupack
            newlySacked = sacktag(seg, now);
        }
        // Without a segment cumulatively acked or an original newly SACKed (firstSackt), no segment is
        // a reordering candidate (Rack.deliveredOriginal; only a D-SACK may still show reordering:
        // Rack.dsackReordered) and there is no RTT sample: most ACKs a receiver gets, the ACK field
        // of each data segment, skip both (same results, fewer steps)
        boolean ackedOrSackedOriginal = acked.packets > 0 || acked.firstSackt >= 0;
        if (ackedOrSackedOriginal || snd.rack.dsackReorderPending()) {
            checkSackReordering();
        }
        snd.rack.updateReoWnd(snd.rateSample.priorDelivered, rtx.delivered, sk.stack.settings.rackStaticReoWnd);
        // FLAG_ACK_MAYBE_DELAYED (tcp_clean_rtx_queue): one runt segment acknowledged, nothing SACKed
        boolean ackMaybeDelayed = acked.packets == 1 && acked.bytes < snd.mss && priorSacked == 0
                && seg.sackBlocks == null;
        if (ackedOrSackedOriginal) {
            sampleRtt(seg, ackMaybeDelayed, now, nowUs);
        } else {
            // nothing (s)acked: no RTT sample of any kind, so what sampleRtt would do comes to this
            // (tcp_ack_update_rtt with seq_rtt_us = sack_rtt_us = ca_rtt_us = -1: rs->rtt_us = -1)
            snd.rateSample.rttUs = -1;
        }
        if (snd.tlpPending) {
            // !(flag & (FLAG_SND_UNA_ADVANCED | FLAG_NOT_DUP | FLAG_DATA_SACKED))
            recovery.processTlpAck(ack, !notDup && newlySacked == 0, dsackTlp);
        }
        boolean reoArmed = rackPath
                ? recovery.detectLossRack(seg, advanced, priorSndUna, newlySacked, dupack, now)
                : recovery.detectLoss(seg, dupack, advanced, newlySacked, priorSndUna);
        if (rtx.lostRetransmits != priorLostRetrans) {
            sk.stack.add(MibCounter.TCP_LOST_RETRANSMIT, rtx.lostRetransmits - priorLostRetrans);
        }
        // tcp_newly_delivered: segments this ACK delivered for the first time, cumulatively or by
        // SACK (one SACKed earlier and now cumulatively acknowledged is not delivered again)
        int delivered = rtx.delivered - priorDelivered;
        // tcp_rate_gen: this ACK's rate sample (no SACK reneging in tcpsim, so never is_sack_reneg)
        snd.rate.gen(delivered, rtx.lost - priorLost, false, nowUs, rtx.delivered, snd.rttMin.get());
        if (snd.ccControls) {
            congControl(seg, ack, advanced, windowUpdate, newlySacked, ackMaybeDelayed, priorInFlight);
        } else {
            updateCwnd(ack, mayRaiseCwnd(acked.packets > 0, newlySacked > 0), advanced, delivered,
                    rtx.lost - priorLost, now);
            snd.pacing.updatePacingRate(snd); // tcp_cong_control: tcp_update_pacing_rate
        }
        if (snd.finSent && Seq.gt(snd.sndUna, snd.finSeq) && advanced) {
            sk.finAcked(now);
        }
        if (rtx.isEmpty()) {
            snd.probe0.ackArrived(now);
        } else if (!reoArmed && (advanced || acked.firstSackt >= 0 && sackRttOlderThanHead(nowUs))) {
            sk.timers.setXmitTimer(now); // FLAG_SET_XMIT_TIMER
        }
        if (advanced) {
            // tcp_clean_rtx_queue freed what was acked; growing the buffer and waking a writer wait
            // for tcp_check_space, after what may go now has been sent (TcpInput)
            sk.chargeMemory(now);
        }
        return sk.state != TcpState.CLOSED;
    }

    /**
     * tcp_clean_rtx_queue's FLAG_SET_XMIT_TIMER for an ACK that acknowledged nothing cumulatively
     * (no FLAG_ACKED) but newly SACKed a never-retransmitted segment (sack_rtt_us, so rtt_update):
     * set when that SACK RTT is longer than the time since the head was last (re)transmitted, "do not
     * re-arm RTO if the sack RTT is measured from data sent after when the head was last
     * (re)transmitted. Otherwise the timeout may continue to extend in loss recovery". Both are
     * tcp_stamp_us_delta (never below 0) in us. Own scripts rto/sack-of-older-data-rearms-rto.pkt
     * and rto/sack-without-rtt-sample-keeps-rto.pkt.
     */
    private boolean sackRttOlderThanHead(long nowUs) {
        long sackRttUs = Math.max(0, nowUs - acked.firstSackt / 1000);
        return sackRttUs > Math.max(0, nowUs - sk.snd.rtx.sentAt(0) / 1000);
    }

    /**
     * tcp_ack's no_queue: with nothing outstanding (!prior_packets) Linux skips tcp_clean_rtx_queue,
     * tcp_rate_gen and tcp_cong_control (so cwnd and the pacing rate stay as they are). SACK blocks
     * were read before that test (tcp_sacktag_write_queue: tcp_check_dsack, then nothing left to
     * tag); a D-SACK among them (FLAG_DSACKING_ACK) still runs tcp_fastretrans_alert, which may undo
     * the last reduction (tcp_try_undo_dsack), and tcp_newly_delivered (TCPDelivered, not modelled;
     * tp->delivered grew in tcp_check_dsack). Then the zero-window probe backoff is cleared
     * (tcp_ack_probe) and a pending TLP checked (tcp_process_tlp_ack). No tcp_xmit_recovery.
     */
    private boolean noQueue(TcpSegment seg, boolean pureDupack, long now) {
        TcpSender snd = sk.snd;
        int dsack = 0;
        if (snd.sack && seg.sackBlocks != null) {
            dsack = snd.undo.checkDsack(seg, snd.sndUna);
            if ((dsack & Undo.DSACKING) != 0) {
                recovery.alertNothingOutstanding();
            }
        }
        snd.probe0.ackArrived(now);
        if (snd.tlpPending) {
            recovery.processTlpAck(seg.ack, pureDupack, (dsack & Undo.DSACK_TLP) != 0);
        }
        return sk.state != TcpState.CLOSED;
    }

    /**
     * tcp_sacktag_write_queue up to its walk: tcp_check_dsack; then, with anything outstanding,
     * each block tested by tcp_is_sackblock_valid ({@code sndUna}: snd_una at this ACK's value),
     * a refused D-SACK counted in TCPDSACKIgnoredOld (undo_marker set) or TCPDSACKIgnoredNoUndo, any
     * other refused block in TCPSACKDiscard unless it lies at or below snd_una under an ACK that is
     * not at snd_una (ACK reordering); then the D-SACK block's walk (Undo.dsackTag). The valid
     * blocks are kept for {@link #sacktag}. Returns tcp_check_dsack's FLAG_* bits.
     */
    private int checkSackBlocks(TcpSegment seg, int priorSndUna, int sndUna) {
        TcpSender snd = sk.snd;
        int dsack = snd.undo.checkDsack(seg, priorSndUna);
        validBlocks = 0;
        if (snd.rtx.isEmpty()) {
            return dsack; // !tp->packets_out: nothing to tag
        }
        int[] b = seg.sackBlocks;
        boolean dup = (dsack & Undo.DSACKING) != 0;
        for (int i = 0; i + 1 < b.length; i += 2) {
            boolean dupBlock = dup && i == 0;
            if (snd.undo.sackBlockValid(b[i], b[i + 1], dupBlock, sndUna)) {
                validBlocks |= 1 << (i >> 1);
            } else if (dupBlock) {
                sk.stack.count(snd.undo.pending ? MibCounter.TCP_DSACK_IGNORED_OLD : MibCounter.TCP_DSACK_IGNORED_NO_UNDO);
            } else if (seg.ack == sndUna || Seq.gt(b[i + 1], sndUna)) {
                sk.stack.count(MibCounter.TCP_SACK_DISCARD);
            }
        }
        if (dup && (validBlocks & 1) != 0) {
            snd.undo.dsackTag(b[0], b[1], priorSndUna);
        }
        return dsack;
    }

    /**
     * Tags the entries the segment's valid SACK blocks cover (tcp_sacktag_write_queue's walk; what
     * ends at or below snd_una is acknowledged already); returns the packets newly SACKed.
     */
    private int sacktag(TcpSegment seg, long now) {
        TcpSender snd = sk.snd;
        int newlySacked = 0;
        for (int i = 0; i + 1 < seg.sackBlocks.length; i += 2) {
            int s = seg.sackBlocks[i];
            int e = seg.sackBlocks[i + 1];
            if ((validBlocks & 1 << (i >> 1)) != 0 && Seq.gt(e, snd.sndUna)) {
                newlySacked += snd.rtx.sack(s, e, acked, snd.rack, snd.rate, now, snd.minRttUs());
            }
        }
        return newlySacked;
    }

    /** tcp_check_sack_reordering: a segment delivered below the highest SACKed one grows tp->reordering. */
    private void checkSackReordering() {
        TcpSender snd = sk.snd;
        int fack = snd.rtx.highestSackSeq(snd.sndUna);
        if (snd.rack.endAck(fack)) {
            growReordering(fack, snd.rack.reorderedFrom());
            sk.stack.count(MibCounter.TCP_SACK_REORDER);
        }
    }

    /**
     * tcp_ack's old_ack: an ACK below snd_una still carries SACK information. Its blocks are tagged
     * (tcp_sacktag_write_queue), the loss state machine runs (tcp_fastretrans_alert, no dupack, snd_una
     * not advanced) and what the smaller flight allows is sent (tcp_xmit_recovery); cwnd is not
     * touched (no tcp_cong_control).
     */
    /**
     * tcp_ack's bound for old ACKs (RFC 5961 5.2, blind data injection): an ACK further below snd_una
     * than the largest window the peer advertised is too old; on 6.x also further than the bytes acked
     * so far (min(max_window, bytes_acked): "do not accept ACK for bytes we never sent", a 2023 fix
     * 4.9 never got). The model's acked-byte count leaves out the SYN and the FIN, Linux's
     * bytes_acked counts them: the bound differs by those one or two bytes.
     */
    private boolean tooOld(int ack) {
        TcpSender snd = sk.snd;
        long bound = Integer.toUnsignedLong(snd.maxWindow);
        if (sk.stack.kernel != KernelVersion.V4_9) {
            bound = Math.min(bound, snd.bytesAcked);
        }
        return Seq.lt(ack, snd.sndUna - (int) bound);
    }

    private void oldAck(TcpSegment seg, long now) {
        TcpSender snd = sk.snd;
        if (!snd.sack || seg.sackBlocks == null) {
            return;
        }
        int priorSndUna = snd.sndUna;
        int priorLostRetrans = snd.rtx.lostRetransmits;
        acked.clear();
        snd.rack.beginAck(snd.rtx.highestSackSeq(snd.sndUna));
        snd.rate.beginAck();
        checkSackBlocks(seg, priorSndUna, priorSndUna);
        int newlySacked = sacktag(seg, now);
        checkSackReordering();
        if (recovery.rackPath()) {
            recovery.detectLossRack(seg, false, priorSndUna, newlySacked, false, now);
        } else {
            recovery.detectLoss(seg, false, false, newlySacked, priorSndUna);
        }
        if (snd.rtx.lostRetransmits != priorLostRetrans) {
            sk.stack.add(MibCounter.TCP_LOST_RETRANSMIT, snd.rtx.lostRetransmits - priorLostRetrans);
        }
        sk.out.push(now); // tcp_xmit_recovery
    }

    /**
     * tcp_ack_update_rtt's sample: the RTT of the oldest segment this ACK cumulatively covers
     * (seq_rtt_us, tcp_clean_rtx_queue's first_ackt) unless it covers any retransmitted data (Karn;
     * FLAG_RETRANS_DATA_ACKED), else that of the first segment it newly SACKed (sack_rtt_us,
     * tcp_sacktag_one's first_sackt: never retransmitted), else, when it acknowledged data, the
     * timestamp echo. The min_rtt filter (tcp_update_rtt_min) and rs->rtt_us take ca_rtt_us, the RTT
     * of the newest segment acked (last_ackt) or, when it SACKed any, SACKed (last_sackt).
     */
    private long sampleRtt(TcpSegment seg, boolean ackMaybeDelayed, long now, long nowUs) {
        TcpSender snd = sk.snd;
        long rttUs = -1;
        long caRttUs = -1;
        if (acked.rttSentAt >= 0 && !acked.anyRetransmitted) {
            rttUs = (now - acked.rttSentAt) / 1000;
            caRttUs = nowUs - acked.lastAckt / 1000;
        }
        if (acked.firstSackt >= 0) {
            if (rttUs < 0) {
                rttUs = nowUs - acked.firstSackt / 1000; // seq_rtt_us = sack_rtt_us
            }
            caRttUs = nowUs - acked.lastSackt / 1000;
        }
        if (rttUs < 0 && sk.timestamps && seg.tsEcr != 0 && acked.packets > 0) {
            rttUs = Math.max(1, (long) (sk.tsNow(now) - seg.tsEcr)) * 1000;
            caRttUs = rttUs; // seq_rtt_us = ca_rtt_us = tcp_rtt_tsopt_us()
        }
        snd.rateSample.rttUs = caRttUs;
        if (rttUs >= 0) {
            snd.updateRttMin(caRttUs, ackMaybeDelayed, nowUs);
            snd.rtt.sample(rttUs, snd.sndUna, snd.sndNxt);
        }
        // tcp_clean_rtx_queue: struct ack_sample, rtt_us = rs->rtt_us (ca_rtt_us), in_flight as 6.x
        // computes it; Linux calls pkts_acked on every ACK it cleans, so also on one that only SACKed
        // (pkts_acked 0, a SACK RTT). An ACK that neither acked nor SACKed an original is not called
        // here: its rtt_us is -1, which every module returns on.
        CongestionSamples.Ack sample = snd.ackSample;
        sample.pktsAcked = acked.packets;
        sample.rttUs = caRttUs;
        sample.inFlight = (long) snd.mss * (snd.rtx.delivered - snd.rateSample.priorDelivered);
        snd.cc.pktsAcked(snd, sample);
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

    /**
     * tcp_may_raise_cwnd: only an ACK of new data in order grows cwnd (RFC 5681, FLAG_DATA_ACKED),
     * unless reordering was seen beyond tcp_reordering: then new SACKs do too (FLAG_FORWARD_PROGRESS).
     */
    private boolean mayRaiseCwnd(boolean dataAcked, boolean dataSacked) {
        if (sk.snd.reordering > sk.stack.settings.reordering) {
            return dataAcked || dataSacked;
        }
        return dataAcked;
    }

    /**
     * tcp_cong_control: PRR while in CWR or Recovery (tcp_in_cwnd_reduction), else, when
     * {@link #mayRaiseCwnd} allows, the module's cong_avoid with the segments newly delivered,
     * SACKed ones included, and snd_cwnd_stamp set (tcp_cong_avoid).
     *
     * @param delivered  tp->delivered advanced by this ACK (tcp_newly_delivered)
     * @param newlyLost  segments marked lost while processing it (rs->losses)
     * @param now        the ACK's time (tcp_jiffies32 for the stamp)
     */
    private void updateCwnd(int ack, boolean mayRaise, boolean sndUnaAdvanced, int delivered, int newlyLost, long now) {
        TcpSender snd = sk.snd;
        if (snd.caState == CaState.RECOVERY || snd.caState == CaState.CWR) {
            recovery.cwndReduction(delivered, sndUnaAdvanced, newlyLost);
            return;
        }
        if (mayRaise) {
            if (delivered > 0 && snd.isCwndLimited()) {
                snd.cc.congAvoid(snd, ack, delivered);
            }
            snd.cwndStampNs = now; // tcp_cong_avoid stamps after .cong_avoid, even one that left cwnd alone
        }
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

}
