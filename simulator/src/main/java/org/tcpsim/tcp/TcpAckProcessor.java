package org.tcpsim.tcp;

import org.tcpsim.kernel.MibCounter;
import org.tcpsim.tcp.congestion.CaState;

/**
 * What an acknowledgement does to the sender (net/ipv4/tcp_input.c: tcp_ack, tcp_clean_rtx_queue,
 * tcp_sacktag_write_queue, tcp_fastretrans_alert, tcp_cwnd_reduction) and what the retransmit
 * timer does when none comes (tcp_timer.c: tcp_retransmit_timer, tcp_write_timeout).
 */
final class TcpAckProcessor {
    private final TcpSocket sk;
    private final RetransmitQueue.Acked acked = new RetransmitQueue.Acked();
    /** snd_nxt when the current round began: an ACK past it ends the round. */
    private int roundEnd;

    TcpAckProcessor(TcpSocket sk) {
        this.sk = sk;
    }

    /** Processes the ACK field of an acceptable segment; false if the segment must be dropped. */
    boolean process(TcpSegment seg, long now) {
        TcpSender snd = sk.snd;
        int ack = seg.ack;
        if (Seq.gt(ack, snd.sndNxt)) {
            sk.out.sendAck(now, false); // acknowledges data never sent (RFC 9293 3.10.7.4)
            return false;
        }
        if (Seq.lt(ack, snd.sndUna)) {
            return true; // an old duplicate ACK: ignore its ACK, keep its data
        }
        int window = seg.window << snd.sndWscale;
        boolean windowChanged = window != snd.sndWnd;
        boolean dupack = ack == snd.sndUna && seg.dataLength == 0 && !seg.has(TcpSegment.FIN) && !windowChanged
                && !snd.rtx.isEmpty();
        // tcp_ack_update_window
        if (Seq.gt(ack, snd.sndUna) || Seq.gt(seg.seq, snd.sndWl1) || (seg.seq == snd.sndWl1 && windowChanged)) {
            snd.sndWnd = window;
            snd.sndWl1 = seg.seq;
            snd.sndWl2 = ack;
        }
        boolean advanced = Seq.gt(ack, snd.sndUna);
        acked.packets = 0;
        acked.bytes = 0;
        acked.rttSentAt = -1;
        acked.anyRetransmitted = false;
        snd.rtx.ackUpTo(ack, acked);
        if (advanced) {
            long delta = Integer.toUnsignedLong(ack - snd.sndUna);
            if (snd.finSent && Seq.gt(ack, snd.finSeq) && Seq.le(snd.sndUna, snd.finSeq)) {
                delta--; // the FIN's sequence number carries no payload
            }
            snd.bytesAcked += delta;
            snd.sndUna = ack;
            snd.retransmits = 0;
            snd.dupAcks = 0;
            if (snd.rtx.retransOut == 0 && snd.rtx.lostOut == 0) {
                snd.retransStampNs = 0;
            }
        }
        int newlySacked = 0;
        if (snd.sack && seg.sackBlocks != null) {
            for (int i = 0; i + 1 < seg.sackBlocks.length; i += 2) {
                int s = seg.sackBlocks[i];
                int e = seg.sackBlocks[i + 1];
                if (Seq.gt(e, snd.sndUna) && Seq.le(e, snd.sndNxt)) {
                    newlySacked += snd.rtx.sack(s, e);
                }
            }
        }
        sampleRtt(seg, now);
        detectLoss(dupack, advanced, acked.packets, newlySacked);
        updateCwnd(ack, acked.packets, newlySacked);
        if (snd.finSent && Seq.gt(snd.sndUna, snd.finSeq) && advanced) {
            sk.finAcked(now);
        }
        if (snd.rtx.isEmpty()) {
            sk.retransmitTimer.cancel();
        } else if (advanced) {
            sk.retransmitTimer.arm(now + snd.rtt.rtoUs() * 1000); // tcp_rearm_rto
        }
        if (Seq.ge(snd.sndUna, roundEnd)) {
            snd.newRound();
            roundEnd = snd.sndNxt;
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
    private void sampleRtt(TcpSegment seg, long now) {
        TcpSender snd = sk.snd;
        long rttUs = -1;
        if (acked.rttSentAt >= 0 && !acked.anyRetransmitted) {
            rttUs = (now - acked.rttSentAt) / 1000;
        } else if (sk.timestamps && seg.tsEcr != 0 && acked.packets > 0) {
            rttUs = Math.max(1, (long) (sk.tsNow(now) - seg.tsEcr)) * 1000;
        }
        if (rttUs >= 0) {
            snd.rtt.sample(rttUs, snd.sndUna, snd.sndNxt);
            if (snd.minRttUs == 0 || rttUs < snd.minRttUs) {
                snd.minRttUs = Math.max(1, rttUs);
            }
        }
        if (acked.packets > 0) {
            snd.cc.pktsAcked(snd, acked.packets, rttUs);
        }
    }

    /** tcp_fastretrans_alert: mark losses, enter and leave Recovery, end Loss. */
    private void detectLoss(boolean dupack, boolean advanced, int ackedPackets, int newlySacked) {
        TcpSender snd = sk.snd;
        if (snd.sack) {
            if (newlySacked > 0) {
                snd.rtx.markLostBySack(TcpSender.DUPTHRESH); // only new SACK information can reveal a new loss
            }
        } else if (dupack) {
            snd.dupAcks++;
            if (snd.dupAcks >= TcpSender.DUPTHRESH && snd.caState != CaState.RECOVERY
                    && snd.caState != CaState.LOSS) {
                snd.rtx.markHeadLost();
            }
        }
        switch (snd.caState) {
            case RECOVERY -> {
                if (Seq.ge(snd.sndUna, snd.highSeq)) {
                    // tcp_end_cwnd_reduction: cwnd comes back to ssthresh
                    snd.cwnd = Math.max(1, Math.min(snd.cwnd, snd.ssthresh));
                    if (snd.ssthresh < TcpSender.INFINITE_SSTHRESH) {
                        snd.cwnd = snd.ssthresh;
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
    }

    /** tcp_enter_recovery: ssthresh from the module, PRR counters reset. */
    private void enterRecovery() {
        TcpSender snd = sk.snd;
        sk.stack.count(snd.sack ? MibCounter.TCP_SACK_RECOVERY : MibCounter.TCP_RENO_RECOVERY);
        snd.priorCwnd = snd.cwnd;
        snd.ssthresh = snd.cc.ssthresh(snd);
        snd.highSeq = snd.sndNxt;
        snd.prrDelivered = 0;
        snd.prrOut = 0;
        snd.setCaState(CaState.RECOVERY);
    }

    /**
     * tcp_cong_control: PRR during Recovery (RFC 6937, tcp_cwnd_reduction), else the module's
     * cong_avoid when the flow was cwnd-limited.
     */
    private void updateCwnd(int ack, int ackedPackets, int newlySacked) {
        TcpSender snd = sk.snd;
        if (snd.caState == CaState.RECOVERY) {
            int delivered = ackedPackets + newlySacked;
            if (delivered <= 0) {
                return;
            }
            snd.prrDelivered += delivered;
            int inFlight = snd.rtx.inFlight();
            int sndcnt;
            if (inFlight > snd.ssthresh) {
                long dividend = (long) snd.ssthresh * snd.prrDelivered + snd.priorCwnd - 1;
                sndcnt = (int) (dividend / Math.max(1, snd.priorCwnd)) - snd.prrOut;
            } else {
                sndcnt = Math.min(snd.ssthresh - inFlight, Math.max(snd.prrDelivered - snd.prrOut, ackedPackets) + 1);
            }
            sndcnt = Math.max(sndcnt, snd.prrOut == 0 ? 1 : 0);
            snd.cwnd = Math.max(1, inFlight + sndcnt);
            return;
        }
        if (ackedPackets > 0 && snd.isCwndLimited()) {
            snd.cc.congAvoid(snd, ack, ackedPackets);
        }
    }

    /**
     * The retransmit timer fired with data outstanding (tcp_retransmit_timer): give up after
     * tcp_retries2 (tcp_orphan_retries for an orphan), else enter Loss, back off and resend.
     * With nothing outstanding it is the zero-window probe timer.
     */
    void retransmitTimeout(long now) {
        TcpSender snd = sk.snd;
        if (snd.rtx.isEmpty()) {
            if (snd.writeSeq != snd.sndNxt || (snd.finQueued && !snd.finSent)) {
                sk.out.sendWindowProbe(now);
                snd.rtt.backoff();
                sk.retransmitTimer.arm(now + snd.rtt.rtoUs() * 1000);
            }
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
        if (snd.retransStampNs == 0) {
            snd.retransStampNs = Math.max(1, snd.rtx.sentAt(0));
        }
        sk.out.push(now);
        sk.retransmitTimer.arm(now + snd.rtt.rtoUs() * 1000);
    }

    /** tcp_enter_loss: ssthresh from the module, cwnd to one segment, every unSACKed segment lost. */
    private void enterLoss() {
        TcpSender snd = sk.snd;
        if (snd.caState != CaState.LOSS || snd.retransmits == 0) {
            if (snd.caState.ordinal() <= CaState.DISORDER.ordinal() || !Seq.gt(snd.highSeq, snd.sndUna)
                    || snd.caState == CaState.LOSS) {
                snd.priorCwnd = snd.cwnd;
                snd.ssthresh = snd.cc.ssthresh(snd);
            }
        }
        snd.rtx.markAllLost();
        snd.cwnd = snd.rtx.inFlight() + 1;
        snd.cwndCnt = 0;
        snd.highSeq = snd.sndNxt;
        snd.dupAcks = 0;
        snd.setCaState(CaState.LOSS);
    }

    /**
     * retransmits_timed_out with tcp_model_timeout: the time a run of RTOs doubling from
     * TCP_RTO_MIN would take for the allowed number of retries, measured from the first
     * retransmission's original send time (924.6 s for tcp_retries2 = 15).
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
